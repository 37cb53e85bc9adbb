#include "rt.h"
void test_main(void)
{
    printf("hello %d %u %x %08x %s %c %llx\n", -5, 7u, 0xabcu, 0x12u, "str", 'z', 0x123456789abcull);
    check_eq("midr", read_midr(), 0x412fc0f1);
    rec_install();
    __asm__ volatile("svc #0x42");
    check_eq("svc count", exc_rec.count, 1);
}
