#include "fdt.h"
#include "rt.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static const u8 *blob;
static u32 struct_off, struct_size, strings_off, strings_size;

/* Byte loads: the blob lives in Strongly-ordered memory (MMU off), where unaligned words fault. */
u32 fdt_be32(const void *p)
{
    const u8 *b = p;
    return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

u64 fdt_cells(const void *p, int cells)
{
    u64 v = 0;
    for (int i = 0; i < cells; i++)
        v = (v << 32) | fdt_be32((const u8 *)p + 4 * i);
    return v;
}

int fdt_init(const void *p)
{
    blob = 0;
    if (!p || fdt_be32(p) != FDT_MAGIC)
        return -1;
    const u8 *b = p;
    u32 total = fdt_be32(b + 4);
    struct_off = fdt_be32(b + 8);
    strings_off = fdt_be32(b + 12);
    strings_size = fdt_be32(b + 32);
    struct_size = fdt_be32(b + 36);
    if (fdt_be32(b + 20) < 16 || total > 0x100000 || struct_off + struct_size > total ||
        strings_off + strings_size > total || (struct_off & 3))
        return -1;
    blob = b;
    return 0;
}

static u32 tok(u32 off)
{
    return off + 4 <= struct_size ? fdt_be32(blob + struct_off + off) : FDT_END;
}

static u32 align4(u32 v)
{
    return (v + 3) & ~3u;
}

/* Offset just past the token at off (a node's name, a property's value). */
static u32 skip_token(u32 off)
{
    switch (tok(off)) {
    case FDT_BEGIN_NODE:
        return align4(off + 4 + strnlen((const char *)blob + struct_off + off + 4, struct_size - off - 4) + 1);
    case FDT_PROP:
        return align4(off + 12 + fdt_be32(blob + struct_off + off + 4));
    default:
        return off + 4;
    }
}

int fdt_next_node(int node, int *depth)
{
    if (!blob)
        return -1;
    u32 off = node < 0 ? 0 : skip_token((u32)node);
    if (node < 0) {
        *depth = -1;
        while (tok(off) == FDT_NOP)
            off += 4;
        if (tok(off) == FDT_BEGIN_NODE) {
            *depth = 0;
            return (int)off;
        }
        return -1;
    }
    for (int guard = 0; guard < 100000 && off < struct_size; guard++) {
        switch (tok(off)) {
        case FDT_BEGIN_NODE:
            ++*depth;
            return (int)off;
        case FDT_END_NODE:
            --*depth;
            off += 4;
            break;
        case FDT_PROP:
        case FDT_NOP:
            off = skip_token(off);
            break;
        default:
            return -1;
        }
    }
    return -1;
}

const char *fdt_node_name(int node)
{
    return (const char *)blob + struct_off + node + 4;
}

const void *fdt_getprop(int node, const char *name, u32 *len)
{
    if (!blob || node < 0)
        return 0;
    u32 off = skip_token((u32)node);
    for (int guard = 0; guard < 10000; guard++) {
        u32 t = tok(off);
        if (t == FDT_NOP) {
            off += 4;
            continue;
        }
        if (t != FDT_PROP)
            return 0; /* properties come before subnodes */
        u32 plen = fdt_be32(blob + struct_off + off + 4);
        u32 nameoff = fdt_be32(blob + struct_off + off + 8);
        if (nameoff < strings_size &&
            strncmp((const char *)blob + strings_off + nameoff, name, strings_size - nameoff) == 0) {
            if (len)
                *len = plen;
            return blob + struct_off + off + 12;
        }
        off = skip_token(off);
    }
    return 0;
}

/* "memory" matches "memory" and "memory@40000000"; "memory@40000000" only itself. */
static int name_matches(const char *node, const char *comp, unsigned comp_len)
{
    if (strncmp(node, comp, comp_len) != 0)
        return 0;
    return node[comp_len] == 0 || node[comp_len] == '@';
}

int fdt_path(const char *path)
{
    int depth, node = fdt_next_node(-1, &depth);
    if (node < 0 || *path != '/')
        return -1;
    const char *p = path + 1;
    int want_depth = 1;
    while (*p) {
        unsigned n = 0;
        while (p[n] && p[n] != '/')
            n++;
        int found = -1, d = depth;
        for (node = fdt_next_node(node, &d); node >= 0 && d >= want_depth; node = fdt_next_node(node, &d))
            if (d == want_depth && name_matches(fdt_node_name(node), p, n)) {
                found = node;
                break;
            }
        if (found < 0)
            return -1;
        depth = d;
        p += n;
        if (*p == '/')
            p++;
        want_depth++;
    }
    return node;
}

int fdt_prop_has_string(const void *prop, u32 len, const char *s)
{
    const char *c = prop;
    u32 i = 0;
    while (prop && i < len) {
        unsigned n = strnlen(c + i, len - i);
        if (strncmp(c + i, s, n + 1) == 0 && i + n < len)
            return 1;
        i += n + 1;
    }
    return 0;
}

int fdt_find_compatible(const char *compat)
{
    int depth;
    for (int node = fdt_next_node(-1, &depth); node >= 0; node = fdt_next_node(node, &depth)) {
        u32 len;
        const void *p = fdt_getprop(node, "compatible", &len);
        if (fdt_prop_has_string(p, len, compat))
            return node;
    }
    return -1;
}

int fdt_reg(int node, int i, int addr_cells, int size_cells, u64 *addr, u64 *size)
{
    u32 len;
    const u8 *p = fdt_getprop(node, "reg", &len);
    u32 entry = 4u * (addr_cells + size_cells);
    if (!p || entry == 0 || (u32)(i + 1) * entry > len)
        return -1;
    p += i * entry;
    *addr = fdt_cells(p, addr_cells);
    *size = fdt_cells(p + 4 * addr_cells, size_cells);
    return 0;
}

u32 fdt_root_cells(const char *name, u32 dflt)
{
    int depth;
    u32 len;
    const void *p = fdt_getprop(fdt_next_node(-1, &depth), name, &len);
    return p && len == 4 ? fdt_be32(p) : dflt;
}

int fdt_gic_irq(int node, int i, u32 *intid)
{
    u32 len;
    const u8 *p = fdt_getprop(node, "interrupts", &len);
    if (!p || (u32)(i + 1) * 12 > len)
        return -1;
    u32 type = fdt_be32(p + 12 * i), num = fdt_be32(p + 12 * i + 4);
    *intid = num + (type == 1 ? 16 : 32);
    return 0;
}
