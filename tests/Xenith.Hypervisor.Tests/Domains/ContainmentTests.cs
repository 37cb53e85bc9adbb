using Xenith.Abi;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Domains;

/// <summary>
/// Hostile guests are contained (issue 4 item 9): a domain that crashes, by an exception loop or by asking to,
/// ends Crashed while the other domain of the machine runs on to its own end, and a destroyed domain gives back
/// its memory, its event channels and the grants it used, but not a page another domain still maps.
/// </summary>
public class ContainmentTests
{
    private const ulong Ram = 16ul << 20;

    private sealed class TwoDomains : IDisposable
    {
        public readonly XenMachine Machine = new(96ul << 20, deterministic: true) { DestroyOnShutdown = true };
        public readonly List<string> Log = [];
        public readonly uint FreeAtStart;
        public readonly Domain Crasher, Survivor;

        public TwoDomains(string crasher)
        {
            FreeAtStart = Machine.Memory.FreeFrames;
            Machine.Log += Log.Add;
            Crasher = DomainBuilder.Build(Machine, new DomainConfig(crasher, GuestImage.Build(crasher), Ram));
            Survivor = DomainBuilder.Build(Machine, new DomainConfig("survivor", GuestImage.Build("survivor"), Ram));
        }

        public string All => string.Join('\n', Log);

        public void Run()
        {
            // A guard against a hung run, not a timing assertion.
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            Machine.Run(cancel.Token);
        }

        public void Dispose() => Machine.Dispose();
    }

    [Theory]
    [InlineData("crash_undef_vector", "mode Undefined")]
    [InlineData("crash_unmapped_vbar", "mode Abort")]
    public void An_exception_loop_crashes_its_domain_and_not_the_other(string crasher, string mode)
    {
        using var m = new TwoDomains(crasher);
        m.Run();

        Assert.True((m.Crasher.State, m.Crasher.Reason) == (DomainState.Crashed, ShutdownReason.Crash), m.All);
        string crash = Assert.Single(m.Log, l => l.StartsWith("(d1) domain crashed: vCPU 0 is in an exception loop: ", StringComparison.Ordinal));
        Assert.Contains($"{CrashDetector.Threshold} exception entries", crash, StringComparison.Ordinal);
        Assert.Contains(mode, crash, StringComparison.Ordinal);
        // The survivor ran on after the crash and ended on its own terms.
        Assert.True((m.Survivor.State, m.Survivor.Reason) == (DomainState.Shutdown, ShutdownReason.Poweroff), m.All);
        int pass = m.Log.IndexOf("(d2) PASS survivor.ran");
        Assert.True(pass > m.Log.IndexOf(crash), m.All);
        Assert.Equal("(d2) SUMMARY: 1 passed, 0 failed, 0 skipped", m.Log[^1]);
        Assert.DoesNotContain(m.Log, l => l.StartsWith("(d2) domain crashed", StringComparison.Ordinal));
        // Both destroyed: every frame is back in the pool and no domain is left.
        Assert.Equal(m.FreeAtStart, m.Machine.Memory.FreeFrames);
        Assert.Empty(m.Machine.Domains);
    }

    [Fact]
    public void Shutdown_crash_ends_crashed_and_what_the_dead_domain_shared_stays_valid_until_unmapped()
    {
        using var m = new TwoDomains("crash_shared");
        Domain a = m.Crasher, b = m.Survivor;
        const ulong page = 0x40010;
        a.Grants.WriteEntry(8, new GrantEntryV1 { Domid = (ushort)b.Id, Frame = (uint)page, Flags = GrantFlags.PermitAccess });
        Assert.Equal(GrantStatus.Okay, b.Grants.Map(a, 8, GntMap.HostMap, 0x5000_0000, out uint handle, out _));
        Assert.True(a.P2m.TryGet(page, out var entry));
        uint mfn = entry.Mfn;
        Assert.Equal(0, a.Events.AllocUnbound(b.Id, out uint aPort));
        Assert.Equal(0, b.Events.BindInterdomain(a, aPort, out uint bPort));
        var r = b.Vcpus[0].Cpu.R;
        (r[5], r[6], r[11]) = (handle, bPort, 1u);

        // What the survivor sees while it runs on, once the other domain is gone.
        (bool Listed, int P2mCount, int Refs, EvtchnStat Port)? seen = null;
        m.Machine.Log += l =>
        {
            if (l == "(d2) PASS survivor.ran")
                seen = (m.Machine.Domains.Contains(a), a.P2m.Count, m.Machine.Memory.References(mfn), b.Events.StateOf(bPort));
        };
        m.Run();

        Assert.True((a.State, a.Reason) == (DomainState.Crashed, ShutdownReason.Crash), m.All);
        // Destroyed before the survivor reported: its p2m is empty, but the granted frame is held by the survivor's
        // mapping and the grant's pin, and the domain lingers (dying) until that grant is let go.
        Assert.Equal((true, 0, 2, EvtchnStat.Unbound), seen);
        Assert.Equal(0xC0FFEE11u, r[4]);                    // the dead domain's page still reads its mark
        Assert.Equal(0x5A5A5A5Au, r[9]);                    // and takes stores
        Assert.Equal((uint)EvtchnStat.Unbound, r[7]);        // the peer's port went unbound
        Assert.Equal(a.Id, r[10]);                          // still for the dead domain, as Xen leaves it
        Assert.Equal((uint)GrantStatus.Okay, r[8]);          // the mapping unmaps
        Assert.True((b.State, b.Reason) == (DomainState.Shutdown, ShutdownReason.Poweroff), m.All);
        Assert.Equal("(d2) SUMMARY: 1 passed, 0 failed, 0 skipped", m.Log[^1]);
        Assert.Equal(0, m.Machine.Memory.References(mfn));
        Assert.Equal(m.FreeAtStart, m.Machine.Memory.FreeFrames);
        Assert.Empty(m.Machine.Domains);
    }

    [Fact]
    public void Destroying_a_mapper_drops_its_pins_and_the_granter_keeps_its_page()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        uint free = machine.Memory.FreeFrames;
        var a = machine.CreateDomain("granter", 4ul << 20, 1, CpuProfile.CortexA15);
        var b = machine.CreateDomain("mapper", 4ul << 20, 1, CpuProfile.CortexA15);
        const ulong page = 0x40010;
        a.Grants.WriteEntry(3, new GrantEntryV1 { Domid = (ushort)b.Id, Frame = (uint)page, Flags = GrantFlags.PermitAccess });
        Assert.Equal(GrantStatus.Okay, b.Grants.Map(a, 3, GntMap.HostMap, 0x5000_0000, out _, out _));
        Assert.True(a.P2m.TryGet(page, out var entry));

        Assert.Throws<InvalidOperationException>(() => machine.DestroyDomain(b)); // still running
        b.Crash("test");
        machine.DestroyDomain(b);
        machine.DestroyDomain(b); // a second time: nothing more

        Assert.Equal([a], machine.Domains);
        Assert.Equal(0u, a.Grants.PinOf(3));
        Assert.Equal(GrantFlags.PermitAccess, a.Grants.ReadEntry(3).Flags); // GTF_reading/GTF_writing cleared
        Assert.Equal(1, machine.Memory.References(entry.Mfn));                // only the granter's own p2m
        Assert.Equal(0, b.P2m.Count);

        a.Shutdown(ShutdownReason.Poweroff);
        machine.DestroyDomain(a);
        Assert.Empty(machine.Domains);
        Assert.Equal(free, machine.Memory.FreeFrames);
    }

    [Fact]
    public void A_vcpu_that_retires_instructions_between_faults_is_not_stuck()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var d = machine.CreateDomain("d", 4ul << 20, 1, CpuProfile.CortexA15);
        var v = d.Vcpus[0];
        var detector = new CrashDetector();
        for (int i = 0; i < 4; i++)
            Assert.Null(detector.Observe(v, ExitReason.Budget, XenMachine.Quantum, 0));
        Assert.Equal(4 * XenMachine.Quantum, detector.EntriesOf(v));
        Assert.Null(detector.Observe(v, ExitReason.Stop, XenMachine.Quantum, 0)); // says nothing
        Assert.Null(detector.Observe(v, ExitReason.Budget, XenMachine.Quantum, 1)); // progress: start again
        Assert.Equal(0, detector.EntriesOf(v));
        for (int i = 0; i < 4; i++)
            Assert.Null(detector.Observe(v, ExitReason.Budget, XenMachine.Quantum, 0));
        string? why = detector.Observe(v, ExitReason.Budget, XenMachine.Quantum, 0);
        Assert.NotNull(why);
        Assert.StartsWith("vCPU 0 is in an exception loop: 100000 exception entries", why, StringComparison.Ordinal);
    }
}

/// <summary>Loops over guest data inside a multicall are bounded per HVC.</summary>
public class MulticallBoundsTests
{
    [Fact]
    public void A_grant_batch_inside_a_multicall_is_preempted_and_a_nested_multicall_refused()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var d = DomainBuilder.Build(machine, new DomainConfig("mc", GuestImage.Build("multicall_bounds"), 16ul << 20));
        machine.Run();

        Assert.Equal((DomainState.Shutdown, ShutdownReason.Poweroff), (d.State, d.Reason));
        var r = d.Vcpus[0].Cpu.R;
        Assert.Equal(0u, r[4]);                                           // the multicall
        Assert.Equal(0u, r[5]);                                           // the batch
        Assert.Equal((uint)XenErrno.EINVAL.Neg(), r[11]);                 // the nested multicall
        Assert.Equal(GrantStatus.BadHandle, (GrantStatus)(int)r[6]);
        Assert.Equal(GrantStatus.BadHandle, (GrantStatus)(int)r[7]);            // the last element was reached
        // The entry was rewritten once, after the first BatchPerMulticallEntry elements: the batch was preempted.
        const uint perEntry = Hypercalls.GrantTableOpHypercall.BatchPerMulticallEntry;
        Assert.True(perEntry < 4200);
        Assert.Equal(perEntry * (uint)GnttabUnmapGrantRef.Size, r[9]);
        Assert.Equal(4200u - perEntry, r[10]);
    }
}
