using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Xenith.Abi;

namespace Xenith.Abi.Tests;

/// <summary>Reads structs from byte images laid out by hand from the spec, as the hypervisor will from a guest page copy.</summary>
public class LayoutReadTests
{
    [Fact]
    public void SharedInfoBitmapsFollowThePortNumbering()
    {
        var page = new byte[SharedInfo.Size];
        // spec 3.2: port p is bit p%8 of byte p/8 of the array; pending at 48, mask at 560.
        page[48 + 65 / 8] |= 1 << (65 % 8);
        page[560 + 4095 / 8] |= 1 << (4095 % 8);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(1076), 1_700_000_000);
        var si = MemoryMarshal.Read<SharedInfo>(page);
        unsafe
        {
            Assert.Equal(1UL << 1, si.EvtchnPending[1]);
            Assert.Equal(0UL, si.EvtchnPending[0]);
            Assert.Equal(1UL << 63, si.EvtchnMask[63]);
        }
        Assert.Equal(1_700_000_000u, si.WcSec);
    }

    [Fact]
    public void GrantCopyReadsBothSidesAndWritesStatusBack()
    {
        var b = new byte[GnttabCopy.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0), 9);          // source.u.ref
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), 3);          // source.domid
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), 0x100);     // source.offset
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), 0x4_0123);  // dest.u.gmfn
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(24), DomId.Self);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(32), 512);       // len
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(34), GntCopy.SourceGref);
        var op = MemoryMarshal.Read<GnttabCopy>(b);
        Assert.Equal(9u, op.Source.URef);
        Assert.Equal((ushort)3, op.Source.Domid);
        Assert.Equal((ushort)0x100, op.Source.Offset);
        Assert.Equal(0x4_0123UL, op.Dest.UGmfn);
        Assert.Equal(DomId.Self, op.Dest.Domid);
        Assert.Equal((ushort)512, op.Len);
        Assert.Equal(GntCopy.SourceGref, op.Flags);

        op.Status = (short)GrantStatus.BadCopyArg;
        MemoryMarshal.Write(b, in op);
        Assert.Equal(-10, BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(36)));
    }

    [Fact]
    public void EvtchnStatusUnionMembersOverlay()
    {
        var s = new EvtchnStatus { Status = (uint)EvtchnStat.Interdomain, InterdomainDom = 7, InterdomainPort = 42 };
        var b = new byte[EvtchnStatus.Size];
        MemoryMarshal.Write(b, in s);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(16)));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(20)));
        Assert.Equal((ushort)7, s.UnboundDom);
    }

    [Fact]
    public void RunstateAreaUsesOnlyTheLowHalfForTheAddress()
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(b, 0xC123_4000);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), 0xDEAD_BEEF); // stack garbage (spec 3.8)
        Assert.Equal(0xC123_4000u, MemoryMarshal.Read<VcpuRegisterRunstateMemoryArea>(b).AddrV);
    }

    [Fact]
    public void BlkifSegmentsSitEightBytesApartFromOffset24()
    {
        var b = new byte[BlkifRequest.Size];
        b[0] = (byte)BlkifOp.Write;
        b[1] = 2;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24 + 8), 77); // seg[1].gref
        b[24 + 8 + 4] = 1;                                                // seg[1].first_sect
        b[24 + 8 + 5] = 7;                                                // seg[1].last_sect
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24 + 10 * 8), 99); // seg[10].gref
        var r = MemoryMarshal.Read<BlkifRequest>(b);
        Assert.Equal(77u, r.Seg[1].Gref);
        Assert.Equal((byte)1, r.Seg[1].FirstSect);
        Assert.Equal((byte)7, r.Seg[1].LastSect);
        Assert.Equal(99u, r.Seg[10].Gref);
    }

    [Fact]
    public void ArmHasEmptyArchParts()
    {
        // spec 3.1/3.2: arch_vcpu_info and arch_shared_info are empty on ARM.
        Assert.Equal(0, ArchVcpuInfo.Size);
        Assert.Equal(16, ArchVcpuInfo.Offset);
        Assert.Equal(0, ArchSharedInfo.Size);
        Assert.Equal(1088, ArchSharedInfo.Offset);
    }

    [Fact]
    public void RingSizeRoundsDownToAPowerOfTwo()
    {
        // spec 10.1/10.2: one page of 112-byte blkif entries holds 32; 2/4/8/16 pages → 64/128/256/512.
        Assert.Equal(32u, SharedRing.EntryCount(4096, 112));
        Assert.Equal(64u, SharedRing.EntryCount(2 * 4096, 112));
        Assert.Equal(128u, SharedRing.EntryCount(4 * 4096, 112));
        Assert.Equal(256u, SharedRing.EntryCount(8 * 4096, 112));
        Assert.Equal(512u, SharedRing.EntryCount(16 * 4096, 112));
        Assert.Equal((uint)Blkif.RingEntriesOnePage, SharedRing.EntryCount(XenAbi.PageSize, BlkifRequest.Size));
        Assert.Equal(0u, SharedRing.EntryCount(64, 16));
    }
}
