using System.Runtime.ExceptionServices;

namespace Xenith.Toolstack.Tests.Vchan;

/// <summary>A host thread whose failure is rethrown by Join, so a broken end fails its test instead of the test host.</summary>
internal sealed class TestThread
{
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    private TestThread(Action body)
    {
        _thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
        })
        { IsBackground = true };
    }

    public ThreadState ThreadState => _thread.ThreadState;

    public static TestThread Start(Action body)
    {
        var t = new TestThread(body);
        t._thread.Start();
        return t;
    }

    public void Join()
    {
        _thread.Join();
        _failure?.Throw();
    }
}
