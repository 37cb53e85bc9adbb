/* Exception plumbing both guest runtimes share: the frame the vector entry code (exc_entry.S)
   saves, the helpers that pick where an exception returns to, and run_user. Each runtime keeps
   its own vector table, try_call/try_recover, hook table and exc_dispatch, which starts with
   exc_frame_prepare. */
#ifndef GUEST_COMMON_EXC_H
#define GUEST_COMMON_EXC_H

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define PSR_T (1u << 5)
#define PSR_F (1u << 6)
#define PSR_I (1u << 7)
#define PSR_A (1u << 8)
#define PSR_IT_MASK 0x0600fc00u

/* Also the order of the exc_NAME entry points in exc_entry.S. */
enum exc_kind { EXC_RESET, EXC_UND, EXC_SVC, EXC_PABT, EXC_DABT, EXC_HYP, EXC_IRQ, EXC_FIQ, EXC_COUNT };

/* Saved on the exception mode's stack (layout fixed by exc_entry.S); a hook may change any field. */
struct exc_frame {
    unsigned r[13];
    unsigned lr;   /* LR as the exception set it */
    unsigned spsr; /* restored on return */
    unsigned ret;  /* where the return goes: preset past UND/SVC, to retry aborts, to resume IRQ/FIQ */
    unsigned kind;
    unsigned pad;
};

unsigned exc_insn_addr(const struct exc_frame *f); /* the instruction that took it, per ARM ARM LR offsets */
void exc_skip(struct exc_frame *f);                 /* resume after that instruction (not for PABT) */
void exc_recover(struct exc_frame *f, unsigned r0); /* make the try_call in progress return r0 */
/* Sets f->kind and the default f->ret; returns 1 when the exception was run_user's exit SVC and
   the frame already returns from run_user, so the dispatcher has nothing left to do. */
int exc_frame_prepare(unsigned kind, struct exc_frame *f);

/* fn(arg) at PL0 (User mode) with the caller's I/F masks; returns its result, or what a hook
   passes to exc_leave_user. */
unsigned run_user(unsigned (*fn)(unsigned), unsigned arg);
void exc_leave_user(struct exc_frame *f, unsigned r0);
#define USER_EXIT_SVC 0xffff

#endif
