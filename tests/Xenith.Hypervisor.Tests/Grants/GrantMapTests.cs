using Xenith.Abi;
using Xenith.Hypervisor.Grants;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Tests.Grants;

/// <summary>map_grant_ref / unmap_grant_ref: real aliasing, GTF_reading/GTF_writing, every GNTST code, revocation, frame lifetime.</summary>
public class GrantMapTests
{
    private const ulong PageA = GrantHarness.PageA, PageB = GrantHarness.PageB;

    [Fact]
    public void A_writable_map_aliases_the_granters_page_until_unmapped()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        GrantHarness.Put(h.A, PageA << 12, 0x1111_2222u);

        var m = h.MapB(8);
        Assert.Equal((short)GrantStatus.Okay, m.Status);
        Assert.True(h.A.P2m.TryGet(PageA, out var granted));
        Assert.True(h.B.P2m.TryGet(PageB, out var alias));
        Assert.Equal((granted.Mfn, P2mType.GrantRw), (alias.Mfn, alias.Type));
        Assert.Equal(Gnttab.DevBusAddress(granted.Mfn), m.DevBusAddr);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading | GrantFlags.Writing, h.Flags(8));

        // Zero copy: each side sees the other's stores.
        Assert.Equal(0x1111_2222u, GrantHarness.Get<uint>(h.B, PageB << 12));
        GrantHarness.Put(h.B, (PageB << 12) + 0xFFC, 0x3333_4444u);
        Assert.Equal(0x3333_4444u, GrantHarness.Get<uint>(h.A, (PageA << 12) + 0xFFC));

        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, m.Handle, PageB << 12));
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(8));
        Assert.False(h.B.P2m.TryGet(PageB, out _)); // Xen leaves a hole, not the old page
        Assert.Equal(GrantStatus.BadHandle, h.Unmap(h.B, m.Handle, PageB << 12));
        Assert.Equal(0, h.A.Grants.ActiveCount);
    }

    [Fact]
    public void A_read_only_map_reads_and_refuses_stores()
    {
        using var h = new GrantHarness();
        h.Grant(9, h.B, PageA, readOnly: true);
        GrantHarness.Put(h.A, (PageA << 12) + 8, 0xFEED_F00Du);

        Assert.Equal((short)GrantStatus.GeneralError, h.MapB(9).Status); // writable map of a read-only grant
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Readonly, h.Flags(9));
        var m = h.MapB(9, GntMap.HostMap | GntMap.Readonly);
        Assert.Equal((short)GrantStatus.Okay, m.Status);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Readonly | GrantFlags.Reading, h.Flags(9));

        ulong pa = (PageB << 12) + 8;
        unsafe
        {
            Assert.True(h.B.P2m.RamPage(pa) == null); // no host pointer: the vCPU cannot store through it
        }
        Assert.True(h.B.P2m.TryRead(pa, 4, out ulong v));
        Assert.Equal(0xFEED_F00Dul, v);
        Assert.False(h.B.P2m.TryWrite(pa, 4, 0)); // the store becomes a data abort in the guest
        Assert.Equal(0xFEED_F00Du, GrantHarness.Get<uint>(h.A, (PageA << 12) + 8));

        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, m.Handle, PageB << 12));
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Readonly, h.Flags(9));
    }

    [Fact]
    public void Reading_and_writing_stay_set_while_any_mapping_needs_them()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        var ro = h.MapB(8, GntMap.HostMap | GntMap.Readonly, GrantHarness.PageB);
        var rw = h.MapB(8, GntMap.HostMap, GrantHarness.PageB2);
        Assert.Equal(((short)0, (short)0), (ro.Status, rw.Status));
        Assert.NotEqual(ro.Handle, rw.Handle);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading | GrantFlags.Writing, h.Flags(8));
        Assert.Equal(ActiveGrant.HostReadInc + ActiveGrant.HostWriteInc, h.A.Grants.PinOf(8));

        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, rw.Handle, GrantHarness.PageB2 << 12));
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading, h.Flags(8));
        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, ro.Handle, GrantHarness.PageB << 12));
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(8));
    }

    [Fact]
    public void Each_bad_map_gets_the_gnttab_code_xen_gives()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        h.Grant(10, h.A, PageA);                       // granted to someone else
        h.Grant(11, h.B, 0x90000);                     // a frame A does not have
        h.Grant(12, h.B, PageA, extraFlags: GrantFlags.Pwt);
        h.Grant(13, h.B, PageA, extraFlags: GrantFlags.SubPage);
        ushort a = (ushort)h.A.Id;
        var cases = new (string Name, ushort Dom, uint Ref, uint Flags, ulong Addr, GrantStatus Want)[]
        {
            ("no host_map", a, 8, 0, PageB << 12, GrantStatus.BadGntref),
            ("readonly only", a, 8, GntMap.Readonly, PageB << 12, GrantStatus.BadGntref),
            ("device_map", a, 8, GntMap.HostMap | GntMap.DeviceMap, PageB << 12, GrantStatus.GeneralError),
            ("application_map", a, 8, GntMap.HostMap | GntMap.ApplicationMap, PageB << 12, GrantStatus.GeneralError),
            ("contains_pte", a, 8, GntMap.HostMap | GntMap.ContainsPte, PageB << 12, GrantStatus.GeneralError),
            ("no such domain", 0x7000, 8, GntMap.HostMap, PageB << 12, GrantStatus.BadDomain),
            ("DOMID_SELF", DomId.Self, 8, GntMap.HostMap, PageB << 12, GrantStatus.BadDomain),
            ("ref past the table", a, 512, GntMap.HostMap, PageB << 12, GrantStatus.BadGntref),
            ("huge ref", a, 0xFFFF_FFFF, GntMap.HostMap, PageB << 12, GrantStatus.BadGntref),
            ("never granted", a, 100, GntMap.HostMap, PageB << 12, GrantStatus.GeneralError),
            ("granted to another domain", a, 10, GntMap.HostMap, PageB << 12, GrantStatus.GeneralError),
            ("frame not RAM", a, 11, GntMap.HostMap, PageB << 12, GrantStatus.BadPage),
            ("cache attributes", a, 12, GntMap.HostMap, PageB << 12, GrantStatus.GeneralError),
            ("sub-page flag", a, 13, GntMap.HostMap, PageB << 12, GrantStatus.GeneralError),
            ("guest-available bits", a, 8, GntMap.HostMap | 1u << 16, PageB << 12, GrantStatus.GeneralError),
            ("address beyond the IPA space", a, 8, GntMap.HostMap, 1ul << 40, GrantStatus.GeneralError),
        };
        foreach (var c in cases)
        {
            var m = h.Map(h.B, c.Dom, c.Ref, c.Flags, c.Addr);
            Assert.True(c.Want == (GrantStatus)m.Status, $"{c.Name}: got {(GrantStatus)m.Status}");
            Assert.Equal(0xABCDu, m.Handle); // left as it was
        }
        // Nothing stayed pinned, no flag stayed set, nothing got mapped.
        Assert.Equal(0, h.A.Grants.ActiveCount);
        Assert.Equal(0, h.B.Grants.MappingCount);
        foreach (uint r in new uint[] { 8, 11, 12 })
            Assert.Equal(0, h.Flags(r) & (GrantFlags.Reading | GrantFlags.Writing));
        Assert.True(h.B.P2m.TryGet(PageB, out var e) && e.Type == P2mType.Ram);
    }

    [Fact]
    public void A_batch_reports_a_status_per_element()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        const uint args = GrantHarness.Args;
        GrantHarness.Put(h.B, args, new GnttabMapGrantRef { HostAddr = PageB << 12, Flags = GntMap.HostMap, Ref = 8, Dom = (ushort)h.A.Id });
        GrantHarness.Put(h.B, args + 32, new GnttabMapGrantRef { HostAddr = PageB << 12, Flags = GntMap.HostMap, Ref = 0xFFFF_FFF0, Dom = (ushort)h.A.Id });
        Assert.Equal(0, h.Call(h.B, GnttabOp.MapGrantRef, args, count: 2));
        Assert.Equal((short)GrantStatus.Okay, GrantHarness.Get<GnttabMapGrantRef>(h.B, args).Status);
        Assert.Equal((short)GrantStatus.BadGntref, GrantHarness.Get<GnttabMapGrantRef>(h.B, args + 32).Status);
    }

    [Fact]
    public void Unmap_checks_the_handle_and_the_address()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        var m = h.MapB(8);
        Assert.Equal(GrantStatus.BadHandle, h.Unmap(h.B, 0xFFFF_FFFF, PageB << 12));
        Assert.Equal(GrantStatus.BadHandle, h.Unmap(h.B, m.Handle + 1, PageB << 12));
        Assert.Equal(GrantStatus.BadHandle, h.Unmap(h.A, m.Handle, PageB << 12)); // handles are per domain

        // Another page at the address: refused, the mapping stays.
        Assert.Equal(GrantStatus.GeneralError, h.Unmap(h.B, m.Handle, GrantHarness.PageB2 << 12));
        Assert.True(h.B.P2m.TryGet(PageB, out var e) && e.Type == P2mType.GrantRw);

        // host_addr 0 leaves the host mapping alone (as Xen does): still mapped, still in use.
        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, m.Handle, 0));
        Assert.True(h.B.P2m.TryGet(PageB, out e) && e.Type == P2mType.GrantRw);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading | GrantFlags.Writing, h.Flags(8));

        // unmap_and_replace with a new address is not possible on ARM.
        GrantHarness.Put(h.B, GrantHarness.Args, new GnttabUnmapGrantRef { HostAddr = PageB << 12, DevBusAddr = GrantHarness.PageB2 << 12, Handle = m.Handle });
        Assert.Equal(0, h.Call(h.B, GnttabOp.UnmapAndReplace, GrantHarness.Args));
        Assert.Equal((short)GrantStatus.GeneralError, GrantHarness.Get<GnttabUnmapGrantRef>(h.B, GrantHarness.Args).Status);

        // The guest emptied the address itself: unmapping there still ends the mapping.
        Assert.True(h.B.P2m.Unmap(PageB));
        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, m.Handle, PageB << 12));
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(8));
        Assert.Equal(0, h.B.Grants.MappingCount);
    }

    [Fact]
    public void A_granter_cannot_revoke_a_page_in_use_and_an_ended_grant_cannot_be_mapped()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        var m = h.MapB(8);

        // A hostile granter clears the entry anyway: the mapping is unaffected.
        h.SetFlags(8, 0);
        GrantHarness.Put(h.A, PageA << 12, 0x5A5A_5A5Au);
        Assert.Equal(0x5A5A_5A5Au, GrantHarness.Get<uint>(h.B, PageB << 12));
        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, m.Handle, PageB << 12));
        Assert.Equal(0, h.Flags(8)); // unmap clears bits, it sets none

        Assert.Equal((short)GrantStatus.GeneralError, h.MapB(8).Status);
        h.Grant(8, h.B, PageA);
        h.SetFlags(8, 0); // ended the proper way, while idle
        Assert.Equal((short)GrantStatus.GeneralError, h.MapB(8).Status);
    }

    [Fact]
    public void A_granted_frame_outlives_the_granters_mapping_while_mapped()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        GrantHarness.Put(h.A, PageA << 12, 0xC0FF_EE00u);
        Assert.True(h.A.P2m.TryGet(PageA, out var e));
        uint mfn = e.Mfn;
        var m = h.MapB(8);

        Assert.True(h.A.P2m.Unmap(PageA)); // A gives the page back (decrease_reservation)
        uint free = h.Machine.Memory.FreeFrames;
        Assert.Equal(2, h.Machine.Memory.References(mfn)); // the pin and B's alias
        Assert.Equal(0xC0FF_EE00u, GrantHarness.Get<uint>(h.B, PageB << 12));

        Assert.Equal(GrantStatus.Okay, h.Unmap(h.B, m.Handle, PageB << 12));
        Assert.Equal(0, h.Machine.Memory.References(mfn));
        Assert.Equal(free + 1, h.Machine.Memory.FreeFrames);
    }

    [Fact]
    public void Pin_counts_cannot_overflow()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        for (int i = 0; i < 128; i++)
            Assert.Equal((short)GrantStatus.Okay, h.MapB(8, GntMap.HostMap | GntMap.Readonly).Status);
        Assert.Equal((short)GrantStatus.GeneralError, h.MapB(8, GntMap.HostMap | GntMap.Readonly).Status);
        Assert.Equal((short)GrantStatus.GeneralError, h.MapB(8).Status); // any count at its limit blocks the entry
        Assert.Equal(128, h.B.Grants.MappingCount);
    }

    [Fact]
    public void Releasing_a_dying_domains_mappings_unpins_its_grants()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        h.MapB(8);
        h.MapB(8, GntMap.HostMap | GntMap.Readonly, GrantHarness.PageB2);
        h.B.Grants.ReleaseMappings();
        Assert.Equal(0, h.B.Grants.MappingCount);
        Assert.Equal(0, h.A.Grants.ActiveCount);
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(8));
    }
}
