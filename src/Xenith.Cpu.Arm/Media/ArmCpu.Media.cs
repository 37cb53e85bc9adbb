namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private void ExecMedia(ref Insn d)
    {
        _ = d;
        RaiseUndefined();
    }
}
