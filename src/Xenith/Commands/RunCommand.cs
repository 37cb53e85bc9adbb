using Xenith.Images;
using Xenith.Platform.Board;

namespace Xenith;

/// <summary>
/// <c>xenith run</c>: boots a kernel on the standalone board, QEMU <c>-M virt -nographic</c> style: the UART
/// is the terminal (raw bytes both ways), Ctrl-A x quits, PSCI SYSTEM_OFF ends the run with exit code 0.
/// Without <c>--kernel</c> it boots Debian's kernel and busybox initramfs from <c>xenith images</c>.
/// </summary>
internal static class RunCommand
{
    internal const string UsageText =
        "run [--kernel FILE] [--initrd FILE] [--append \"ARGS\"] [--dtb FILE] [--memory 512M] [--smp N] [--cpu cortex-a15|cortex-a8] [--deterministic]";

    public static int Run(string[] args)
    {
        var options = RunOptions.Parse(args);
        try
        {
            return Boot(options.Kernel == null ? WithDebianImages(options) : options);
        }
        catch (Exception e) when (e is RunException or BoardException or ImageException)
        {
            // The console is restored by now: a plain line is fine.
            Console.Error.WriteLine($"xenith: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// No kernel given: Debian's armmp-lpae (or, for a CPU without LPAE, armmp) kernel and the busybox initramfs, fetched if needed. On a terminal the
    /// user gets the shell; with input from elsewhere /init runs its self-check and powers off, so the command
    /// also works unattended.
    /// </summary>
    private static RunOptions WithDebianImages(RunOptions options)
    {
        var cache = ImageCache.Default();
        try
        {
            DebianImages.Cached(cache); // what an earlier 'xenith images' fetched; refresh with 'xenith images'
        }
        catch (ImageException)
        {
            DebianImages.Update(cache, Console.Error);
        }
        string append = options.Append ?? "console=ttyAMA0" + (Console.IsInputRedirected ? " xenith.autotest=1" : "");
        // Without LPAE (the Cortex-A8) the non-LPAE armmp flavour is the kernel that runs.
        string kernel = cache.PathOf(options.Board.Cpu.HasLpae ? ImageCache.LpaeKernel : ImageCache.ArmmpKernel);
        Console.Error.WriteLine($"xenith: booting {kernel} with {ImageCache.Initramfs}, \"{append}\"");
        return options with
        {
            Kernel = kernel,
            Initrd = options.Initrd ?? cache.PathOf(ImageCache.Initramfs),
            Append = append,
        };
    }

    private static int Boot(RunOptions options)
    {
        byte[] kernel = ReadInput("kernel", options.Kernel!);
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
}

/// <summary>A run that cannot start or go on; printed as "xenith: message" with exit code 1.</summary>
internal sealed class RunException(string message) : Exception(message);
