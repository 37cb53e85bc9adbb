using Xenith.Abi;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// HVC #0xEA1: the hypercall number is in r12, arguments in r0-r4, the result (a negative Xen errno on
/// failure) goes back in r0. A number with no handler answers -ENOSYS, as Xen on ARM does.
/// </summary>
public sealed class HypercallDispatcher
{
    private readonly Func<HypercallContext, long>?[] _table = new Func<HypercallContext, long>?[64];

    public HypercallDispatcher(XenMachine machine)
    {
        Register(Hypercall.XenVersion, XenVersionHypercall.Handle);
        Register(Hypercall.ConsoleIo, ConsoleIoHypercall.Handle);
        Register(Hypercall.SchedOp, c => SchedOpHypercall.Handle(c, machine));
        Register(Hypercall.GrantTableOp, c => GrantTableOpHypercall.Handle(c, machine));
        Register(Hypercall.EventChannelOp, c => Events.EventChannelOpHypercall.Handle(c, machine));
        Register(Hypercall.MemoryOp, c => MemoryOpHypercall.Handle(c, machine));
        Register(Hypercall.VcpuOp, VcpuOpHypercall.Handle);
        Register(Hypercall.HvmOp, c => HvmOpHypercall.Handle(c, machine));
        Register(Hypercall.Multicall, c => MulticallHypercall.Handle(c, this));
        MiscHypercalls.RegisterAll(this);
    }

    public void Register(Hypercall number, Func<HypercallContext, long> handler) => _table[(int)number] = handler;

    public void Dispatch(HypercallContext context)
    {
        uint number = context.Vcpu.Cpu.R[12];
        var handler = number < (uint)_table.Length ? _table[number] : null;
        long result = handler != null ? handler(context) : XenErrno.ENOSYS.Neg();
        context.Vcpu.Cpu.R[0] = (uint)result;
    }
}
