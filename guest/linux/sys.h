/* The few Linux system calls the Linux-domU tools make, by the ARM EABI convention (number in r7,
   SVC #0, result in r0: negative errno on failure). No libc: the tools are static and tiny, and the
   string and printf pieces come from ../common, shared with the other guests. */
#ifndef LINUX_SYS_H
#define LINUX_SYS_H

#include "../common/libc.h"

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define NR_exit_group 248
#define NR_read 3
#define NR_write 4
#define NR_open 5
#define NR_close 6
#define NR_ioctl 54
#define NR_munmap 91
#define NR_nanosleep 162
#define NR_poll 168
#define NR_mmap2 192
#define NR_clock_gettime 263

#define O_RDWR 2
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 1
#define POLLIN 1
#define CLOCK_MONOTONIC 1

long sys6(long nr, long a, long b, long c, long d, long e, long f);
#define sys3(nr, a, b, c) sys6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static inline long sys_read(int fd, void *buf, u32 n) { return sys3(NR_read, fd, buf, n); }
static inline long sys_write(int fd, const void *buf, u32 n) { return sys3(NR_write, fd, buf, n); }
static inline long sys_open(const char *path, int flags) { return sys3(NR_open, path, flags, 0); }
static inline long sys_close(int fd) { return sys3(NR_close, fd, 0, 0); }
static inline long sys_ioctl(int fd, u32 cmd, void *arg) { return sys3(NR_ioctl, fd, cmd, arg); }
static inline long sys_munmap(void *p, u32 len) { return sys3(NR_munmap, p, len, 0); }

/* mmap2 takes its file offset in 4 KiB units. */
static inline void *sys_mmap(u32 len, int prot, int fd, u64 offset)
{
    return (void *)sys6(NR_mmap2, 0, (long)len, prot, MAP_SHARED, fd, (long)(offset >> 12));
}

static inline int mmap_failed(void *p) { return (unsigned long)p >= (unsigned long)-4095; }

struct pollfd {
    int fd;
    short events, revents;
};
static inline long sys_poll(struct pollfd *fds, u32 n, int timeout_ms) { return sys3(NR_poll, fds, n, timeout_ms); }

struct timespec {
    long tv_sec, tv_nsec;
};
static inline u64 monotonic_ns(void)
{
    struct timespec t;
    sys3(NR_clock_gettime, CLOCK_MONOTONIC, &t, 0);
    return (u64)t.tv_sec * 1000000000ull + (u64)t.tv_nsec;
}
static inline void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    sys3(NR_nanosleep, &t, 0, 0);
}

/* printf to standard output (a line at a time through write(2)). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
