using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>The CPU passes the CP15 c14 timer registers to the platform's timer, and refuses them without one.</summary>
public class GenericTimerForwardingTests
{
    private sealed class FakeTimer : IGenericTimer
    {
        public readonly List<string> Log = [];
        public bool AllowPl0;

        public bool Read(TimerRegister register, bool pl0, out ulong value)
        {
            Log.Add($"read {register} pl0={pl0}");
            value = register == TimerRegister.Cntvct ? 0x1_2345_6789ul : 0x3B9ACA0u;
            return !pl0 || AllowPl0;
        }

        public bool Write(TimerRegister register, bool pl0, ulong value)
        {
            Log.Add($"write {register} 0x{value:x} pl0={pl0}");
            return !pl0 || AllowPl0;
        }
    }

    [Fact]
    public void Mrc_and_mrrc_read_through_the_timer()
    {
        using var h = new CpuHarness();
        var timer = new FakeTimer();
        h.Cpu.GenericTimer = timer;
        h.A32(
            0xEE1E0F10, // mrc p15, 0, r0, c14, c0, 0   (CNTFRQ)
            0xEC521F1E, // mrrc p15, 1, r1, r2, c14     (CNTVCT)
            0xEE0E3F33); // mcr p15, 0, r3, c14, c3, 1  (CNTV_CTL)
        h.Cpu.R[3] = 1;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x3B9ACA0u, h.Cpu.R[0]);
        Assert.Equal(0x23456789u, h.Cpu.R[1]);
        Assert.Equal(1u, h.Cpu.R[2]);
        Assert.Equal(["read Cntfrq pl0=False", "read Cntvct pl0=False", "write CntvCtl 0x1 pl0=False"], timer.Log);
    }

    [Fact]
    public void Mcrr_writes_a_64_bit_compare_value()
    {
        using var h = new CpuHarness();
        var timer = new FakeTimer();
        h.Cpu.GenericTimer = timer;
        h.A32(0xEC410F3E); // mcrr p15, 3, r0, r1, c14  (CNTV_CVAL)
        h.Cpu.R[0] = 0x89ABCDEF;
        h.Cpu.R[1] = 0x01;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(["write CntvCval 0x189abcdef pl0=False"], timer.Log);
    }

    [Fact]
    public void Without_a_timer_the_registers_are_undefined()
    {
        using var h = new CpuHarness();
        h.A32(0xEE1E0F10); // mrc p15, 0, r0, c14, c0, 0
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
    }

    [Fact]
    public void A_pl0_access_the_timer_refuses_is_undefined()
    {
        using var h = new CpuHarness();
        var timer = new FakeTimer();
        h.Cpu.GenericTimer = timer;
        h.A32(0xEC521F1E); // mrrc p15, 1, r1, r2, c14  (CNTVCT)
        h.Cpu.Cpsr = 0x10; // User
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(["read Cntvct pl0=True"], timer.Log);

        timer.AllowPl0 = true;
        h.A32(0xEC521F1E);
        h.Cpu.Cpsr = 0x10;
        // The read succeeds; the run then stops on the harness's closing HVC, UNDEFINED at PL0.
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase + 4, h.Cpu.Pc);
        Assert.Equal(0x23456789u, h.Cpu.R[1]);
    }
}
