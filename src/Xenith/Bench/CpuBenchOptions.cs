namespace Xenith.Bench;

/// <summary>Command line of <c>xenith bench cpu</c>.</summary>
internal sealed class CpuBenchOptions
{
    public const string Usage = """
        usage: xenith bench cpu [options]
          Runs the bare-metal kernels of bench/cpu in Xenith and in qemu-system-arm, checks that both
          print the same checksums, and compares their speed.
          --isa arm|thumb|both   instruction set the kernels are compiled to (default arm)
          --kernels a,b,...      run only these (intloop, memcpy, crc32, sort, interp)
          --small                the builds with 1/100 of the iterations (a quick check)
          --runs N               best of N runs in Xenith (default 1) and QEMU (default 3)
          --no-qemu              Xenith only
          --no-warmup            skip the untimed warm-up run of the small builds in Xenith
          --echo                 copy the guest's UART output to the terminal
        """;

    public List<string> Isas { get; } = ["arm"];
    public List<string> Kernels { get; } = [.. BenchKernels.All];
    public bool Small { get; private set; }
    public int XenithRuns { get; private set; } = 1;
    public int QemuRuns { get; private set; } = 3;
    public bool Qemu { get; private set; } = true;
    public bool Warmup { get; private set; } = true;
    public bool Echo { get; private set; }
    public bool Help { get; private set; }

    public string Variant(string isa) => Small ? "small-" + isa : isa;

    /// <summary>Parses the arguments after <c>bench cpu</c>; throws <see cref="ArgumentException"/> on a bad one.</summary>
    public static CpuBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CpuBenchOptions();
        int i = 0;
        // Tolerate being handed the whole command line.
        if (i < args.Count && args[i] == "bench")
            i++;
        if (i < args.Count && args[i] == "cpu")
            i++;
        for (; i < args.Count; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "--isa":
                    string isa = Value(args, ref i);
                    o.Isas.Clear();
                    o.Isas.AddRange(isa switch
                    {
                        "arm" or "thumb" => [isa],
                        "both" => ["arm", "thumb"],
                        _ => throw new ArgumentException($"--isa {isa}: expected arm, thumb or both"),
                    });
                    break;
                case "--kernels":
                    var names = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    foreach (var n in names)
                    {
                        if (!BenchKernels.All.Contains(n))
                            throw new ArgumentException($"unknown kernel '{n}' (known: {string.Join(", ", BenchKernels.All)})");
                    }
                    o.Kernels.Clear();
                    o.Kernels.AddRange(names);
                    break;
                case "--small":
                    o.Small = true;
                    break;
                case "--runs":
                    if (!int.TryParse(Value(args, ref i), out int runs) || runs < 1)
                        throw new ArgumentException("--runs needs a positive number");
                    o.XenithRuns = o.QemuRuns = runs;
                    break;
                case "--no-qemu":
                    o.Qemu = false;
                    break;
                case "--no-warmup":
                    o.Warmup = false;
                    break;
                case "--echo":
                    o.Echo = true;
                    break;
                case "-h" or "--help":
                    o.Help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{a}'");
            }
        }
        return o;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
