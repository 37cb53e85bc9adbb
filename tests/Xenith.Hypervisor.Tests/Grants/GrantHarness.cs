using Xenith.Abi;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;

namespace Xenith.Hypervisor.Tests.Grants;

/// <summary>
/// Two domains (A grants, B maps) with their vCPUs stopped, and grant_table_op issued on a domain's vCPU 0 as its
/// HVC would: the MMU is off, so the VAs of the argument structures are guest physical addresses in its RAM.
/// A's table frame 0 is mapped at the DT grant window, where the test writes entries as a guest does.
/// </summary>
internal sealed unsafe class GrantHarness : IDisposable
{
    public const ulong TableGfn = DomainLayout.GrantTableBase >> 12;
    /// <summary>Where the op structures go in the calling domain's RAM.</summary>
    public const uint Args = 0x4030_0000;
    /// <summary>A page of A's RAM the tests grant, and one of B's RAM the tests map over.</summary>
    public const ulong PageA = 0x40010, PageA2 = 0x40011, PageB = 0x40020, PageB2 = 0x40021;

    public GrantHarness()
    {
        Machine = new XenMachine(64ul << 20, deterministic: true);
        A = Machine.CreateDomain("a", 4ul << 20, 1, CpuProfile.CortexA15);
        B = Machine.CreateDomain("b", 4ul << 20, 1, CpuProfile.CortexA15);
        Assert.Equal(0, A.Grants.AddToPhysmap(0, TableGfn, status: false));
    }

    public XenMachine Machine { get; }
    public Domain A { get; }
    public Domain B { get; }

    public long Call(Domain d, uint cmd, uint uop, uint count)
    {
        var cpu = d.Vcpus[0].Cpu;
        cpu.R[0] = cmd;
        cpu.R[1] = uop;
        cpu.R[2] = count;
        cpu.R[12] = (uint)Hypercall.GrantTableOp;
        return GrantTableOpHypercall.Handle(new HypercallContext(d.Vcpus[0]), Machine);
    }

    public long Call(Domain d, GnttabOp cmd, uint uop, uint count = 1) => Call(d, (uint)cmd, uop, count);

    public static T Get<T>(Domain d, ulong pa) where T : unmanaged => *(T*)Pointer(d, pa);

    public static void Put<T>(Domain d, ulong pa, T value) where T : unmanaged => *(T*)Pointer(d, pa) = value;

    public static byte* Pointer(Domain d, ulong pa)
    {
        byte* p = d.P2m.HostAddress(pa);
        Assert.True(p != null, $"d{d.Id} has nothing at 0x{pa:x}");
        return p;
    }

    /// <summary>Writes grant entry <paramref name="gref"/> of A through A's mapping of its table, as a guest grants: flags last.</summary>
    public void Grant(uint gref, Domain grantee, ulong gfn, bool readOnly = false, ushort extraFlags = 0)
    {
        ulong at = (TableGfn << 12) + gref * 8;
        Put(A, at + 2, (ushort)grantee.Id);
        Put(A, at + 4, (uint)gfn);
        Put(A, at, (ushort)(GrantFlags.PermitAccess | (readOnly ? GrantFlags.Readonly : 0) | extraFlags));
    }

    public ushort Flags(uint gref) => Get<ushort>(A, (TableGfn << 12) + gref * 8);

    public void SetFlags(uint gref, ushort flags) => Put(A, (TableGfn << 12) + gref * 8, flags);

    public GnttabMapGrantRef Map(Domain mapper, ushort dom, uint gref, uint flags, ulong hostAddr)
    {
        Put(mapper, Args, new GnttabMapGrantRef { HostAddr = hostAddr, Flags = flags, Ref = gref, Dom = dom, Status = 0x777, Handle = 0xABCD });
        Assert.Equal(0, Call(mapper, GnttabOp.MapGrantRef, Args));
        return Get<GnttabMapGrantRef>(mapper, Args);
    }

    public GnttabMapGrantRef MapB(uint gref, uint flags = GntMap.HostMap, ulong gfn = PageB) => Map(B, (ushort)A.Id, gref, flags, gfn << 12);

    public GrantStatus Unmap(Domain mapper, uint handle, ulong hostAddr)
    {
        Put(mapper, Args, new GnttabUnmapGrantRef { HostAddr = hostAddr, Handle = handle, Status = 0x777 });
        Assert.Equal(0, Call(mapper, GnttabOp.UnmapGrantRef, Args));
        return (GrantStatus)Get<GnttabUnmapGrantRef>(mapper, Args).Status;
    }

    public GrantStatus Copy(Domain caller, GnttabCopy op)
    {
        op.Status = 0x777;
        Put(caller, Args, op);
        Assert.Equal(0, Call(caller, GnttabOp.Copy, Args));
        return (GrantStatus)Get<GnttabCopy>(caller, Args).Status;
    }

    public void Dispose() => Machine.Dispose();
}
