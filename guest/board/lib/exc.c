#include "rt.h"

static exc_handler handlers[EXC_COUNT];
volatile struct exc_record exc_rec;
volatile u32 thumb_entry_cpsr;
u32 try_saved_sp; /* try_call in start.S */

static const char *const kind_names[EXC_COUNT] = {"reset", "und", "svc", "pabt", "dabt", "hyp", "irq", "fiq"};

void exc_set(int kind, exc_handler h)
{
    handlers[kind] = h;
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

static void default_handler(struct exc_frame *f)
{
    u32 far, fsr = fault_status(f->kind, &far);
    fail("unexpected-exception", "%s at 0x%08x spsr 0x%08x fsr 0x%08x far 0x%08x", kind_names[f->kind],
         exc_insn_addr(f), f->spsr, fsr, far);
    finish();
}

void rec_reset(void)
{
    memset((void *)&exc_rec, 0, sizeof exc_rec);
}

void rec_handler(struct exc_frame *f)
{
    u32 far, fsr = fault_status(f->kind, &far);
    exc_rec.count++;
    exc_rec.kind = f->kind;
    exc_rec.cpsr = get_cpsr();
    exc_rec.mode = exc_rec.cpsr & 0x1f;
    exc_rec.spsr = f->spsr;
    exc_rec.lr = f->lr;
    exc_rec.insn = exc_insn_addr(f);
    exc_rec.fsr = fsr;
    exc_rec.far = far;
    if (f->kind != EXC_PABT)
        exc_skip(f);
    else if ((f->spsr & 0x1f) == MODE_USR)
        exc_leave_user(f, 0xabababab);
    else
        exc_recover(f, 0xabababab);
}

void rec_install(void)
{
    exc_set(EXC_UND, rec_handler);
    exc_set(EXC_SVC, rec_handler);
    exc_set(EXC_PABT, rec_handler);
    exc_set(EXC_DABT, rec_handler);
}

void exc_dispatch(u32 kind, struct exc_frame *f);
void exc_dispatch(u32 kind, struct exc_frame *f)
{
    if (exc_frame_prepare(kind, f))
        return;
    exc_handler h = handlers[kind];
    (h ? h : default_handler)(f);
}

void tlb_flush_all(void)
{
    dsb();
    tlbiall(0);
    dsb();
    isb();
}

void mmu_on(u32 extra_sctlr_bits)
{
    tlb_flush_all();
    iciallu(0);
    write_sctlr(read_sctlr() | SCTLR_M | extra_sctlr_bits);
    isb();
}

void mmu_off(void)
{
    write_sctlr(read_sctlr() & ~SCTLR_M);
    isb();
    tlb_flush_all();
}
