/* A tiny stack-machine bytecode interpreter (switch dispatch) running a loop program. */
#include "rt.h"

const char bench_name[] = "interp";

#define LOOPS SCALED(600000u)

enum op {
    OP_PUSH, /* next 4 bytes: immediate */
    OP_LOAD, /* next byte: variable */
    OP_STORE,
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_XOR,
    OP_SHR, /* next byte: shift */
    OP_DUP,
    OP_JNZ, /* next 2 bytes: target; pops */
    OP_HALT,
};

#define IMM(v) (u8)(v), (u8)((v) >> 8), (u8)((v) >> 16), (u8)((v) >> 24)

/* v0 = counter, v1 = x, v2 = acc.
   do { x = x * 1103515245 + 12345; acc ^= x >> 7; acc += v0; v0 -= 1; } while (v0); */
static const u8 program[] = {
    OP_LOAD, 1, OP_PUSH, IMM(1103515245u), OP_MUL, OP_PUSH, IMM(12345u), OP_ADD, OP_DUP, OP_STORE, 1,
    OP_SHR, 7, OP_LOAD, 2, OP_XOR, OP_LOAD, 0, OP_ADD, OP_STORE, 2,
    OP_LOAD, 0, OP_PUSH, IMM(1u), OP_SUB, OP_DUP, OP_STORE, 0, OP_JNZ, 0, 0,
    OP_HALT,
};

static u32 run(const u8 *code, u32 *vars)
{
    u32 stack[16];
    int sp = 0;
    u32 pc = 0;
    for (;;) {
        u8 op = code[pc++];
        switch (op) {
        case OP_PUSH:
            stack[sp++] = code[pc] | code[pc + 1] << 8 | code[pc + 2] << 16 | (u32)code[pc + 3] << 24;
            pc += 4;
            break;
        case OP_LOAD:
            stack[sp++] = vars[code[pc++]];
            break;
        case OP_STORE:
            vars[code[pc++]] = stack[--sp];
            break;
        case OP_ADD:
            sp--;
            stack[sp - 1] += stack[sp];
            break;
        case OP_SUB:
            sp--;
            stack[sp - 1] -= stack[sp];
            break;
        case OP_MUL:
            sp--;
            stack[sp - 1] *= stack[sp];
            break;
        case OP_XOR:
            sp--;
            stack[sp - 1] ^= stack[sp];
            break;
        case OP_SHR:
            stack[sp - 1] >>= code[pc++];
            break;
        case OP_DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            break;
        case OP_JNZ: {
            u32 target = code[pc] | code[pc + 1] << 8;
            pc += 2;
            if (stack[--sp])
                pc = target;
            break;
        }
        case OP_HALT:
            return vars[2];
        default:
            return 0xBAD0C0DEu;
        }
    }
}

u32 bench_run(void)
{
    u32 vars[3] = {LOOPS, 1, 0};
    return run(program, vars);
}
