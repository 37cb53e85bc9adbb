/* Short-descriptor translation (TTBCR.EAE=0): sections, supersections, large and small pages,
   TTBR0/TTBR1 split, domains, AP permissions at PL1 and PL0, XN/PXN, the access flag, TEX remap,
   ATS1C** address translation into PAR, and TLB maintenance. Every fault prints DFSR/IFSR and
   the fault address. Test virtual addresses are at 0x80000000 and up, unmapped by the identity map. */
#include "mmu.h"

static u32 *l1;

/* Physical frames with known contents: word i of frame f holds TAG(f, i). */
#define FRAME(n) (SCRATCH_BASE + (n)*0x100000u)
#define TAG(pa) (((pa) & 0xfffffff0u) ^ 0x5a5a0000u)

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

/* Reads va at PL1; expects the word that the physical address pa holds. */
static void expect_read(const char *name, u32 va, u32 pa)
{
    rec_reset();
    u32 v = probe_ld(va);
    if (exc_rec.count)
        fail(name, "fault dfsr 0x%08x dfar 0x%08x", exc_rec.fsr, exc_rec.far);
    else
        check_eq(name, v, TAG(pa));
}

/* Accesses va (load or store, PL1 or PL0 through LDRT/STRT) and expects a data abort. */
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
    if (exc_rec.count != 1 || exc_rec.kind != EXC_DABT) {
        fail(name, "no data abort (count %u)", exc_rec.count);
        return;
    }
    u32 fsr = exc_rec.fsr;
    if ((fsr & 0x40f) == 0x005)
        fsr &= ~0xf0u; /* the domain is UNKNOWN for a first-level translation fault */
    if (fsr == dfsr && exc_rec.far == va)
        passf(name, "dfsr 0x%03x dfar 0x%08x", fsr, exc_rec.far);
    else
        fail(name, "dfsr 0x%03x dfar 0x%08x, want dfsr 0x%03x dfar 0x%08x", fsr, exc_rec.far, dfsr, va);
}

/* Which of PL1 read, PL1 write, PL0 read, PL0 write succeed (bits 0..3); the last fault's DFSR. */
static u32 access_mask(u32 va, u32 *last_dfsr)
{
    u32 mask = 0;
    *last_dfsr = 0;
    for (int how = 0; how < 4; how++) {
        rec_reset();
        switch (how) {
        case RD: probe_ld(va); break;
        case WR: probe_st(va, TAG(va)); break;
        case RD_U: probe_ldrt(va); break;
        default: probe_strt(va, TAG(va)); break;
        }
        if (exc_rec.count == 0)
            mask |= 1u << how;
        else
            *last_dfsr = exc_rec.fsr;
    }
    return mask;
}

static void test_sections(void)
{
    fill_tags(FRAME(0), 0x100000);
    l1[0x800] = FRAME(0) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
    flush();
    expect_read("section read", 0x80000010, FRAME(0) + 0x10);
    expect_read("section read end", 0x800ffff0, FRAME(0) + 0xffff0);

    /* Supersection: 16 identical entries, 16 MiB aligned on both sides. */
    u32 super_pa = 0x42000000;
    fill_tags(super_pa + 0x123400, 0x100);
    fill_tags(super_pa + 0xfe0000, 0x100);
    for (u32 i = 0; i < 16; i++)
        l1[0x810 + i] = super_pa | S1_SUPER | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
    flush();
    expect_read("supersection read", 0x81123400, super_pa + 0x123400);
    expect_read("supersection read high", 0x81fe0040, super_pa + 0xfe0040);

    expect_dabt("l1 translation fault", 0x90000000, RD, 0x005);
    expect_dabt("l1 translation fault write", 0x90000004, WR, 0x805);
}

static u32 *l2;

static void test_pages(void)
{
    l2 = page_alloc(); /* 1 KiB is enough; a page keeps it simple */
    fill_tags(FRAME(1), 0x100000);
    l1[0x801] = (u32)l2 | S1_TABLE | S1_DOMAIN(0);
    l2[0] = (FRAME(1) + 0x10000) | S2_SMALL | S2_AP(AP_FULL) | S2_NORMAL_SMALL;
    l2[1] = (FRAME(1) + 0x20000) | S2_SMALL | S2_AP(AP_FULL) | S2_NORMAL_SMALL;
    for (u32 i = 16; i < 32; i++)
        l2[i] = (FRAME(1) + 0x40000) | S2_LARGE | S2_AP(AP_FULL) | S2_TEX_LARGE(1) | S2_C | S2_B;
    flush();
    expect_read("small page 0", 0x80100ff0, FRAME(1) + 0x10ff0);
    expect_read("small page 1", 0x80101020, FRAME(1) + 0x20020);
    expect_read("large page", 0x80115000, FRAME(1) + 0x45000);
    expect_read("large page end", 0x8011fff0, FRAME(1) + 0x4fff0);
    expect_dabt("l2 translation fault", 0x80102008, RD, 0x007);
    expect_dabt("l2 translation fault write", 0x80103000, WR, 0x807);
}

static void test_domains(void)
{
    /* Section in domain 3 with AP=000 (no access), page in domain 5 with AP PL1-RO. */
    l1[0x802] = FRAME(2) | S1_SECTION | S1_DOMAIN(3) | S1_AP(AP_NONE) | S1_NORMAL;
    fill_tags(FRAME(2), 0x100);
    u32 *t = page_alloc();
    l1[0x803] = (u32)t | S1_TABLE | S1_DOMAIN(5);
    t[0] = FRAME(2) | S2_SMALL | S2_AP(AP_PRIV_RO) | S2_NORMAL_SMALL;
    flush();
    write_dacr(0x55555555u & ~(3u << 6) & ~(3u << 10)); /* domains 3 and 5: no access */
    isb();
    expect_dabt("domain fault section", 0x80200000, RD, 0x039);
    expect_dabt("domain fault page", 0x80300000, WR, 0x85b);
    write_dacr(0x55555555u | (3u << 6) | (3u << 10)); /* manager: no permission checks */
    isb();
    expect_read("manager section ignores AP", 0x80200000, FRAME(2));
    rec_reset();
    probe_st(0x80300000, TAG(FRAME(2)));
    check_eq("manager page write allowed", exc_rec.count, 0);
    write_dacr(0x55555555u); /* client */
    isb();
    expect_dabt("client permission fault section", 0x80200000, RD, 0x03d);
    expect_dabt("client permission fault page", 0x80300000, WR, 0x85f);
    expect_read("client page read", 0x80300000, FRAME(2));
}

static void test_ap(void)
{
    static const struct { u32 ap; u32 mask; } cases[] = {
        {AP_NONE, 0x0}, {AP_PRIV_RW, 0x3}, {AP_USER_RO, 0x7}, {AP_FULL, 0xf}, {AP_PRIV_RO, 0x1}, {6, 0x5}, {AP_RO, 0x5},
    };
    for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        l1[0x804] = FRAME(3) | S1_SECTION | S1_DOMAIN(2) | S1_AP(cases[i].ap) | S1_NORMAL;
        flush();
        u32 dfsr, mask = access_mask(0x80400000 + i * 16, &dfsr);
        printf("  ap=%u access mask (pl1 r, pl1 w, pl0 r, pl0 w) 0x%x last dfsr 0x%03x\n", cases[i].ap, mask, dfsr);
        check("ap matrix", mask == cases[i].mask);
    }
}

static u32 user_read(u32 va)
{
    return probe_ld(va);
}

static void test_user_mode(void)
{
    l1[0x805] = FRAME(3) | S1_SECTION | S1_AP(AP_PRIV_RW) | S1_NORMAL;
    l1[0x806] = FRAME(3) | S1_SECTION | S1_AP(AP_USER_RO) | S1_NORMAL;
    fill_tags(FRAME(3), 0x100);
    flush();
    rec_reset();
    u32 v = run_user(user_read, 0x80500020);
    check_eq("user mode read of PL1-only section", v, PROBE_FAULT);
    check_eq("user mode fault dfsr", exc_rec.fsr, 0x00d);
    check_eq("user mode fault spsr mode", exc_rec.spsr & 0x1f, MODE_USR);
    rec_reset();
    check_eq("user mode read of user-RO section", run_user(user_read, 0x80600020), TAG(FRAME(3) + 0x20));
}

/* mov r0, #0x5a; bx lr */
static const u32 code_blob[] = {0xe3a0005a, 0xe12fff1e};

static u32 user_call(u32 va)
{
    return ((u32(*)(void))va)();
}

static void expect_pabt(const char *name, u32 va, int user, u32 ifsr)
{
    rec_reset();
    u32 r = user ? run_user(user_call, va) : try_call(va, 0);
    if (exc_rec.count != 1 || exc_rec.kind != EXC_PABT) {
        fail(name, "no prefetch abort (result 0x%08x)", r);
        return;
    }
    if (exc_rec.fsr == ifsr && exc_rec.far == va)
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

static void test_xn(void)
{
    memcpy((void *)FRAME(4), code_blob, sizeof code_blob);
    u32 *t = page_alloc();
    dsb();
    iciallu(0);
    l1[0x807] = FRAME(4) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
    l1[0x808] = FRAME(4) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL | S1_XN;
    l1[0x809] = FRAME(4) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL | S1_PXN_SECT;
    l1[0x80a] = (u32)t | S1_TABLE;
    l1[0x80b] = (u32)t | S1_TABLE | S1_TABLE_PXN;
    t[0] = FRAME(4) | S2_SMALL | S2_AP(AP_FULL) | S2_NORMAL_SMALL | S2_XN_SMALL;
    t[1] = FRAME(4) | S2_SMALL | S2_AP(AP_FULL) | S2_NORMAL_SMALL;
    t[2] = FRAME(4) | S2_SMALL | S2_AP(AP_PRIV_RW) | S2_NORMAL_SMALL;
    flush();
    expect_exec("exec section pl1", 0x80700000, 0);
    expect_exec("exec section pl0", 0x80700000, 1);
    expect_pabt("xn section pl1", 0x80800000, 0, 0x00d);
    expect_pabt("xn section pl0", 0x80800000, 1, 0x00d);
    expect_pabt("pxn section pl1", 0x80900000, 0, 0x00d);
    expect_exec("pxn section pl0 runs", 0x80900000, 1);
    expect_pabt("xn small page pl1", 0x80a00000, 0, 0x00f);
    expect_exec("exec small page", 0x80a01000, 0);
    expect_pabt("pl0 exec of PL1-only page", 0x80a02000, 1, 0x00f);
    expect_pabt("table pxn pl1", 0x80b01000, 0, 0x00f);
    expect_exec("table pxn pl0 runs", 0x80b01000, 1);
    expect_pabt("l1 translation fault fetch", 0x80c00000, 0, 0x005);
}

static void test_access_flag(void)
{
    /* SCTLR.AFE=1: AP[0] is the access flag, AP[2:1] the permissions. */
    fill_tags(FRAME(5), 0x2000);
    u32 *t = page_alloc();
    l1[0x80c] = FRAME(5) | S1_SECTION | S1_DOMAIN(4) | S1_AP(AP_USER_RO /* AP[0]=0 */) | S1_NORMAL;
    l1[0x80d] = FRAME(5) | S1_SECTION | S1_DOMAIN(4) | S1_AP(AP_FULL /* AP[0]=1 */) | S1_NORMAL;
    l1[0x80e] = (u32)t | S1_TABLE | S1_DOMAIN(6);
    t[0] = FRAME(5) | S2_SMALL | S2_AP(AP_USER_RO) | S2_NORMAL_SMALL;
    t[1] = (FRAME(5) + 0x1000) | S2_SMALL | S2_AP(AP_FULL) | S2_NORMAL_SMALL;
    write_sctlr(read_sctlr() | SCTLR_AFE);
    flush();
    expect_dabt("access flag fault section", 0x80c00010, RD, 0x043);
    expect_read("access flag set section", 0x80d00010, FRAME(5) + 0x10);
    expect_dabt("access flag fault page", 0x80e00020, WR, 0x866);
    expect_read("access flag set page", 0x80e01020, FRAME(5) + 0x1020);
    /* AP[2:1]=11 with AFE: read-only at both levels. */
    l1[0x80d] = FRAME(5) | S1_SECTION | S1_DOMAIN(4) | S1_AP(AP_RO) | S1_NORMAL;
    flush();
    expect_dabt("afe read-only section write", 0x80d00010, WR, 0x84d);
    expect_dabt("afe read-only section pl0 write", 0x80d00010, WR_U, 0x84d);
    write_sctlr(read_sctlr() & ~SCTLR_AFE);
    flush();
}

static void test_tex_remap(void)
{
    /* Linux's values: index = TEX[0]:C:B; 0 strongly-ordered, 1 device, 3/7 normal write-back... */
    write_prrr(0xff0a81a8u);
    write_nmrr(0x40e040e0u);
    fill_tags(FRAME(6), 0x100);
    l1[0x80f] = FRAME(6) | S1_SECTION | S1_AP(AP_FULL) | S1_TEX(1) | S1_C | S1_B; /* index 7 */
    write_sctlr(read_sctlr() | SCTLR_TRE | SCTLR_AFE);
    flush();
    expect_read("tex remap normal read", 0x80f00040, FRAME(6) + 0x40);
    rec_reset();
    probe_st(0x80f00080, 0x12345678);
    check_eq("tex remap normal write", probe_ld(0x80f00080), 0x12345678);
    expect_read("tex remap read again", 0x80f00040, FRAME(6) + 0x40);
    write_sctlr(read_sctlr() & ~(SCTLR_TRE | SCTLR_AFE));
    flush();
}

/* PAR, short format: on success PA[31:12] and F=0 (attribute bits [11:1] are compared only
   for F; they are IMPLEMENTATION DEFINED in part); on failure F=1 and FS in bits [6:1]. */
static void expect_par(const char *name, u32 par, u32 want)
{
    check_eq(name, (par & 1) ? (par & 0x7f) : (par & 0xfffff001u), want);
}

static void test_ats(void)
{
    l1[0x805] = FRAME(3) | S1_SECTION | S1_AP(AP_PRIV_RW) | S1_NORMAL;
    l1[0x806] = FRAME(3) | S1_SECTION | S1_AP(AP_USER_RO) | S1_NORMAL;
    l1[0x807] = FRAME(4) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
    flush();
    ats1cpr(0x80512345); isb();
    expect_par("ats1cpr section", read_par(), FRAME(3) + 0x12000);
    ats1cuw(0x80512345); isb();
    expect_par("ats1cuw pl1-only section", read_par(), (0xd << 1) | 1);
    ats1cuw(0x80612345); isb();
    expect_par("ats1cuw user-ro section", read_par(), (0xd << 1) | 1);
    ats1cur(0x80612345); isb();
    expect_par("ats1cur user-ro section", read_par(), FRAME(3) + 0x12000);
    ats1cuw(0x80701000); isb();
    expect_par("ats1cuw full section", read_par(), FRAME(4) + 0x1000);
    ats1cpr(0x90000000); isb();
    expect_par("ats1cpr unmapped", read_par(), (0x5 << 1) | 1);
    ats1cpr(0x80101234); isb();
    expect_par("ats1cpr small page", read_par(), FRAME(1) + 0x20000);
    ats1cpw(0x80102000); isb();
    expect_par("ats1cpw l2 fault", read_par(), (0x7 << 1) | 1);
    ats1cpr(0x80118000); isb();
    expect_par("ats1cpr large page", read_par(), FRAME(1) + 0x48000);
}

static void test_tlb(void)
{
    fill_tags(FRAME(7), 0x100);
    fill_tags(FRAME(8), 0x100);
    l1[0x810 - 0x10 + 0x20] = FRAME(7) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL; /* VA 0x82000000 */
    flush();
    expect_read("tlb old section", 0x82000010, FRAME(7) + 0x10);
    l1[0x820] = FRAME(8) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
    dsb();
    tlbimva(0x82000000);
    dsb();
    isb();
    expect_read("tlbimva new section", 0x82000010, FRAME(8) + 0x10);
    /* Small page: change the L2 entry, invalidate by MVA. */
    expect_read("tlb old small page", 0x80100010, FRAME(1) + 0x10010);
    l2[0] = (FRAME(1) + 0x30000) | S2_SMALL | S2_AP(AP_FULL) | S2_NORMAL_SMALL;
    dsb();
    tlbimva(0x80100000);
    dsb();
    isb();
    expect_read("tlbimva new small page", 0x80100010, FRAME(1) + 0x30010);
    /* Unmap, TLBIALL: the access faults. */
    l1[0x820] = S1_FAULT;
    flush();
    expect_dabt("tlbiall unmapped section", 0x82000010, RD, 0x005);
}

static void test_split(void)
{
    /* TTBCR.N=1: VAs from 0x80000000 use TTBR1; TTBR0's table covers the low 2 GiB only. */
    u32 *hi = pages_alloc(4, 16384);
    fill_tags(FRAME(9), 0x100);
    hi[0x800] = FRAME(9) | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
    write_ttbr1((u32)hi);
    write_ttbcr(1);
    flush();
    expect_read("ttbcr.n=1 high va via ttbr1", 0x80000010, FRAME(9) + 0x10);
    fill_tags(FRAME(10), 0x100);
    expect_read("ttbcr.n=1 low va via ttbr0", FRAME(10) + 0x20, FRAME(10) + 0x20);
    expect_dabt("ttbr1 unmapped", 0x80100000, RD, 0x005);
    /* TTBCR.PD0/PD1 exist only with the Security Extensions, which QEMU's EL3-less CPU lacks
       (the bits read as 0 there), so they are not tested. */
    write_ttbcr(0);
    flush();
    expect_read("ttbcr.n=0 high va via ttbr0", 0x80000010, FRAME(0) + 0x10);
}

void test_main(void)
{
    rec_install();
    check_eq("id_mmfr0 vmsa", read_id_mmfr0() & 0xf, 5);
    l1 = pages_alloc(4, 16384);
    mmu_short_identity(l1);
    mmu_short_set(l1, 0, l1);
    mmu_on(0);
    check("mmu on, identity map runs", (read_sctlr() & SCTLR_M) != 0);
    test_sections();
    test_pages();
    test_domains();
    test_ap();
    test_user_mode();
    test_xn();
    test_access_flag();
    test_tex_remap();
    test_ats();
    test_tlb();
    test_split();
    mmu_off();
}
