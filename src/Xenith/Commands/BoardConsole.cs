using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Xenith.Platform.Board;

namespace Xenith;

/// <summary>
/// The host side of the UART: guest bytes to stdout unbuffered; stdin bytes to the guest from a background
/// thread. A terminal is put in raw mode (and restored on exit, SIGTERM or SIGINT) and Ctrl-A x quits.
/// </summary>
internal sealed class BoardConsole : IDisposable
{
    private const byte CtrlA = 0x01;

    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly CancellationTokenSource _cancel = new();
    private readonly bool _interactive = !Console.IsInputRedirected;
    private readonly string? _savedTerminal;
    private readonly PosixSignalRegistration[] _signals;
    private volatile VirtBoard? _board;
    private volatile bool _inputOpen = true;
    private volatile bool _quitByUser;

    public BoardConsole()
    {
        _signals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
        if (_interactive)
        {
            Console.Error.WriteLine("xenith: the terminal is the guest's serial console; Ctrl-A x quits");
            _savedTerminal = Stty("-g", captureOutput: true)?.Trim();
            Stty("raw -echo", captureOutput: false);
        }
        var reader = new Thread(ReadInput) { IsBackground = true, Name = "xenith console input" };
        reader.Start();
    }

    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Ctrl-A x ended the run (rather than a signal).</summary>
    public bool QuitByUser => _quitByUser;

    public void Attach(VirtBoard? board)
    {
        if (board != null)
            board.WaitForInputWhenIdle = _inputOpen;
        _board = board;
    }

    public void Transmit(byte b) => _stdout.WriteByte(b);

    public void Dispose()
    {
        _stdout.Flush();
        if (_savedTerminal is { Length: > 0 } saved)
            Stty(saved, captureOutput: false);
        foreach (var s in _signals)
            s.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Cancel();
    }

    private void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run is already over.
        }
    }

    private void ReadInput()
    {
        // fd 0 itself: Console's own stdin stream edits and echoes lines when it is a terminal.
        using var stdin = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        var buffer = new byte[256];
        bool escape = false;
        while (true)
        {
            int n;
            try
            {
                n = stdin.Read(buffer);
            }
            catch (IOException)
            {
                n = 0;
            }
            if (n == 0)
                break;
            for (int i = 0; i < n; i++)
            {
                byte b = buffer[i];
                if (_interactive)
                {
                    // QEMU's escape: Ctrl-A x quits, Ctrl-A Ctrl-A (or a) sends one Ctrl-A, others are dropped.
                    if (escape)
                    {
                        escape = false;
                        if (b is (byte)'x' or (byte)'X')
                        {
                            _quitByUser = true;
                            Cancel();
                            return;
                        }
                        if (b is not (CtrlA or (byte)'a'))
                            continue;
                        b = CtrlA;
                    }
                    else if (b == CtrlA)
                    {
                        escape = true;
                        continue;
                    }
                }
                Deliver(b);
            }
        }
        _inputOpen = false;
        if (_board is { } board)
            board.WaitForInputWhenIdle = false;
    }

    /// <summary>Into the UART's receive FIFO, waiting while the guest has not drained it.</summary>
    private void Deliver(byte b)
    {
        while (!_cancel.IsCancellationRequested)
        {
            if (_board is { } board && board.Uart.CanReceive)
            {
                board.Uart.Receive(b);
                return;
            }
            Thread.Sleep(2);
        }
    }

    /// <summary>
    /// Runs stty on /dev/tty with every standard stream redirected: .NET resets the terminal around a child
    /// that shares it, and would undo the raw mode as soon as stty exits.
    /// </summary>
    private static string? Stty(string arguments, bool captureOutput)
    {
        try
        {
            var psi = new ProcessStartInfo("/bin/stty", "-F /dev/tty " + arguments)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi);
            if (p == null)
                return null;
            p.StandardInput.Close();
            string output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 && captureOutput ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no stty: the terminal stays cooked, which still works line by line
        }
    }
}
