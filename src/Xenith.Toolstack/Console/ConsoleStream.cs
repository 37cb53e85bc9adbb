using System.Threading.Channels;

namespace Xenith.Toolstack.Console;

/// <summary>
/// One attached console client (xl console): reads give what the log holds, then the guest's output as it comes;
/// writes are keystrokes for the guest. A read of 0 bytes means the domain is gone.
/// </summary>
internal sealed class ConsoleStream : Stream
{
    private readonly Toolstack _toolstack;
    private readonly ConsoleBackend _backend;
    private readonly Channel<byte[]> _output = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest });
    private ReadOnlyMemory<byte> _pending;

    public ConsoleStream(Toolstack toolstack, ConsoleBackend backend)
    {
        _toolstack = toolstack;
        _backend = backend;
        // Called under the gate, as is every Output and Closed event: nothing is lost or doubled in between.
        _pending = backend.Log;
        backend.Output += OnOutput;
        backend.Closed += OnClosed;
    }

    private void OnOutput(byte[] data) => _output.Writer.TryWrite(data);

    private void OnClosed() => _output.Writer.TryComplete();

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pending.IsEmpty)
        {
            if (!await _output.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                return 0;
            if (_output.Reader.TryRead(out var next))
                _pending = next;
        }
        int n = Math.Min(buffer.Length, _pending.Length);
        _pending[..n].CopyTo(buffer);
        _pending = _pending[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (_toolstack.Machine.Gate)
            _backend.Input(buffer.AsSpan(offset, count));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_toolstack.Machine.Gate)
            {
                _backend.Output -= OnOutput;
                _backend.Closed -= OnClosed;
            }
        }
        base.Dispose(disposing);
    }
}
