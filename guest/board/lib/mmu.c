#include "mmu.h"

#define POOL_PAGES 48
static u8 pool[POOL_PAGES][4096] __attribute__((aligned(16384)));
static u32 pool_next;

void *pages_alloc(u32 n, u32 align)
{
    while (((u32)pool[pool_next] & (align - 1)) != 0 && pool_next < POOL_PAGES)
        pool_next++;
    if (pool_next + n > POOL_PAGES) {
        fail("page_alloc", "pool exhausted");
        finish();
    }
    void *p = pool[pool_next];
    pool_next += n;
    memset(p, 0, n * 4096);
    return p;
}

void *page_alloc(void)
{
    return pages_alloc(1, 4096);
}

void mmu_short_identity(u32 *l1)
{
    for (u32 i = 0; i < 4096; i++) {
        u32 base = i << 20;
        if (base < RAM_BASE)
            l1[i] = base | S1_SECTION | S1_AP(AP_FULL) | S1_XN | S1_DEVICE;
        else if (base < RAM_BASE + 0x10000000u)
            l1[i] = base | S1_SECTION | S1_AP(AP_FULL) | S1_NORMAL;
        else
            l1[i] = S1_FAULT;
    }
}

u64 *mmu_lpae_identity(void)
{
    u64 *l1 = page_alloc();
    l1[0] = 0x00000000ull | L_BLOCK | L_AF | L_AP(1) | L_ATTRIDX(0) | L_XN | L_PXN;
    l1[1] = 0x40000000ull | L_BLOCK | L_AF | L_AP(1) | L_ATTRIDX(1) | L_SH_INNER;
    return l1;
}

void mmu_short_set(u32 *ttbr0, u32 ttbcr_n, u32 *ttbr1)
{
    write_ttbcr(ttbcr_n);
    isb();
    write_ttbr0((u32)ttbr0);
    write_ttbr1((u32)ttbr1);
    write_dacr(0x55555555u);
    write_contextidr(0);
    isb();
}

void mmu_lpae_set(u64 ttbr0, u64 ttbr1, u32 ttbcr)
{
    write_ttbcr(TTBCR_EAE | ttbcr);
    isb();
    write_prrr(MAIR0_VALUE);
    write_nmrr(MAIR1_VALUE);
    write_ttbr0_64(ttbr0);
    write_ttbr1_64(ttbr1);
    isb();
}
