using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Xenith.Rpc;

namespace Xenith.Xl.Tests;

/// <summary>The contract over a real Unix socket: a server on a fake toolstack, the real client.</summary>
public sealed class RpcRoundTripTests : IAsyncLifetime
{
    // A guard against a hang, not a timing assertion: every awaited event here happens at once.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xlt-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeToolstack _fake = new();
    private RpcServer? _server;
    private Task? _running;

    private string Socket => Path.Combine(_dir, "x.sock");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _server = RpcServer.Listen(Socket, _fake);
        _running = _server.RunAsync(CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void List_ComesBackFieldForField()
    {
        var client = new RpcClient(Socket);
        Assert.Equal(_fake.Domains, client.ListDomains());
        Assert.Equal(_fake.Host with { HwCaps = [], VirtCaps = [] }, client.GetHostInfo() with { HwCaps = [], VirtCaps = [] });
        Assert.Equal(_fake.Host.HwCaps, client.GetHostInfo().HwCaps);
        Assert.Equal((uint?)1, client.DomainIdByName("debian"));
        Assert.Null(client.DomainIdByName("nosuch"));
        Assert.Null(client.GetDomain(42));
    }

    [Fact]
    public void XlList_OverTheSocket_PrintsXensTable()
    {
        var (code, output, _) = XlRunner.Run(new RpcClient(Socket), "list");
        Assert.Equal(0, code);
        Assert.Equal(
            "Name                                        ID   Mem VCPUs\tState\tTime(s)\n" +
            "Domain-0                                     0  1024     2     r-----      12.3\n" +
            "debian                                       1   512     1     -b----       3.4\n",
            output);
    }

    [Fact]
    public void CreateError_KeepsItsLinesCodesAndMessage()
    {
        _fake.CreateError = new RpcException("Failed to parse config: Invalid argument", 1, LibxlError.Invalid,
            ["/home/user/vms/hello.cfg:3: config parsing error near `=': syntax error", "WARNING: unknown key \"colour\""]);
        var client = new RpcClient(Socket);
        var e = Assert.Throws<RpcException>(() => client.Create(new CreateRequest("hello.cfg", ["vcpus=2"], "/home/user/vms", false)));
        Assert.Equal("Failed to parse config: Invalid argument", e.Message);
        Assert.Equal(1, e.ExitCode);
        Assert.Equal(LibxlError.Invalid, e.ErrorCode);
        Assert.Equal(["/home/user/vms/hello.cfg:3: config parsing error near `=': syntax error", "WARNING: unknown key \"colour\""],
            e.Diagnostics);
        Assert.Equal(["create hello.cfg [vcpus=2] cwd=/home/user/vms paused=False"], _fake.Calls);
    }

    [Fact]
    public void UnknownDomain_IsATypedError()
    {
        var e = Assert.Throws<RpcException>(() => new RpcClient(Socket).Destroy(42));
        Assert.Equal("Domain 42 does not exist.", e.Message);
        Assert.Equal(LibxlError.DomainNotFound, e.ErrorCode);
    }

    [Fact]
    public async Task Console_CarriesBytesBothWays_AndDetachClosesIt()
    {
        var stream = new RpcClient(Socket).OpenConsole(1, ConsoleType.Pv, 0);
        var received = new List<byte>();
        var buffer = new byte[64];
        while (received.Count < _fake.ConsoleOutput.Length)
        {
            int n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Guard);
            Assert.NotEqual(0, n);
            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        Assert.Equal("hello from guest\n", Encoding.ASCII.GetString(received.ToArray()));
        await stream.WriteAsync("ls /\n"u8.ToArray());
        await _fake.LastConsole!.NewlineTyped.Task.WaitAsync(Guard);
        Assert.Equal("ls /\n", _fake.LastConsole.Typed);
        stream.Dispose();
        await _fake.LastConsole.Closed.WaitAsync(Guard);
    }

    [Fact]
    public void Console_OnAMissingDomainFails()
    {
        var e = Assert.Throws<RpcException>(() => new RpcClient(Socket).OpenConsole(9, ConsoleType.Pv, 0));
        Assert.Equal("Domain 9 does not exist.", e.Message);
    }

    [Fact]
    public async Task XenStoreWatch_StreamsEvents()
    {
        var events = new List<string>();
        await foreach (var e in new RpcClient(Socket).XenStoreWatchAsync("/local/domain/1", "tok", CancellationToken.None))
            events.Add($"{e.Path} {e.Token}");
        Assert.Equal(["/local/domain/1 tok", "/local/domain/1/name tok"], events);
    }

    [Fact]
    public async Task DeadClientMidCall_CancelsTheCall_AndTheServerGoesOn()
    {
        using (var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
            byte[] json = """{"op":"wait","args":{"domId":99,"untilDeath":true}}"""u8.ToArray();
            var frame = new byte[4 + json.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame, json.Length);
            json.CopyTo(frame, 4);
            await socket.SendAsync(frame);
            while (!_fake.Calls.Contains("wait 99 True"))
                await Task.Delay(10);
        }
        await _fake.WaitCancelled.Task.WaitAsync(Guard);
        new RpcClient(Socket).Ping();
    }

    [Fact]
    public async Task GarbageFrame_OnlyEndsThatConnection()
    {
        using (var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
            await socket.SendAsync(new byte[] { 0x7f, 0xff, 0xff, 0xff, 1, 2, 3 });
            var one = new byte[1];
            int n;
            try
            {
                n = await socket.ReceiveAsync(one, SocketFlags.None).WaitAsync(Guard);
            }
            catch (SocketException)
            {
                n = 0; // reset rather than closed: the server dropped us either way
            }
            Assert.Equal(0, n);
        }
        Assert.Equal(2, new RpcClient(Socket).ListDomains().Count);
    }

    [Fact]
    public async Task Halt_IsAnsweredThenStopsTheServer()
    {
        new RpcClient(Socket).Halt();
        Assert.True(_fake.Halted);
        await _running!.WaitAsync(Guard);
        Assert.True(_server!.Stopping.IsCancellationRequested);
    }

    [Fact]
    public void NoDaemon_IsAClearError()
    {
        string missing = Path.Combine(_dir, "none.sock");
        var e = Assert.Throws<RpcException>(() => new RpcClient(missing).ListDomains());
        Assert.Equal($"cannot reach the Xenith daemon at {missing} (no socket there); start one with `xenith boot -d`", e.Message);
        Assert.False(RpcClient.Answers(missing));
        Assert.True(RpcClient.Answers(Socket));
    }
}
