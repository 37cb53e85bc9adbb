using System.Globalization;
using Xenith.Cpu.Arm;
using Xenith.Platform.Board;

namespace Xenith;

/// <summary>The command line, checked.</summary>
internal sealed record RunOptions(string? Kernel, string? Initrd, string? Append, string? Dtb, BoardOptions Board)
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
                default: throw new UsageException($"run: unknown option '{arg}'; usage: xenith {RunCommand.UsageText}");
            }
        }
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
