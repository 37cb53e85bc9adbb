#include "exc.h"

unsigned user_saved_sp, user_saved_cpsr; /* run_user's, for user_exit (exc_entry.S) */
extern char try_recover[], user_exit[];  /* try_recover: each runtime's start.S */

static int thumb(const struct exc_frame *f)
{
    return (f->spsr & PSR_T) != 0;
}

/* LR offsets from the ARM ARM's exception entry table (B1.8.3). */
unsigned exc_insn_addr(const struct exc_frame *f)
{
    switch (f->kind) {
    case EXC_UND:
    case EXC_SVC:
        return f->lr - (thumb(f) ? 2 : 4);
    case EXC_PABT:
    case EXC_IRQ:
    case EXC_FIQ:
        return f->lr - 4;
    case EXC_DABT:
        return f->lr - 8;
    default:
        return f->lr;
    }
}

void exc_skip(struct exc_frame *f)
{
    unsigned a = exc_insn_addr(f);
    unsigned size = 4;
    if (thumb(f))
        size = (*(volatile unsigned short *)a >> 11) >= 0x1d ? 4 : 2;
    /* Leaving an IT block early would need ITSTATE advanced; the tests never fault inside one. */
    f->ret = a + size;
}

void exc_recover(struct exc_frame *f, unsigned r0)
{
    f->ret = (unsigned)try_recover;
    f->spsr &= ~(PSR_T | PSR_IT_MASK);
    f->r[0] = r0;
}

void exc_leave_user(struct exc_frame *f, unsigned r0)
{
    f->ret = (unsigned)user_exit;
    f->spsr = user_saved_cpsr;
    f->r[0] = r0;
}

int exc_frame_prepare(unsigned kind, struct exc_frame *f)
{
    f->kind = kind;
    switch (kind) {
    case EXC_PABT:
    case EXC_IRQ:
    case EXC_FIQ:
        f->ret = f->lr - 4;
        break;
    case EXC_DABT:
        f->ret = f->lr - 8;
        break;
    default:
        f->ret = f->lr;
    }
    if (kind == EXC_SVC && !thumb(f) && (f->spsr & 0x1f) == MODE_USR &&
        (*(volatile unsigned *)(f->lr - 4) & 0xffffff) == USER_EXIT_SVC) {
        exc_leave_user(f, f->r[0]);
        return 1;
    }
    return 0;
}
