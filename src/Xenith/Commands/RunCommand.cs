using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Xenith.Cpu.Arm;
using Xenith.Platform.Board;

namespace Xenith;

/// <summary>
/// <c>xenith run</c>: boots a kernel on the standalone board, QEMU <c>-M virt -nographic</c> style: the UART
/// is the terminal (raw bytes both ways), Ctrl-A x quits, PSCI SYSTEM_OFF ends the run with exit code 0.
/// </summary>
internal static class RunCommand
{
    private const string UsageText =
        "run --kernel FILE [--initrd FILE] [--append \"ARGS\"] [--dtb FILE] [--memory 512M] [--smp N] [--cpu cortex-a15|cortex-a8] [--deterministic]";

    public static int Run(string[] args)
    {
        var options = RunOptions.Parse(args);
        try
        {
            return Boot(options);
        }
        catch (Exception e) when (e is RunException or BoardException)
        {
            // The console is restored by now: a plain line is fine.
            Console.Error.WriteLine($"xenith: {e.Message}");
            return 1;
        }
    }

    private static int Boot(RunOptions options)
    {
        byte[] kernel = ReadInput("kernel", options.Kernel);
        byte[]? initrd = options.Initrd is { } i ? ReadInput("initrd", i) : null;
        byte[]? dtb = options.Dtb is { } d ? ReadInput("device tree", d) : null;

        BoardExit exit;
        bool quitByUser;
        using (var console = new BoardConsole())
        {
            do
            {
                using var board = new VirtBoard(options.Board, console.Transmit);
                board.LoadLinux(kernel, initrd, options.Append, dtb);
                console.Attach(board);
                exit = board.Run(console.Cancellation);
                console.Attach(null);
            }
            // As QEMU: a reset reboots the same kernel on a fresh machine.
            while (exit == BoardExit.Reset);
            quitByUser = console.QuitByUser;
        }
        return exit switch
        {
            BoardExit.PowerOff => 0,
            BoardExit.AllCpusOff => throw new RunException("every CPU is off (PSCI CPU_OFF) and none can wake them"),
            _ => quitByUser ? 0 : 130,
        };
    }

    private static byte[] ReadInput(string what, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"cannot read {what} file '{path}': {e.Message}");
        }
    }

    /// <summary>The command line, checked.</summary>
    private sealed record RunOptions(string Kernel, string? Initrd, string? Append, string? Dtb, BoardOptions Board)
    {
        public static RunOptions Parse(string[] args)
        {
            string? kernel = null, initrd = null, append = null, dtb = null;
            var board = new BoardOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"run: {arg} needs a value");
                switch (arg)
                {
                    case "--kernel": kernel = Value(); break;
                    case "--initrd": initrd = Value(); break;
                    case "--append": append = Value(); break;
                    case "--dtb": dtb = Value(); break;
                    case "--memory": board = board with { MemoryBytes = ParseMemory(Value()) }; break;
                    case "--smp": board = board with { CpuCount = ParseSmp(Value()) }; break;
                    case "--cpu": board = board with { Cpu = ParseCpu(Value()) }; break;
                    case "--deterministic": board = board with { Deterministic = true }; break;
                    default: throw new UsageException($"run: unknown option '{arg}'; usage: xenith {UsageText}");
                }
            }
            if (kernel == null)
                throw new UsageException($"run: --kernel is required; usage: xenith {UsageText}");
            return new RunOptions(kernel, initrd, append, dtb, board);
        }

        /// <summary>512M, 1G, 65536K, or a bare number of MiB.</summary>
        public static ulong ParseMemory(string text)
        {
            string digits = text;
            int shift = 20;
            if (text.Length > 0 && char.ToUpperInvariant(text[^1]) is 'K' or 'M' or 'G')
            {
                shift = char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, _ => 30 };
                digits = text[..^1];
            }
            if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) || n == 0 || n > (1ul << 40 >> shift))
                throw new UsageException($"run: --memory '{text}' is not a size such as 512M, 1G or 1024 (MiB)");
            ulong bytes = n << shift;
            if (bytes > BoardOptions.MaxMemoryBytes || bytes % 4096 != 0)
                throw new UsageException($"run: --memory {text}: the board takes whole 4 KiB pages, at most 3G");
            return bytes;
        }

        private static int ParseSmp(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= BoardOptions.MaxCpus
                ? n
                : throw new UsageException($"run: --smp '{text}': give 1 to {BoardOptions.MaxCpus} CPUs");

        private static CpuProfile ParseCpu(string text)
        {
            try
            {
                return CpuProfile.ByName(text);
            }
            catch (ArgumentException)
            {
                throw new UsageException($"run: --cpu '{text}': use cortex-a15 or cortex-a8");
            }
        }
    }

    /// <summary>
    /// The host side of the UART: guest bytes to stdout unbuffered; stdin bytes to the guest from a background
    /// thread. A terminal is put in raw mode (and restored on exit, SIGTERM or SIGINT) and Ctrl-A x quits.
    /// </summary>
    private sealed class BoardConsole : IDisposable
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
}

/// <summary>A run that cannot start or go on; printed as "xenith: message" with exit code 1.</summary>
internal sealed class RunException(string message) : Exception(message);
