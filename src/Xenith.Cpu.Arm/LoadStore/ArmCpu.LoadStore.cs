namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private void ExecLoadStore(ref Insn d)
    {
        _ = d;
        RaiseUndefined();
    }
}
