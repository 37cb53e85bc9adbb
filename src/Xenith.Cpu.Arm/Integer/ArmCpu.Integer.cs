namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private void ExecInteger(ref Insn d)
    {
        _ = d;
        RaiseUndefined();
    }
}
