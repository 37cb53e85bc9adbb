namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>
/// DACR writes switch between TLB sets instead of flushing (Linux's software PAN writes DACR around every
/// user access). Whatever a set cached under one DACR value must never answer for another, in either
/// direction, and a set taken back must not have missed a change made while it was inactive. Each test
/// changes DACR with MCR inside one run, so the sets, not a flush between runs, are what is exercised.
/// </summary>
public class DacrSwitchTests
{
    private const uint DataVa = 0x40090000;
    /// <summary>Domain 0 (the code's identity map) and domain 1 (VA 0x40000000) Client.</summary>
    private const uint Open = 0x5;
    /// <summary>Domain 1 No access.</summary>
    private const uint Closed = 0x1;
    /// <summary>Domain 1 Manager: access permissions are not checked.</summary>
    private const uint Manager = 0xD;

    private const uint McrDacrR2 = 0xEE032F10, McrDacrR3 = 0xEE033F10; // mcr p15, 0, rN, c3, c0, 0
    private const uint LdrR5R0 = 0xE5905000;   // ldr r5, [r0]
    private const uint StrR11R0 = 0xE580B000;  // str fp, [r0]
    private const uint StrR12R0 = 0xE580C000;  // str ip, [r0]

    /// <summary>VA 0x40000000-0x400FFFFF in domain 1, onto PA 0 (so the data page is PA 0x90000).</summary>
    private static MmuKit Kit(uint ap = 3, uint dacr = Open)
    {
        var k = new MmuKit(CpuProfile.CortexA8);
        k.MapL1(0x40000000, MmuKit.Section(0, ap, domain: 1));
        k.Poke32(0x90000, 0xA);
        k.EnableShort(dacr);
        k.Cpu.R[0] = DataVa;
        return k;
    }

    [Fact]
    public void Closing_the_domain_faults_after_the_open_set_was_filled_and_taken_back()
    {
        using var k = Kit();
        k.Cpu.R[2] = Open;
        k.Cpu.R[3] = Closed;

        Assert.Equal(ExitReason.DataAbort, k.Run(
            Op.LdrR1R0,   // fills the open set
            McrDacrR3,    // closed: a new set
            McrDacrR2,    // open again: the first set comes back
            Op.LdrR4R0,   // and still answers
            McrDacrR3,    // closed again
            LdrR5R0));    // must not be served by the open set's entry

        Assert.Equal(0xAu, k.Cpu.R[1]);
        Assert.Equal(0xAu, k.Cpu.R[4]);
        Assert.Equal(0u, k.Cpu.R[5]);
        Assert.Equal(0x019u, k.Cpu.Dfsr); // domain 1, domain fault (section)
        Assert.Equal(DataVa, k.Cpu.Dfar);
        Assert.Equal(Closed, k.Cpu.Dacr);
    }

    [Fact]
    public void Manager_lifts_a_permission_fault_and_client_brings_it_back()
    {
        using var k = Kit(ap: 5); // PL1 read-only
        k.Cpu.R[2] = Manager;
        k.Cpu.R[3] = Open;
        k.Cpu.R[11] = 0x55;
        k.Cpu.R[12] = 0x66;

        Assert.Equal(ExitReason.DataAbort, k.Run(
            Op.LdrR1R0,   // the client set caches the page readable, not writable
            McrDacrR2,    // Manager
            StrR11R0,     // writes despite AP
            McrDacrR3,    // Client again
            StrR12R0));   // must not use the Manager set's write right

        Assert.Equal(0xAu, k.Cpu.R[1]);
        Assert.Equal(0x55u, k.Peek32(0x90000));
        Assert.Equal(0x81Du, k.Cpu.Dfsr); // WnR, domain 1, permission (section)
    }

    [Fact]
    public void A_block_link_made_under_one_dacr_is_not_followed_under_another()
    {
        // Code at 0x1000 (domain 0) jumps into its own alias at 0x40001000 (domain 1) and back, then
        // closes domain 1: the jump made under the open DACR must now take the prefetch abort.
        using var k = Kit();
        k.Cpu.R[2] = Open;
        k.Cpu.R[3] = Closed;
        k.Cpu.R[6] = 0x40001010;
        k.Cpu.R[8] = 0x1000;
        k.Cpu.R[7] = 0;

        Assert.Equal(ExitReason.PrefetchAbort, k.Run(
            McrDacrR2,    // 0x1000: DACR = r2
            0xE12FFF16,   // 0x1004: bx r6 (to 0x40001010)
            0xE320F000,   // 0x1008: nop
            0xE320F000,   // 0x100C: nop
            0xE2877001,   // 0x1010: add r7, r7, #1
            0xE1A02003,   // 0x1014: mov r2, r3
            0xE12FFF18)); // 0x1018: bx r8 (to 0x1000)

        Assert.Equal(1u, k.Cpu.R[7]);
        Assert.Equal(0x40001010u, k.Cpu.Ifar);
        Assert.Equal(0x019u, k.Cpu.Ifsr); // domain 1, domain fault (section), as QEMU reports it
    }

    [Theory]
    [InlineData(Op.Tlbimva)]
    [InlineData(Op.Tlbiall)]
    public void Tlb_maintenance_under_one_dacr_reaches_the_other_set(uint tlbi)
    {
        using var k = Kit();
        k.H.Memory.AddRam(0x100000, 0x100000);
        k.Poke32(0x190000, 0xB);
        k.Cpu.R[2] = Open;
        k.Cpu.R[3] = 0x15; // domain 2 Client as well: another set, domain 1 still open
        k.Cpu.R[6] = MmuKit.L1 + (0x400 << 2);
        k.Cpu.R[7] = MmuKit.Section(0x100000, domain: 1);

        Assert.Equal(ExitReason.Hvc, k.Run(
            Op.LdrR1R0,   // the open set caches VA -> 0x90000
            McrDacrR3,
            0xE5867000,   // str r7, [r6]: remap the section to 0x100000
            tlbi,         // r0 = the VA
            McrDacrR2,    // the open set is back...
            Op.LdrR4R0)); // ...without its stale entry

        Assert.Equal(0xAu, k.Cpu.R[1]);
        Assert.Equal(0xBu, k.Cpu.R[4]);
    }

    [Fact]
    public void Code_decoded_under_one_dacr_protects_its_page_in_the_other_set()
    {
        // A store fills set A with a write right for page 0x3000; under set B the page becomes code; back
        // under A, a store that rewrites the code must still be seen (the block is rebuilt).
        using var k = Kit();
        k.Poke32(0x3000, 0xE3A05001); // mov r5, #1
        k.Poke32(0x3004, 0xE12FFF1E); // bx lr
        k.Cpu.R[2] = Open;
        k.Cpu.R[3] = 0x15;
        k.Cpu.R[9] = 0x3000;
        k.Cpu.R[11] = 0xE3A05001;
        k.Cpu.R[12] = 0xE3A05002; // mov r5, #2

        Assert.Equal(ExitReason.Hvc, k.Run(
            0xE589B000,   // str fp, [r9]: set A may now write the page fast
            McrDacrR3,    // set B
            0xE12FFF39,   // blx r9: r5 = 1, page 0x3000 holds code
            McrDacrR2,    // set A
            0xE589C000,   // str ip, [r9]: rewrites the first instruction
            0xE12FFF39)); // blx r9

        Assert.Equal(2u, k.Cpu.R[5]);
    }

    [Fact]
    public void Writing_the_same_value_changes_nothing_and_reading_gives_it_back()
    {
        using var k = Kit();
        k.Cpu.R[2] = Open;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0, McrDacrR2, Op.LdrR4R0, 0xEE131F10)); // ...; mrc p15, 0, r1, c3, c0, 0
        Assert.Equal(0xAu, k.Cpu.R[4]);
        Assert.Equal(Open, k.Cpu.R[1]);
    }
}
