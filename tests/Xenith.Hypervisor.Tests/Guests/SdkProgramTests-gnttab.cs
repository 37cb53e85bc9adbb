using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Guests;

/// <summary>
/// The guest SDK's grant-table program (guest/xen/gnttab.c) booted as a domU: sizes and versions, frames in the
/// grant window, self-grants mapped at a ballooned gfn, GTF flags, read-only faults, revocation, copy, GNTST codes.
/// </summary>
public class SdkGnttabProgramTests
{
    [Fact]
    public void Sdk_gnttab_program_passes()
    {
        var (domain, lines) = SdkGuest.Run("gnttab");
        string all = string.Join('\n', lines);
        var failures = lines.Where(l => l.StartsWith("(d1) FAIL", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, all);
        Assert.Contains(lines, l => l.StartsWith("(d1) SUMMARY: ", StringComparison.Ordinal) && l.Contains(" 0 failed, 0 skipped", StringComparison.Ordinal));
        Assert.True(domain.State == DomainState.Shutdown && domain.Reason == ShutdownReason.Poweroff, all);
        Assert.Contains("(d1) PASS gnttab.map.ro.write-faults", lines);
        Assert.Contains("(d1) PASS gnttab.copy.gref-to-gref.data", lines);
    }
}
