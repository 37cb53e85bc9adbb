using Xenith.Cpu.Arm.LoadStore;
using Xenith.Cpu.Arm.Media;

namespace Xenith.Cpu.Arm;

/// <summary>
/// Direct dispatch: the block builder gives each instruction its handler, so the executor loop makes one
/// indirect call per instruction instead of a switch on the group followed by the group's own switch.
/// Every Integer operation and the commonest loads, stores and multiplies have a handler of their own;
/// other operations go to their group's executor. The group executors call the same handlers for those
/// operations, so each operation keeps one definition.
/// </summary>
public sealed unsafe partial class ArmCpu
{
    private static readonly delegate*<ArmCpu, ref Insn, void>[] Handlers = BuildHandlers();

    /// <summary>The handler of an operation (any <see cref="Insn.Op"/> value).</summary>
    internal static delegate*<ArmCpu, ref Insn, void> HandlerFor(ushort op) =>
        op < Handlers.Length ? Handlers[op] : &ExecUndefinedOp;

    private static delegate*<ArmCpu, ref Insn, void>[] BuildHandlers()
    {
        var h = new delegate*<ArmCpu, ref Insn, void>[((int)OpGroup.Media + 1) << 8];
        for (int op = 0; op < h.Length; op++)
        {
            h[op] = (OpGroup)(op >> 8) switch
            {
                OpGroup.Integer => &ExecUndefinedOp, // every allocated Integer op is installed below
                OpGroup.LoadStore => &ExecLoadStoreGroup,
                OpGroup.System => &ExecSystemGroup,
                OpGroup.Vfp => &ExecVfpGroup,
                OpGroup.Media => &ExecMediaGroup,
                _ => &ExecCoreGroup,
            };
        }
        InstallIntegerHandlers(h);
        h[(int)LoadStoreOp.Ldr] = &ExecLdr;
        h[(int)LoadStoreOp.Str] = &ExecStr;
        h[(int)LoadStoreOp.Ldrb] = &ExecLdrb;
        h[(int)LoadStoreOp.Strb] = &ExecStrb;
        h[(int)LoadStoreOp.Ldrh] = &ExecLdrh;
        h[(int)LoadStoreOp.Strh] = &ExecStrh;
        h[(int)LoadStoreOp.Ldrsb] = &ExecLdrsb;
        h[(int)LoadStoreOp.Ldrsh] = &ExecLdrsh;
        h[(int)LoadStoreOp.LdrX] = &ExecLdrX;
        h[(int)LoadStoreOp.StrX] = &ExecStrX;
        h[(int)LoadStoreOp.LdrbX] = &ExecLdrbX;
        h[(int)LoadStoreOp.StrbX] = &ExecStrbX;
        h[(int)LoadStoreOp.LdrhX] = &ExecLdrhX;
        h[(int)LoadStoreOp.StrhX] = &ExecStrhX;
        h[(int)LoadStoreOp.LdrsbX] = &ExecLdrsbX;
        h[(int)LoadStoreOp.LdrshX] = &ExecLdrshX;
        h[(int)LoadStoreOp.Ldrd] = &ExecDualOp;
        h[(int)LoadStoreOp.Strd] = &ExecDualOp;
        h[(int)LoadStoreOp.Ldm] = &ExecLdmOp;
        h[(int)LoadStoreOp.Stm] = &ExecStmOp;
        h[(int)MediaOp.Mul] = &ExecMul;
        h[(int)MediaOp.Mla] = &ExecMla;
        h[(int)MediaOp.Umull] = &ExecUmull;
        h[(int)MediaOp.Umlal] = &ExecUmlal;
        h[(int)MediaOp.Uxtb] = &ExecUxtb;
        h[(int)MediaOp.Uxth] = &ExecUxth;
        return h;
    }

    private static void ExecUndefinedOp(ArmCpu cpu, ref Insn d) => cpu.RaiseUndefined();
    private static void ExecCoreGroup(ArmCpu cpu, ref Insn d) => cpu.ExecCore(ref d);
    private static void ExecLoadStoreGroup(ArmCpu cpu, ref Insn d) => cpu.ExecLoadStore(ref d);
    private static void ExecSystemGroup(ArmCpu cpu, ref Insn d) => cpu.ExecSystem(ref d);
    private static void ExecVfpGroup(ArmCpu cpu, ref Insn d) => cpu.ExecVfp(ref d);
    private static void ExecMediaGroup(ArmCpu cpu, ref Insn d) => cpu.ExecMedia(ref d);
    private static void ExecDualOp(ArmCpu cpu, ref Insn d) => cpu.ExecDual(ref d);
    private static void ExecLdmOp(ArmCpu cpu, ref Insn d) => cpu.ExecLdm(ref d);
    private static void ExecStmOp(ArmCpu cpu, ref Insn d) => cpu.ExecStm(ref d);
}
