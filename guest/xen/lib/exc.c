#include "rt.h"

static exc_hook hooks[EXC_COUNT];
volatile struct exc_record exc_rec;
u32 try_saved_sp; /* try_call in start.S */
void gic_dispatch(void);

static const char *const kind_names[EXC_COUNT] = {"reset", "und", "svc", "pabt", "dabt", "hyp", "irq", "fiq"};

const char *exc_name(int kind)
{
    return kind >= 0 && kind < EXC_COUNT ? kind_names[kind] : "?";
}

void exc_set_hook(int kind, exc_hook h)
{
    hooks[kind] = h;
}

/* exc_insn_addr, exc_skip, exc_recover, exc_leave_user: ../common/exc.c */

static u32 fault_status(u32 kind, u32 *far)
{
    if (kind == EXC_DABT) {
        *far = read_dfar();
        return read_dfsr();
    }
    if (kind == EXC_PABT) {
        *far = read_ifar();
        return read_ifsr();
    }
    *far = 0;
    return 0;
}

static void default_hook(struct exc_frame *f)
{
    u32 far, fsr = fault_status(f->kind, &far);
    fail("unexpected-exception", "%s at 0x%08x spsr 0x%08x fsr 0x%08x far 0x%08x", exc_name(f->kind),
         exc_insn_addr(f), f->spsr, fsr, far);
    report_finish();
}

void exc_record_reset(void)
{
    memset((void *)&exc_rec, 0, sizeof exc_rec);
}

void exc_record_hook(struct exc_frame *f)
{
    u32 far, fsr = fault_status(f->kind, &far);
    exc_rec.count++;
    exc_rec.kind = f->kind;
    exc_rec.spsr = f->spsr;
    exc_rec.lr = f->lr;
    exc_rec.insn = exc_insn_addr(f);
    exc_rec.fsr = fsr;
    exc_rec.far = far;
    if ((f->spsr & 0x1f) == MODE_USR)
        exc_leave_user(f, PROBE_FAULT);
    else if (f->kind == EXC_PABT)
        exc_recover(f, PROBE_FAULT);
    else
        exc_skip(f);
}

void exc_record_install(void)
{
    exc_set_hook(EXC_UND, exc_record_hook);
    exc_set_hook(EXC_PABT, exc_record_hook);
    exc_set_hook(EXC_DABT, exc_record_hook);
}

void exc_dispatch(u32 kind, struct exc_frame *f);
void exc_dispatch(u32 kind, struct exc_frame *f)
{
    if (exc_frame_prepare(kind, f))
        return;
    exc_hook h = hooks[kind];
    if (h)
        h(f);
    else if (kind == EXC_IRQ)
        gic_dispatch();
    else
        default_hook(f);
}
