namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private void ExecSystem(ref Insn d)
    {
        _ = d;
        RaiseUndefined();
    }
}
