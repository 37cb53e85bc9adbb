using Xenith.Cpu.Arm;
using Xenith.Memory;

namespace Xenith.Platform.Tests.Psci;

public sealed class PsciTests : IDisposable
{
    private sealed class FakePlatform : IPsciPlatform
    {
        public int CpuCount => 2;
        public readonly List<string> Calls = [];
        public readonly int[] States = [0, 1];
        public int CpuOnResult;

        public int CpuOn(int cpu, uint entry, uint contextId)
        {
            Calls.Add($"on {cpu} {entry:x} {contextId:x}");
            return CpuOnResult;
        }

        public void CpuOff(int cpu) => Calls.Add($"off {cpu}");

        public int AffinityInfo(int cpu) => States[cpu];

        public void SystemOff() => Calls.Add("system-off");

        public void SystemReset() => Calls.Add("system-reset");
    }

    private readonly PhysicalMemory _memory = new();
    private readonly ArmCpu _cpu;
    private readonly FakePlatform _platform = new();
    private readonly Platform.Psci _psci;

    public PsciTests()
    {
        _cpu = new ArmCpu(_memory);
        _psci = new Platform.Psci(_platform);
    }

    public void Dispose() => _memory.Dispose();

    private uint Call(uint function, uint a1 = 0, uint a2 = 0, uint a3 = 0)
    {
        _cpu.R[0] = function;
        _cpu.R[1] = a1;
        _cpu.R[2] = a2;
        _cpu.R[3] = a3;
        _psci.Handle(_cpu);
        return _cpu.R[0];
    }

    [Fact]
    public void Discovery_answers_as_qemu()
    {
        Assert.Equal(0x0001_0001u, Call(0x8400_0000)); // PSCI 1.1
        Assert.Equal(2u, Call(0x8400_0006)); // MIGRATE_INFO_TYPE: Trusted OS not present
        Assert.Equal(0u, Call(0x8400_000A, 0x8400_0003)); // FEATURES(CPU_ON)
        Assert.Equal(0u, Call(0x8400_000A, 0xC400_0003));
        Assert.Equal(0u, Call(0x8400_000A, 0x8400_0001));
        Assert.Equal(0u, Call(0x8400_000A, 0x8400_000A));
        Assert.Equal(0xFFFF_FFFFu, Call(0x8400_000A, 0x8000_0000)); // SMCCC_VERSION not advertised: Linux says SMCCC v1.0
        Assert.Equal(0xFFFF_FFFFu, Call(0x8400_000A, 0x8400_000E)); // SYSTEM_SUSPEND
        Assert.Equal(0xFFFF_FFFFu, Call(0x8000_0000));
        Assert.Equal(0xFFFF_FFFFu, Call(0x8000_0001, 0x8000_8000));
        Assert.Equal(0xFFFF_FFFFu, Call(0x8400_0005)); // MIGRATE
        Assert.Equal(0xFFFF_FFFFu, Call(0x8400_0012)); // SYSTEM_RESET2
        Assert.Equal(0xFFFF_FFFFu, Call(0x1234_5678));
    }

    [Fact]
    public void Results_go_to_r0_and_r1_to_r3_are_kept()
    {
        Call(0x8400_0000, 11, 22, 33);
        Assert.Equal([11u, 22u, 33u], _cpu.R[1..4]);
    }

    [Fact]
    public void Cpu_on_passes_entry_and_context_to_the_platform()
    {
        _platform.CpuOnResult = -4;
        Assert.Equal(unchecked((uint)-4), Call(0x8400_0003, 1, 0x4000_8000, 0x1234));
        Assert.Equal(["on 1 40008000 1234"], _platform.Calls);
        _platform.CpuOnResult = 0;
        Assert.Equal(0u, Call(0xC400_0003, 0x8000_0001, 0x4000_0000, 0)); // SMC64 id, MPIDR with the MP bit
        Assert.Equal("on 1 40000000 0", _platform.Calls[^1]);
        Assert.Equal(unchecked((uint)-2), Call(0x8400_0003, 2, 0x4000_0000)); // no CPU 2
        Assert.Equal(unchecked((uint)-2), Call(0x8400_0003, 0x100, 0x4000_0000)); // cluster 1
        Assert.Equal(2, _platform.Calls.Count);
    }

    [Fact]
    public void Cpu_off_and_system_calls_reach_the_platform()
    {
        _cpu.CpuIndex = 1;
        Call(0x8400_0002);
        Call(0x8400_0008);
        Call(0x8400_0009);
        Assert.Equal(["off 1", "system-off", "system-reset"], _platform.Calls);
        Assert.Equal(0u, Call(0x8400_0001, 0, 0, 0)); // CPU_SUSPEND: standby returns at once
    }

    [Fact]
    public void Affinity_info_reports_a_cpu_or_the_cluster()
    {
        Assert.Equal(0u, Call(0x8400_0004, 0, 0));
        Assert.Equal(1u, Call(0x8400_0004, 1, 0));
        Assert.Equal(unchecked((uint)-2), Call(0x8400_0004, 7, 0));
        Assert.Equal(0u, Call(0x8400_0004, 0, 1)); // cluster 0: one CPU on
        _platform.States[0] = 1;
        _platform.States[1] = 2;
        Assert.Equal(2u, Call(0xC400_0004, 0, 1)); // ON_PENDING beats OFF
        Assert.Equal(unchecked((uint)-2), Call(0x8400_0004, 0, 3));
    }
}
