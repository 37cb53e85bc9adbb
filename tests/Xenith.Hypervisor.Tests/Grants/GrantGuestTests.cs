using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Grants;

/// <summary>Grants seen from running guest code: stores and loads through grant mappings on the vCPU.</summary>
public class GrantGuestTests
{
    [Fact]
    public void A_guest_shares_a_page_through_a_writable_grant_and_faults_on_a_read_only_one()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var a = machine.CreateDomain("granter", 4ul << 20, 1, CpuProfile.CortexA15);
        var b = DomainBuilder.Build(machine, new DomainConfig("mapper", GuestImage.Build("grant_rw_ro"), 16ul << 20));
        const ulong rwPage = 0x40010, roPage = 0x40011;
        a.Grants.WriteEntry(8, new GrantEntryV1 { Domid = (ushort)b.Id, Frame = (uint)rwPage, Flags = GrantFlags.PermitAccess });
        a.Grants.WriteEntry(9, new GrantEntryV1 { Domid = (ushort)b.Id, Frame = (uint)roPage, Flags = GrantFlags.PermitAccess | GrantFlags.Readonly });
        GrantHarness.Put(a, rwPage << 12, 0x1234_5678u);
        GrantHarness.Put(a, roPage << 12, 0x8765_4321u);
        Assert.Equal(GrantStatus.Okay, b.Grants.Map(a, 8, GntMap.HostMap, 0x5000_0000, out _, out _));
        Assert.Equal(GrantStatus.Okay, b.Grants.Map(a, 9, GntMap.HostMap | GntMap.Readonly, 0x5000_1000, out _, out _));
        a.Shutdown(ShutdownReason.Poweroff); // A needs no vCPU: its pages are what is shared

        machine.Run();

        Assert.Equal((DomainState.Shutdown, ShutdownReason.Poweroff), (b.State, b.Reason));
        var r = b.Vcpus[0].Cpu.R;
        Assert.Equal(0x1234_5678u, r[4]);                                      // B read what A wrote
        Assert.Equal(0xB0B0_CAFEu, GrantHarness.Get<uint>(a, (rwPage << 12) + 4)); // A sees what B wrote
        Assert.Equal(0x8765_4321u, r[5]);                                      // the read-only page reads
        Assert.Equal(2u, r[6]);                                                // its store took a data abort
        Assert.Equal(0x5000_1008u, r[7]);                                      // at the stored address (DFAR)
        Assert.Equal(1u << 11, r[8] & (1u << 11));                             // DFSR.WnR: a write
        Assert.Equal(0u, GrantHarness.Get<uint>(a, (roPage << 12) + 8));        // and nothing was written
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading | GrantFlags.Writing, a.Grants.ReadEntry(8).Flags);
    }

    [Fact]
    public void A_batch_longer_than_one_call_is_continued_transparently()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var d = DomainBuilder.Build(machine, new DomainConfig("batch", GuestImage.Build("grant_batch"), 16ul << 20));
        machine.Run();
        Assert.Equal((DomainState.Shutdown, ShutdownReason.Poweroff), (d.State, d.Reason));
        var r = d.Vcpus[0].Cpu.R;
        Assert.Equal(0u, r[4]);
        Assert.Equal(600u, r[9]);
        Assert.True(600 > Hypercalls.GrantTableOpHypercall.BatchPerCall);
    }
}
