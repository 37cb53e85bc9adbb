/* Long-descriptor translation (TTBCR.EAE=1): MAIR0/1, 1 GiB / 2 MiB blocks and 4 KiB pages,
   T0SZ/T1SZ splits (with a level-2 start), translation / access flag / permission faults per
   level in the long DFSR/IFSR format, XN/PXN, ASIDs in TTBR0 with nG pages and TLBIASID, and the
   64-bit PAR after ATS1C**. Test VAs: 0x80000000 (level-2 table) and 0xc0000000 (1 GiB block). */
#include "mmu.h"

#define TAG(pa) (((pa) & 0xfffffff0u) ^ 0xa5a50000u)
#define PA_BLOCK2M 0x41000000u /* 2 MiB aligned */
#define PA_PAGES 0x41200000u   /* 4 KiB frames used by level-3 pages */
#define PAGE(n) (PA_PAGES + (n)*0x1000u)

static u64 *l1, *l2, *l3;

static void fill_tags(u32 pa, u32 bytes)
{
    for (u32 a = pa; a < pa + bytes; a += 16)
        *(volatile u32 *)a = TAG(a);
}

static void flush(void)
{
    dsb();
    tlb_flush_all();
}

static void expect_read(const char *name, u32 va, u32 pa)
{
    rec_reset();
    u32 v = probe_ld(va);
    if (exc_rec.count)
        fail(name, "fault dfsr 0x%08x dfar 0x%08x", exc_rec.fsr, exc_rec.far);
    else
        check_eq(name, v, TAG(pa));
}

enum { RD, WR, RD_U, WR_U };
static void expect_dabt(const char *name, u32 va, int how, u32 dfsr)
{
    rec_reset();
    switch (how) {
    case RD: probe_ld(va); break;
    case WR: probe_st(va, 0); break;
    case RD_U: probe_ldrt(va); break;
    default: probe_strt(va, 0); break;
    }
    if (exc_rec.count != 1 || exc_rec.kind != EXC_DABT)
        fail(name, "no data abort (count %u)", exc_rec.count);
    else if (exc_rec.fsr == dfsr && exc_rec.far == va)
        passf(name, "dfsr 0x%03x dfar 0x%08x", exc_rec.fsr, exc_rec.far);
    else
        fail(name, "dfsr 0x%03x dfar 0x%08x, want dfsr 0x%03x dfar 0x%08x", exc_rec.fsr, exc_rec.far, dfsr, va);
}

static const u32 code_blob[] = {0xe3a0005a, 0xe12fff1e}; /* mov r0, #0x5a; bx lr */

static u32 user_call(u32 va)
{
    return ((u32(*)(void))va)();
}

static void expect_pabt(const char *name, u32 va, int user, u32 ifsr)
{
    rec_reset();
    u32 r = user ? run_user(user_call, va) : try_call(va, 0);
    if (exc_rec.count != 1 || exc_rec.kind != EXC_PABT)
        fail(name, "no prefetch abort (result 0x%08x)", r);
    else if (exc_rec.fsr == ifsr && exc_rec.far == va)
        passf(name, "ifsr 0x%03x ifar 0x%08x", exc_rec.fsr, exc_rec.far);
    else
        fail(name, "ifsr 0x%03x ifar 0x%08x, want ifsr 0x%03x ifar 0x%08x", exc_rec.fsr, exc_rec.far, ifsr, va);
}

static void expect_exec(const char *name, u32 va, int user)
{
    rec_reset();
    u32 r = user ? run_user(user_call, va) : try_call(va, 0);
    if (exc_rec.count)
        fail(name, "abort ifsr 0x%08x", exc_rec.fsr);
    else
        check_eq(name, r, 0x5a);
}

#define NORMAL (L_ATTRIDX(1) | L_SH_INNER | L_AF)
#define RW_ALL L_AP(1)
#define RW_PL1 L_AP(0)
#define RO_PL1 L_AP(2)

static void build_tables(void)
{
    l1 = mmu_lpae_identity();
    l2 = page_alloc();
    l3 = page_alloc();
    l1[2] = (u32)l2 | L_TABLE;
    l2[0] = PA_BLOCK2M | L_BLOCK | NORMAL | RW_ALL;
    l2[1] = (u32)l3 | L_TABLE;
    /* l2[2] invalid: level-2 translation fault */
    l2[3] = PA_BLOCK2M | L_BLOCK | L_ATTRIDX(1) | RW_ALL;         /* AF=0 */
    l2[4] = PA_BLOCK2M | L_BLOCK | NORMAL | RO_PL1;               /* PL1 read-only */
    l2[5] = PA_BLOCK2M | L_BLOCK | NORMAL | RW_ALL | L_PXN;       /* code, PXN */
    l2[6] = PA_BLOCK2M | L_BLOCK | L_ATTRIDX(2) | L_AF | RW_ALL; /* non-cacheable */
    l3[0] = PAGE(0) | L_PAGE | NORMAL | RW_ALL;
    /* l3[1] invalid: level-3 translation fault */
    l3[2] = PAGE(2) | L_PAGE | L_ATTRIDX(1) | RW_ALL; /* AF=0 */
    l3[3] = PAGE(3) | L_PAGE | NORMAL | RO_PL1;
    l3[4] = PAGE(4) | L_PAGE | NORMAL | RW_PL1;
    l3[5] = PAGE(5) | L_PAGE | NORMAL | RW_ALL | L_XN;
    l3[6] = PAGE(5) | L_PAGE | NORMAL | RW_ALL | L_PXN;
    l3[7] = PAGE(5) | L_PAGE | NORMAL | RW_ALL;
    l3[8] = PAGE(8) | L_PAGE | NORMAL | RW_ALL | L_NG;
    l3[9] = PAGE(9) | L_PAGE | NORMAL | L_AP(3); /* RO at PL1 and PL0 */
    fill_tags(PA_BLOCK2M, 0x200000);
    fill_tags(PA_PAGES, 0x10000);
    memcpy((void *)(PA_BLOCK2M + 0x1f0000), code_blob, sizeof code_blob);
    memcpy((void *)PAGE(5), code_blob, sizeof code_blob);
    dsb();
    iciallu(0);
}

static void test_blocks_and_pages(void)
{
    l1[3] = 0x40000000ull | L_BLOCK | NORMAL | RW_ALL;
    flush();
    expect_read("1g block", 0xc1000010, 0x41000010);
    expect_read("1g block high", 0xc11ffff0, 0x411ffff0);
    expect_read("2m block", 0x80000020, PA_BLOCK2M + 0x20);
    expect_read("2m block end", 0x801ffff0, PA_BLOCK2M + 0x1ffff0);
    expect_read("4k page", 0x80200ff0, PAGE(0) + 0xff0);
    expect_read("4k page ro", 0x80209010, PAGE(9) + 0x10);
    expect_read("non-cacheable block", 0x80c00030, PA_BLOCK2M + 0x30);
    l1[3] = L_INVALID;
    flush();
}

static void test_faults(void)
{
    expect_dabt("translation fault level 1", 0xc0000000, RD, 0x205);
    expect_dabt("translation fault level 2", 0x80400000, RD, 0x206);
    expect_dabt("translation fault level 3", 0x80201000, WR, 0xa07);
    expect_dabt("access flag fault level 2", 0x80600000, RD, 0x20a);
    expect_dabt("access flag fault level 3", 0x80202000, RD, 0x20b);
    expect_dabt("permission fault level 2 write", 0x80800000, WR, 0xa0e);
    expect_read("permission level 2 read ok", 0x80800010, PA_BLOCK2M + 0x10);
    expect_dabt("permission fault level 3 write", 0x80203000, WR, 0xa0f);
    expect_dabt("permission fault level 2 pl0 read", 0x80800010, RD_U, 0x20e);
    expect_dabt("permission fault level 3 pl0 read", 0x80204000, RD_U, 0x20f);
    expect_dabt("permission fault level 3 pl0 write ro", 0x80209000, WR_U, 0xa0f);
    rec_reset();
    check_eq("pl0 read of rw-all page", probe_ldrt(0x80200040), TAG(PAGE(0) + 0x40));
    /* Alignment faults use the long format too. */
    write_sctlr(read_sctlr() | SCTLR_A);
    isb();
    expect_dabt("alignment fault", 0x80200002, RD, 0x221);
    write_sctlr(read_sctlr() & ~SCTLR_A);
    isb();
}

static void test_exec(void)
{
    expect_exec("exec page pl1", 0x80207000, 0);
    expect_exec("exec page pl0", 0x80207000, 1);
    expect_pabt("xn page pl1", 0x80205000, 0, 0x20f);
    expect_pabt("xn page pl0", 0x80205000, 1, 0x20f);
    expect_pabt("pxn page pl1", 0x80206000, 0, 0x20f);
    expect_exec("pxn page pl0 runs", 0x80206000, 1);
    expect_pabt("pxn block pl1", 0x80bf0000, 0, 0x20e);
    expect_exec("pxn block pl0 runs", 0x80bf0000, 1);
    expect_pabt("translation fault fetch level 3", 0x80201000, 0, 0x207);
}

/* PAR, 64-bit: F (bit 0), FST (6:1) and LPAE (bit 11) on failure; PA[39:12] on success.
   The attribute fields are left out: they may be reported downgraded. */
static void expect_par(const char *name, u64 par, u64 want)
{
    u64 v = (par & 1) ? (par & 0x87full) : (par & 0xfffffff801ull);
    check64_eq(name, v, want);
}

static void test_ats(void)
{
    ats1cpr(0x80212345); isb();
    expect_par("ats1cpr unmapped page", read_par64(), 0x800 | (0x07 << 1) | 1);
    ats1cpr(0x80200345); isb();
    expect_par("ats1cpr page", read_par64(), 0x800 | PAGE(0));
    ats1cpr(0x80123456); isb();
    expect_par("ats1cpr block", read_par64(), 0x800 | (PA_BLOCK2M + 0x123000));
    ats1cpw(0x80203000); isb();
    expect_par("ats1cpw ro page", read_par64(), 0x800 | (0x0f << 1) | 1);
    ats1cur(0x80204000); isb();
    expect_par("ats1cur pl1-only page", read_par64(), 0x800 | (0x0f << 1) | 1);
    ats1cuw(0x80200000); isb();
    expect_par("ats1cuw rw page", read_par64(), 0x800 | PAGE(0));
    ats1cpr(0x80202000); isb();
    expect_par("ats1cpr af fault", read_par64(), 0x800 | (0x0b << 1) | 1);
    ats1cpr(0xc0000000); isb();
    expect_par("ats1cpr level 1 fault", read_par64(), 0x800 | (0x05 << 1) | 1);
}

static void set_asid(u32 asid)
{
    write_ttbr0_64((u64)(u32)l1 | ((u64)asid << 48));
    isb();
}

static void test_asid(void)
{
    fill_tags(PAGE(10), 0x100);
    set_asid(1);
    expect_read("asid 1 ng page", 0x80208010, PAGE(8) + 0x10);
    check_eq("ttbr0 asid field", (u32)(read_ttbr0_64() >> 48), 1);
    l3[8] = PAGE(10) | L_PAGE | NORMAL | RW_ALL | L_NG;
    dsb();
    tlbiasid(1);
    dsb();
    isb();
    expect_read("asid 1 after tlbiasid", 0x80208010, PAGE(10) + 0x10);
    set_asid(2);
    expect_read("asid 2 ng page", 0x80208010, PAGE(10) + 0x10);
    expect_read("asid 2 global page", 0x80200010, PAGE(0) + 0x10);
    l3[0] = PAGE(11) | L_PAGE | NORMAL | RW_ALL;
    fill_tags(PAGE(11), 0x100);
    dsb();
    tlbimvaa(0x80200000);
    dsb();
    isb();
    expect_read("tlbimvaa global page", 0x80200010, PAGE(11) + 0x10);
    set_asid(0);
}

static void test_split(void)
{
    /* T0SZ=1, T1SZ=1: TTBR1 maps 0x80000000-0xffffffff through its own level-1 table. */
    u64 *t1 = page_alloc();
    t1[0] = 0x40000000ull | L_BLOCK | NORMAL | RW_ALL; /* VA 0x80000000 */
    write_ttbr1_64((u32)t1);
    write_ttbcr(TTBCR_EAE | (1u << 16) | 1u);
    flush();
    expect_read("t1sz=1 ttbr1 block", 0x81000040, 0x41000040);
    expect_read("t0sz=1 ttbr0 still maps ram", PA_BLOCK2M + 0x40, PA_BLOCK2M + 0x40);
    expect_dabt("t1sz=1 ttbr1 level 1 fault", 0xc0000000, RD, 0x205);
    /* T1SZ=2: TTBR1 covers 0xc0000000 up and its walk starts at level 2. */
    u64 *t2 = page_alloc();
    t2[8] = PA_BLOCK2M | L_BLOCK | NORMAL | RW_ALL; /* VA 0xc1000000 */
    write_ttbr1_64((u32)t2);
    write_ttbcr(TTBCR_EAE | (2u << 16));
    flush();
    expect_read("t1sz=2 level-2 start block", 0xc1000080, PA_BLOCK2M + 0x80);
    expect_dabt("t1sz=2 level 2 fault", 0xc1200000, RD, 0x206);
    expect_read("t1sz=2 ttbr0 covers 0x80000000", 0x80200010, PAGE(11) + 0x10);
    /* EPD1: a walk through TTBR1 gives a translation fault reported at level 1 whatever the
       start level (ARM ARM pseudocode, AArch32.TranslationTableWalkLD). */
    write_ttbcr(TTBCR_EAE | (2u << 16) | (1u << 23));
    flush();
    expect_dabt("epd1 translation fault", 0xc1000080, RD, 0x205);
    write_ttbcr(TTBCR_EAE);
    flush();
}

void test_main(void)
{
    rec_install();
    build_tables();
    mmu_lpae_set((u32)l1, 0, 0);
    check_eq("mair0", read_prrr(), MAIR0_VALUE);
    check_eq("mair1", read_nmrr(), MAIR1_VALUE);
    check_eq("ttbcr eae", read_ttbcr(), TTBCR_EAE);
    mmu_on(0);
    check("mmu on with lpae identity map", (read_sctlr() & SCTLR_M) != 0);
    test_blocks_and_pages();
    test_faults();
    test_exec();
    test_ats();
    test_asid();
    test_split();
    mmu_off();
    write_ttbcr(0);
}
