#include "libc.h"

void *memset(void *d, int c, unsigned n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    /* Word copies when both sides are aligned: bulk guest copies (vchan rings) are emulated instruction by
       instruction, so a quarter of the loads and stores is a quarter of the time. */
    typedef unsigned __attribute__((may_alias)) word;
    if ((((unsigned)p | (unsigned)q) & 3) == 0) {
        word *pw = (word *)p;
        const word *qw = (const word *)q;
        for (; n >= 16; n -= 16, pw += 4, qw += 4) {
            unsigned a = qw[0], b = qw[1], c = qw[2], e = qw[3];
            pw[0] = a;
            pw[1] = b;
            pw[2] = c;
            pw[3] = e;
        }
        for (; n >= 4; n -= 4)
            *pw++ = *qw++;
        p = (unsigned char *)pw;
        q = (const unsigned char *)qw;
    }
    while (n--)
        *p++ = *q++;
    return d;
}

int memcmp(const void *a, const void *b, unsigned n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p < *q ? -1 : 1;
    return 0;
}

unsigned strlen(const char *s)
{
    unsigned n = 0;
    while (s[n])
        n++;
    return n;
}

unsigned strnlen(const char *s, unsigned max)
{
    unsigned n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strncmp(const char *a, const char *b, unsigned n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        if (!*a)
            return 0;
    }
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, ~0u);
}
