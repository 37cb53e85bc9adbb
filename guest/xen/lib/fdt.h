/* A minimal read-only flattened device tree reader (DTSpec v0.3 structure block). Node handles
   are byte offsets into the structure block; < 0 means not found. */
#ifndef XEN_FDT_H
#define XEN_FDT_H

#include "types.h"

#define FDT_MAGIC 0xd00dfeedu

int fdt_init(const void *blob);               /* 0 if the header is sane, else -1 */
u32 fdt_be32(const void *p);
u64 fdt_cells(const void *p, int cells);      /* 1 or 2 big-endian cells */
int fdt_next_node(int node, int *depth);      /* next node in document order, or -1 */
const char *fdt_node_name(int node);          /* "" for the root */
const void *fdt_getprop(int node, const char *name, u32 *len);
int fdt_path(const char *path);               /* "/hypervisor", "/memory" ("memory@..." matches) */
int fdt_find_compatible(const char *compat);  /* first node listing compat */
int fdt_prop_has_string(const void *prop, u32 len, const char *s); /* string-list membership */
/* reg entry i of node, with the parent's #address-cells/#size-cells given. */
int fdt_reg(int node, int i, int addr_cells, int size_cells, u64 *addr, u64 *size);
u32 fdt_root_cells(const char *name, u32 dflt); /* #address-cells / #size-cells of the root */
/* GIC interrupt specifier i (3 cells) of node as an INTID: PPI n -> 16+n, SPI n -> 32+n. */
int fdt_gic_irq(int node, int i, u32 *intid);

#endif
