namespace Xenith;

/// <summary>The <c>xenith</c> host program: one entry point, one command per job.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            return Usage(args.Length == 0 ? 1 : 0);
        try
        {
            return args[0] switch
            {
                "bench" when args.Length > 1 && args[1] == "cpu" => Bench.CpuBench.Run(args[2..]),
                "bench" when args.Length > 1 && args[1] == "boot" => Bench.BootBench.Run(args[2..]),
                "bench" when args.Length > 1 && args[1] == "hypervisor" => Bench.HypervisorBench.Run(args[2..]),
                "bench" when args.Length > 1 && args[1] == "transfer" => Bench.TransferBench.Run(args[2..]),
                "bench" when args.Length > 1 && args[1] == "create" => Bench.CreateBench.Run(args[2..]),
                "bench" => throw new UsageException("bench: expected a benchmark name: cpu, boot, hypervisor, transfer, create"),
                "boot" => Daemon.BootCommand.Run(args[1..]),
                "halt" => Daemon.HaltCommand.Run(args[1..]),
                "xenstore" => Daemon.XenStoreCommand.Run(args[1..]),
                "cpu-fuzz" => CpuFuzzCommand.Run(args[1..]),
                "demo" => Demo.DemoCommand.Run(args[1..]),
                "images" => ImagesCommand.Run(args[1..]),
                "run" when args.Contains("--xen") => XenRunCommand.Run(args[1..]),
                "run" => RunCommand.Run(args[1..]),
                _ => Unknown(args[0]),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"xenith: {e.Message}");
            return 2;
        }
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"xenith: unknown command '{command}'");
        return Usage(2);
    }

    private static int Usage(int code)
    {
        var w = code == 0 ? Console.Out : Console.Error;
        w.WriteLine("usage: xenith <command> [options]");
        w.WriteLine();
        w.WriteLine("commands:");
        w.WriteLine("  demo [--size 64M]              the classic experiment: data between domains, checked, beside native");
        w.WriteLine("  boot [dom0_mem=1G dom0_max_vcpus=N dom0_vcpus_pin sched=credit loglvl=...]");
        w.WriteLine("       [--pcpus N] [--deterministic] [--socket PATH] [-d]   start the hypervisor daemon (-d: detached)");
        w.WriteLine("  halt [--socket PATH]           stop the daemon and every domain");
        w.WriteLine("  xenstore ls|read|write|rm|watch [PATH [VALUE]] [--socket PATH]   XenStore through the daemon");
        w.WriteLine("  bench cpu                      run the CPU benchmark kernels in Xenith and QEMU");
        w.WriteLine("  bench boot [--runs N]          time Debian's kernel to its busybox shell in Xenith and QEMU");
        w.WriteLine("  bench hypervisor               null hypercall round trip and two-domain transfers vs host memcpy");
        w.WriteLine("  bench transfer [--size 64M] [--runs N]   the demo's transfer table, median of N runs");
        w.WriteLine("  bench create [--runs N]        xl create started -> the guest's first instruction, beside xl list");
        w.WriteLine("  cpu-fuzz --isa a32|t32|vfp     compare random instructions against Unicorn");
        w.WriteLine("           [--count N] [--seed S]");
        w.WriteLine("  images [--offline]             fetch Debian's armhf kernels and busybox, build the initramfs");
        w.WriteLine("         [--disk-size 64M]       and the ext4 disk busybox.img (size: 64M, 2G, ...)");
        w.WriteLine("  run --kernel FILE              boot a kernel on the standalone board; the terminal is its UART");
        w.WriteLine("      [--initrd FILE] [--append ARGS] [--dtb FILE] [--memory 512M] [--smp N]");
        w.WriteLine("      [--cpu cortex-a15|cortex-a8] [--deterministic]   (Ctrl-A x quits)");
        w.WriteLine("  run --xen --domain kernel=F,memory=64M[,vcpus=N,cpu=M,name=N,cmdline=...]");
        w.WriteLine("      [--domain ...] [--deterministic]   boot Xen guests straight from the command line");
        return code;
    }
}

/// <summary>A command line that cannot be run as given; printed as "xenith: message".</summary>
internal sealed class UsageException(string message) : Exception(message);
