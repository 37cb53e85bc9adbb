using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Grants;

/// <summary>GNTTABOP_copy: grant and frame sides, bounds, permissions, flags only during the copy.</summary>
public class GrantCopyTests
{
    private const ulong PageA = GrantHarness.PageA, PageA2 = GrantHarness.PageA2, PageB = GrantHarness.PageB;

    private static GnttabCopy FromGrant(uint gref, ushort dom, ushort offset, ulong toGfn, ushort toOffset, ushort len) => new()
    {
        Source = new GnttabCopyPtr { URef = gref, Domid = dom, Offset = offset },
        Dest = new GnttabCopyPtr { UGmfn = toGfn, Domid = DomId.Self, Offset = toOffset },
        Len = len,
        Flags = GntCopy.SourceGref,
    };

    private static void Fill(Domain d, ulong gfn, byte seed)
    {
        for (uint i = 0; i < 4096; i += 4)
            GrantHarness.Put(d, (gfn << 12) + i, (uint)(seed << 24) | i);
    }

    [Fact]
    public void Copies_from_a_grant_into_the_callers_own_page()
    {
        using var h = new GrantHarness();
        Fill(h.A, PageA, 0xA0);
        h.Grant(8, h.B, PageA, readOnly: true); // reading needs no more than a read-only grant
        Assert.Equal(GrantStatus.Okay, h.Copy(h.B, FromGrant(8, (ushort)h.A.Id, 100, PageB, 200, 1000)));
        for (uint i = 0; i < 1000; i++)
            Assert.Equal(GrantHarness.Get<byte>(h.A, (PageA << 12) + 100 + i), GrantHarness.Get<byte>(h.B, (PageB << 12) + 200 + i));
        Assert.Equal(0, GrantHarness.Get<byte>(h.B, (PageB << 12) + 199));
        Assert.Equal(0, GrantHarness.Get<byte>(h.B, (PageB << 12) + 1200));
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Readonly, h.Flags(8)); // in use only during the copy
        Assert.Equal(0, h.A.Grants.ActiveCount);
    }

    [Fact]
    public void Copies_into_a_writable_grant_and_between_two_grants()
    {
        using var h = new GrantHarness();
        Fill(h.B, PageB, 0xB0);
        h.Grant(8, h.B, PageA);
        h.Grant(9, h.B, PageA2);
        var toGrant = new GnttabCopy
        {
            Source = new GnttabCopyPtr { UGmfn = PageB, Domid = DomId.Self },
            Dest = new GnttabCopyPtr { URef = 8, Domid = (ushort)h.A.Id },
            Len = 4096,
            Flags = GntCopy.DestGref,
        };
        Assert.Equal(GrantStatus.Okay, h.Copy(h.B, toGrant));
        Assert.Equal(0xB000_0FFCu, GrantHarness.Get<uint>(h.A, (PageA << 12) + 0xFFC));

        var both = toGrant;
        both.Source = new GnttabCopyPtr { URef = 8, Domid = (ushort)h.A.Id, Offset = 8 };
        both.Dest = new GnttabCopyPtr { URef = 9, Domid = (ushort)h.A.Id, Offset = 0 };
        both.Len = 16;
        both.Flags = GntCopy.SourceGref | GntCopy.DestGref;
        Assert.Equal(GrantStatus.Okay, h.Copy(h.B, both));
        Assert.Equal(0xB000_0008u, GrantHarness.Get<uint>(h.A, PageA2 << 12));
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(8));
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(9));
    }

    [Fact]
    public void Each_bad_copy_gets_the_gnttab_code_xen_gives()
    {
        using var h = new GrantHarness();
        ushort a = (ushort)h.A.Id, b = (ushort)h.B.Id;
        h.Grant(8, h.B, PageA);
        h.Grant(9, h.B, PageA2, readOnly: true);
        h.Grant(10, h.A, PageA);
        h.Grant(11, h.B, 0x90000);
        var good = FromGrant(8, a, 0, PageB, 0, 64);
        var cases = new (string Name, GnttabCopy Op, GrantStatus Want)[]
        {
            ("source crosses the page", good with { Source = good.Source with { Offset = 4000 }, Len = 200 }, GrantStatus.BadCopyArg),
            ("dest crosses the page", good with { Dest = good.Dest with { Offset = 4095 }, Len = 2 }, GrantStatus.BadCopyArg),
            ("bad ref", good with { Source = good.Source with { URef = 0xFFFF_FFFF } }, GrantStatus.BadGntref),
            ("no such domain", good with { Source = good.Source with { Domid = 0x7000 } }, GrantStatus.BadDomain),
            ("frame of another domain", good with { Flags = 0, Source = new GnttabCopyPtr { UGmfn = PageA, Domid = a } }, GrantStatus.PermissionDenied),
            ("own frame named by id", good with { Dest = good.Dest with { Domid = b } }, GrantStatus.PermissionDenied),
            ("granted to another domain", good with { Source = good.Source with { URef = 10 } }, GrantStatus.GeneralError),
            ("never granted", good with { Source = good.Source with { URef = 100 } }, GrantStatus.GeneralError),
            ("granted frame not RAM", good with { Source = good.Source with { URef = 11 } }, GrantStatus.BadPage),
            ("own frame not RAM", good with { Dest = good.Dest with { UGmfn = 0x90000 } }, GrantStatus.BadPage),
            ("read-only grant as destination", good with
            {
                Flags = GntCopy.SourceGref | GntCopy.DestGref,
                Dest = new GnttabCopyPtr { URef = 9, Domid = a },
            }, GrantStatus.GeneralError),
        };
        foreach (var c in cases)
        {
            var got = h.Copy(h.B, c.Op);
            Assert.True(c.Want == got, $"{c.Name}: got {got}");
        }
        Assert.Equal(0, h.A.Grants.ActiveCount);
        Assert.Equal(GrantFlags.PermitAccess, h.Flags(8));
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Readonly, h.Flags(9));
        Assert.Equal(0u, GrantHarness.Get<uint>(h.B, PageB << 12));
    }

    [Fact]
    public void A_copy_cannot_store_through_a_read_only_mapping()
    {
        using var h = new GrantHarness();
        h.Grant(9, h.B, PageA2, readOnly: true);
        var m = h.MapB(9, GntMap.HostMap | GntMap.Readonly);
        Assert.Equal((short)GrantStatus.Okay, m.Status);
        GrantHarness.Put(h.B, GrantHarness.PageB2 << 12, 0x7777_7777u);
        var op = new GnttabCopy
        {
            Source = new GnttabCopyPtr { UGmfn = GrantHarness.PageB2, Domid = DomId.Self },
            Dest = new GnttabCopyPtr { UGmfn = PageB, Domid = DomId.Self }, // B's alias of A's read-only page
            Len = 4,
        };
        Assert.Equal(GrantStatus.BadPage, h.Copy(h.B, op));
        Assert.Equal(0u, GrantHarness.Get<uint>(h.A, PageA2 << 12));
    }

    [Fact]
    public void A_batch_stops_at_an_element_it_cannot_read()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, PageA);
        GrantHarness.Put(h.B, GrantHarness.Args, FromGrant(8, (ushort)h.A.Id, 0, PageB, 0, 8) with { Status = 0x777 });
        // The second element would straddle the end of B's RAM: 0x403FFFF0 + 40 is past 4 MiB.
        uint last = 0x403F_FFF0 - GnttabCopy.Size;
        GrantHarness.Put(h.B, last, FromGrant(8, (ushort)h.A.Id, 0, PageB, 0, 8) with { Status = 0x777 });
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.B, GnttabOp.Copy, last, count: 3));
        Assert.Equal(0, GrantHarness.Get<short>(h.B, last + 36));
    }
}
