/* Descriptor bits for the short-descriptor and long-descriptor (LPAE) translation table
   formats (ARM ARM B3.5 and B3.6), and a pool of page-aligned table memory. */
#ifndef MMU_H
#define MMU_H
#include "rt.h"

/* short-descriptor, first level */
#define S1_FAULT 0u
#define S1_TABLE 1u
#define S1_SECTION 2u
#define S1_PXN_SECT (1u << 0)
#define S1_B (1u << 2)
#define S1_C (1u << 3)
#define S1_XN (1u << 4)
#define S1_DOMAIN(d) ((u32)(d) << 5)
#define S1_AP(ap) ((((u32)(ap)&3u) << 10) | ((((u32)(ap) >> 2) & 1u) << 15)) /* AP[2:0], APX = AP[2] */
#define S1_TEX(t) ((u32)(t) << 12)
#define S1_S (1u << 16)
#define S1_NG (1u << 17)
#define S1_SUPER (1u << 18)
#define S1_TABLE_PXN (1u << 2)
/* short-descriptor, second level */
#define S2_LARGE 1u
#define S2_SMALL 2u
#define S2_XN_SMALL (1u << 0)
#define S2_B (1u << 2)
#define S2_C (1u << 3)
#define S2_AP(ap) ((((u32)(ap)&3u) << 4) | ((((u32)(ap) >> 2) & 1u) << 9))
#define S2_TEX_SMALL(t) ((u32)(t) << 6)
#define S2_S (1u << 10)
#define S2_NG (1u << 11)
#define S2_TEX_LARGE(t) ((u32)(t) << 12)
#define S2_XN_LARGE (1u << 15)
/* AP[2:0] values */
#define AP_NONE 0u     /* PL1 none, PL0 none (AP[0] is the access flag when SCTLR.AFE=1) */
#define AP_PRIV_RW 1u  /* PL1 RW, PL0 none */
#define AP_USER_RO 2u  /* PL1 RW, PL0 RO */
#define AP_FULL 3u     /* PL1 RW, PL0 RW */
#define AP_PRIV_RO 5u  /* PL1 RO, PL0 none */
#define AP_RO 7u       /* PL1 RO, PL0 RO */
/* memory types with TEX remap off */
#define S1_DEVICE S1_B                        /* TEX 000 C0 B1: shareable device */
#define S1_NORMAL (S1_TEX(1) | S1_C | S1_B)   /* normal write-back */
#define S2_NORMAL_SMALL (S2_TEX_SMALL(1) | S2_C | S2_B)

/* long-descriptor (LPAE) */
#define L_INVALID 0ull
#define L_BLOCK 1ull
#define L_TABLE 3ull
#define L_PAGE 3ull
#define L_ATTRIDX(i) ((u64)(i) << 2)
#define L_NS (1ull << 5)
#define L_AP(ap) ((u64)(ap) << 6) /* AP[2:1]: 0 PL1 RW, 1 RW RW, 2 PL1 RO, 3 RO RO */
#define L_SH_INNER (3ull << 8)
#define L_AF (1ull << 10)
#define L_NG (1ull << 11)
#define L_PXN (1ull << 53)
#define L_XN (1ull << 54)
#define L_ADDR(pa) ((u64)(pa)&0xfffffff000ull)
/* AttrIndx values used with mmu_lpae_mair(): 0 device-nGnRE, 1 normal write-back, 2 normal non-cacheable */
#define MAIR0_VALUE 0x0044ff04u
#define MAIR1_VALUE 0u

#define TTBCR_EAE (1u << 31)

void *page_alloc(void); /* zeroed, 4 KiB aligned; from a static pool */
void *pages_alloc(u32 n, u32 align); /* n zeroed pages, start aligned to align bytes */
void mmu_short_identity(u32 *l1); /* 1 MiB sections: devices below RAM, RAM 0x40000000-0x4fffffff */
u64 *mmu_lpae_identity(void);     /* L1 table: 1 GiB blocks, device for 0-1 GiB, normal RAM for 1-2 GiB */
void mmu_short_set(u32 *ttbr0, u32 ttbcr_n, u32 *ttbr1); /* EAE=0, DACR all client */
void mmu_lpae_set(u64 ttbr0, u64 ttbr1, u32 ttbcr);       /* EAE=1, MAIRs, TTBRs as given */

#endif
