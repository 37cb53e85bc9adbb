namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private void ExecVfp(ref Insn d)
    {
        _ = d;
        RaiseUndefined();
    }
}
