using System.Diagnostics;
using Xenith.Hypervisor.Builder;

namespace Xenith.Hypervisor.Tests.Domains;

/// <summary>The first-run stamp `xenith bench create` reads: unset while a domain has not run, then the first slice's start.</summary>
public class FirstRunTests
{
    [Fact]
    public void A_domain_is_stamped_when_its_first_slice_begins_and_not_before()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true) { DestroyOnShutdown = false };
        long built = Stopwatch.GetTimestamp();
        var d = DomainBuilder.Build(machine, new DomainConfig("survivor", GuestImage.Build("survivor"), 16ul << 20));
        Assert.Equal(0, d.FirstRunTimestamp);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        machine.Run(cancel.Token);
        Assert.InRange(d.FirstRunTimestamp, built, Stopwatch.GetTimestamp());
    }
}
