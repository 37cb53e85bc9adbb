using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>
/// Builds translation tables in the harness's RAM and turns the MMU on. Layout (physical): code at
/// 0x1000, short-descriptor first-level table at 0x80000, second-level tables from 0x84000, LPAE tables
/// from 0x88000, data pages from 0x90000. VA 0 is always an identity mapping of the first MiB (or GiB).
/// </summary>
internal sealed class MmuKit : IDisposable
{
    public const uint L1 = 0x80000;
    public const uint L2 = 0x84000;
    public const uint LpaeL1 = 0x88000, LpaeL2 = 0x89000, LpaeL3 = 0x8A000;

    public const uint SctlrM = 1, SctlrWxn = 1u << 19, SctlrUwxn = 1u << 20, SctlrAfe = 1u << 29;
    public const uint TtbcrEae = 1u << 31;

    public CpuHarness H { get; }
    public ArmCpu Cpu => H.Cpu;

    public MmuKit(CpuProfile? profile = null) => H = new CpuHarness(profile);

    public void Dispose() => H.Dispose();

    public void Poke32(ulong pa, uint v) => H.Memory.Write(pa, BitConverter.GetBytes(v));

    public void Poke64(ulong pa, ulong v) => H.Memory.Write(pa, BitConverter.GetBytes(v));

    public uint Peek32(ulong pa)
    {
        var b = new byte[4];
        H.Memory.Read(pa, b);
        return BitConverter.ToUInt32(b);
    }

    // ---- Short descriptors (AP is AP[2:0], APX in bit 2) ----

    public static uint Section(uint pa, uint ap = 3, uint domain = 0, bool xn = false, bool pxn = false, bool ng = false) =>
        (pa & 0xFFF00000u) | 2 | (pxn ? 1u : 0) | (xn ? 1u << 4 : 0) | (domain << 5) | ((ap & 3) << 10) | ((ap >> 2) << 15) | (ng ? 1u << 17 : 0);

    public static uint Supersection(ulong pa, uint ap = 3) =>
        ((uint)pa & 0xFF000000u) | (((uint)(pa >> 32) & 0xF) << 20) | (((uint)(pa >> 36) & 0xF) << 5) | (1u << 18) | 2 | ((ap & 3) << 10) | ((ap >> 2) << 15);

    public static uint PageTable(uint l2Pa, uint domain = 0, bool pxn = false) =>
        (l2Pa & 0xFFFFFC00u) | 1 | (pxn ? 4u : 0) | (domain << 5);

    public static uint SmallPage(uint pa, uint ap = 3, bool xn = false, bool ng = false) =>
        (pa & 0xFFFFF000u) | 2 | (xn ? 1u : 0) | ((ap & 3) << 4) | ((ap >> 2) << 9) | (ng ? 1u << 11 : 0);

    public static uint LargePage(uint pa, uint ap = 3, bool xn = false) =>
        (pa & 0xFFFF0000u) | 1 | ((ap & 3) << 4) | ((ap >> 2) << 9) | (xn ? 1u << 15 : 0);

    /// <summary>Writes the first-level entry for <paramref name="va"/> in the table at <paramref name="table"/>.</summary>
    public void MapL1(uint va, uint desc, uint table = L1) => Poke32(table + ((va >> 20) << 2), desc);

    /// <summary>Writes the second-level entry for <paramref name="va"/> in the table at <paramref name="table"/>.</summary>
    public void MapL2(uint va, uint desc, uint table = L2) => Poke32(table + (((va >> 12) & 0xFF) << 2), desc);

    /// <summary>Identity-maps the first MiB (code, tables, data) and turns on the short-descriptor MMU.</summary>
    public void EnableShort(uint dacr = 0x55555555, uint sctlr = 0)
    {
        MapL1(0, Section(0));
        Cpu.Ttbr0 = L1;
        Cpu.Ttbcr = 0;
        Cpu.Dacr = dacr;
        Cpu.Sctlr |= SctlrM | sctlr;
        Cpu.FlushTlb();
    }

    // ---- Long descriptors (AP is AP[2:1]: bit 1 read-only, bit 0 PL0 access) ----

    public static ulong Block(ulong pa, uint ap = 1, bool af = true, bool xn = false, bool pxn = false, bool ng = false, uint attrIndex = 0, uint sh = 0) =>
        (pa & 0xFF_FFFF_F000ul) | 1 | (attrIndex << 2) | (ap << 6) | (sh << 8) | (af ? 1ul << 10 : 0) | (ng ? 1ul << 11 : 0)
        | (pxn ? 1ul << 53 : 0) | (xn ? 1ul << 54 : 0);

    public static ulong Page(ulong pa, uint ap = 1, bool af = true, bool xn = false, bool pxn = false, uint attrIndex = 0, uint sh = 0) =>
        Block(pa, ap, af, xn, pxn, false, attrIndex, sh) | 2;

    public static ulong Table(ulong pa, bool pxnTable = false, bool xnTable = false, uint apTable = 0) =>
        (pa & 0xFF_FFFF_F000ul) | 3 | (pxnTable ? 1ul << 59 : 0) | (xnTable ? 1ul << 60 : 0) | ((ulong)apTable << 61);

    /// <summary>
    /// Turns on the LPAE MMU with TTBR0 at <see cref="LpaeL1"/> (T0SZ = 0): VA 0-1 GiB identity (1 GiB block);
    /// VA 1-2 GiB through the level-2 table at <see cref="LpaeL2"/>, whose entry 1 (VA 0x40200000) points to the
    /// level-3 table at <see cref="LpaeL3"/>.
    /// </summary>
    public void EnableLong(uint ttbcr = 0, uint sctlr = 0)
    {
        Poke64(LpaeL1, Block(0));
        Poke64(LpaeL1 + 8, Table(LpaeL2));
        Poke64(LpaeL2 + 8, Table(LpaeL3));
        Cpu.Ttbr0 = LpaeL1;
        Cpu.Ttbcr = TtbcrEae | ttbcr;
        Cpu.Sctlr |= SctlrM | sctlr;
        Cpu.FlushTlb();
    }

    /// <summary>Runs A32 code (with an HVC #0 after it) and returns how the run ended.</summary>
    public ExitReason Run(params uint[] code)
    {
        H.A32(code);
        return H.Run();
    }
}

/// <summary>A32 encodings used by the MMU tests (checked with arm-none-eabi-objdump).</summary>
internal static class Op
{
    public const uint LdrR1R0 = 0xE5901000; // ldr r1, [r0]
    public const uint LdrR4R0 = 0xE5904000; // ldr r4, [r0]
    public const uint StrR1R0 = 0xE5801000; // str r1, [r0]
    public const uint StrR3R2 = 0xE5823000; // str r3, [r2]
    public const uint LdrtR1R0 = 0xE4B01000; // ldrt r1, [r0], #0
    public const uint StrtR1R0 = 0xE4A01000; // strt r1, [r0], #0
    public const uint BxR0 = 0xE12FFF10; // bx r0
    public const uint LdrexR1R0 = 0xE1901F9F; // ldrex r1, [r0]
    public const uint Tlbiall = 0xEE080F17; // mcr p15, 0, r0, c8, c7, 0
    public const uint Tlbimva = 0xEE080F37; // mcr p15, 0, r0, c8, c7, 1
    public const uint Tlbiasid = 0xEE080F57; // mcr p15, 0, r0, c8, c7, 2
    public const uint Tlbimvaa = 0xEE080F77; // mcr p15, 0, r0, c8, c7, 3
    public const uint Tlbimvais = 0xEE080F33; // mcr p15, 0, r0, c8, c3, 1
    public const uint Tlbiallis = 0xEE080F13; // mcr p15, 0, r0, c8, c3, 0
    public const uint Dtlbimva = 0xEE080F36; // mcr p15, 0, r0, c8, c6, 1
    public const uint Itlbiall = 0xEE080F15; // mcr p15, 0, r0, c8, c5, 0
    public const uint Ats1cpr = 0xEE070F18; // mcr p15, 0, r0, c7, c8, 0
    public const uint Ats1cpw = 0xEE070F38; // mcr p15, 0, r0, c7, c8, 1
    public const uint Ats1cur = 0xEE070F58; // mcr p15, 0, r0, c7, c8, 2
    public const uint Ats1cuw = 0xEE070F78; // mcr p15, 0, r0, c7, c8, 3
    public const uint Ats12nsopr = 0xEE070F98; // mcr p15, 0, r0, c7, c8, 4
    public const uint MrcPar = 0xEE171F14; // mrc p15, 0, r1, c7, c4, 0
    public const uint MrrcPar = 0xEC532F07; // mrrc p15, 0, r2, r3, c7
    public const uint McrContextIdr = 0xEE0D0F30; // mcr p15, 0, r0, c13, c0, 1
    public const uint McrTtbr0R3 = 0xEE023F10; // mcr p15, 0, r3, c2, c0, 0
    public const uint Hvc = 0xE1400070; // hvc #0
}
