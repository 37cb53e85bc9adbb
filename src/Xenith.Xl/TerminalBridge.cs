using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Xenith.Xl;

/// <summary>
/// Joins the terminal to a console stream as xenconsole does: raw mode (no echo, no line editing, Ctrl-C
/// goes to the guest), the escape byte (Ctrl-] by default) detaches, and the terminal's settings come back
/// however the session ends: detach, the console closing, end of input, SIGTERM or SIGHUP.
/// </summary>
internal static class TerminalBridge
{
    public const byte DefaultEscape = 0x1d;

    /// <summary>xenconsole's -e: <c>^X</c> for a control character, or a single character.</summary>
    public static byte? ParseEscape(string text) => text switch
    {
        { Length: 2 } when text[0] == '^' && text[1] is >= '@' and <= '_' => (byte)(text[1] - '@'),
        { Length: 2 } when text[0] == '^' && text[1] is >= 'a' and <= 'z' => (byte)(text[1] - 'a' + 1),
        { Length: 1 } when text[0] < 0x80 => (byte)text[0],
        _ => null,
    };

    public static void Run(Stream console, byte escape, bool interactive)
    {
        // fd 0 itself: Console's stdin stream would edit and echo lines on a terminal.
        using var stdin = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        using var stdout = Console.OpenStandardOutput();
        Run(console, escape, interactive, stdin, stdout);
    }

    /// <summary>The session over given streams; returns when detached, the console ends, input ends, or a signal.</summary>
    public static void Run(Stream console, byte escape, bool interactive, Stream stdin, Stream stdout)
    {
        using var done = new CancellationTokenSource();
        string? saved = interactive ? Stty("-g", capture: true)?.Trim() : null;
        void OnSignal(PosixSignalContext c)
        {
            c.Cancel = true;
            Cancel(done);
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        try
        {
            if (saved != null)
                Stty("raw -echo", capture: false);
            var input = new Thread(() => ReadInput(console, escape, stdin, done)) { IsBackground = true, Name = "xl console input" };
            input.Start();
            var output = Task.Run(() => WriteOutput(console, stdout, done));
            try
            {
                output.Wait(done.Token);
            }
            catch (OperationCanceledException)
            {
                // Detached, or a signal.
            }
        }
        finally
        {
            if (saved is { Length: > 0 })
                Stty(saved, capture: false);
        }
    }

    private static void WriteOutput(Stream console, Stream stdout, CancellationTokenSource done)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = console.Read(buffer)) > 0)
            {
                stdout.Write(buffer, 0, n);
                stdout.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The daemon went away: the session is over.
        }
        Cancel(done);
    }

    private static void ReadInput(Stream console, byte escape, Stream stdin, CancellationTokenSource done)
    {
        var buffer = new byte[256];
        try
        {
            int n;
            while ((n = stdin.Read(buffer)) > 0)
            {
                int cut = Array.IndexOf(buffer, escape, 0, n);
                console.Write(buffer, 0, cut < 0 ? n : cut);
                console.Flush();
                if (cut >= 0)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nowhere left to send keystrokes.
        }
        Cancel(done);
    }

    private static void Cancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session already ended.
        }
    }

    /// <summary>stty on /dev/tty with every standard stream redirected (.NET resets a terminal it shares with a child).</summary>
    private static string? Stty(string arguments, bool capture)
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
            return p.ExitCode == 0 && capture ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no stty: the terminal stays cooked
        }
    }
}
