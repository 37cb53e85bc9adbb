using Xenith.Cpu.Arm.Fuzz;

namespace Xenith;

/// <summary><c>xenith cpu-fuzz</c>: differential fuzzing of the CPU core against Unicorn (see src/Xenith.Cpu.Arm.Fuzz/README.md).</summary>
internal static class CpuFuzzCommand
{
    public static int Run(string[] args)
    {
        try
        {
            return FuzzCommand.Run(args, Console.Out);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
