/* The freestanding C pieces both guest runtimes (guest/board, guest/xen) share: memory and string
   functions (string.c) and one printf engine over a character callback (format.c). */
#ifndef GUEST_COMMON_LIBC_H
#define GUEST_COMMON_LIBC_H

#include <stdarg.h>

/* gcc may emit calls to memset/memcpy for struct copies and zeroing even with -fno-builtin. */
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);
int memcmp(const void *a, const void *b, unsigned n);
unsigned strlen(const char *s);
unsigned strnlen(const char *s, unsigned max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, unsigned n);

/* %d %u %x %s %c %p, a width with an optional 0 flag, l/ll (ll: 64-bit); each character goes
   to put(ctx, c). Each runtime's printf is vformat over its own console. */
typedef void (*format_putc)(void *ctx, char c);
void vformat(format_putc put, void *ctx, const char *fmt, va_list ap);
/* C99 semantics: always terminated when size > 0; returns the length the whole output needed. */
int snprintf(char *buf, unsigned size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
