using System.Text;
using Xenith.Cpu.Arm;
using Xenith.Images;
using Xenith.Platform.Board;

namespace Xenith.Tests.Linux;

/// <summary>A board booting the Debian kernel on a background thread, with its UART output collected.</summary>
internal sealed class BoardRun : IDisposable
{
    /// <summary>Debian's kernels and the busybox initramfs, fetched (or refreshed) once per test run.</summary>
    private static readonly Lazy<string> ImageDir = new(() =>
    {
        var cache = ImageCache.Default();
        DebianImages.Update(cache, TextWriter.Null);
        return cache.Directory;
    });

    /// <summary>The image cache, filled on first use.</summary>
    public static string ImageDirectory => ImageDir.Value;

    private readonly StringBuilder _output = new();
    private readonly VirtBoard _board;
    private readonly Task<BoardExit> _task;
    private readonly CancellationTokenSource _cancel = new();

    /// <param name="cpu">The CPU model (Cortex-A15 when null).</param>
    /// <param name="kernel">The kernel's file name in the image cache.</param>
    public BoardRun(int cpus, bool deterministic, string bootargs, CpuProfile? cpu = null, string kernel = ImageCache.LpaeKernel)
    {
        string dir = ImageDir.Value;
        var options = new BoardOptions { Cpu = cpu ?? CpuProfile.CortexA15, CpuCount = cpus, MemoryBytes = 512ul << 20, Deterministic = deterministic };
        _board = new VirtBoard(options, b =>
        {
            lock (_output)
            {
                _output.Append((char)b);
                Monitor.PulseAll(_output);
            }
        });
        _board.LoadLinux(File.ReadAllBytes(Path.Combine(dir, kernel)),
            File.ReadAllBytes(Path.Combine(dir, ImageCache.Initramfs)), bootargs, null);
        _task = Task.Run(() => _board.Run(_cancel.Token));
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public void WaitFor(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_output)
        {
            while (!_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _task.IsCompleted)
                    Assert.Fail($"no \"{text}\" on the console; it shows:\n{_output}");
                Monitor.Wait(_output, TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 500)));
            }
        }
    }

    public void Type(string text)
    {
        foreach (byte b in Encoding.ASCII.GetBytes(text))
        {
            while (!_board.Uart.CanReceive)
                Thread.Sleep(1);
            _board.Uart.Receive(b);
        }
    }

    public BoardExit Finish(TimeSpan timeout)
    {
        if (!_task.Wait(timeout))
        {
            _cancel.Cancel();
            Assert.Fail($"the board did not stop within {timeout}; the console shows:\n{Output}");
        }
        return _task.Result;
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try
        {
            _task.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }
        _board.Dispose();
        _cancel.Dispose();
    }
}
