using Xenith.Abi;
using Xenith.Platform;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// SCHEDOP_watchdog's timers (spec 6.1): at most two per domain, each a deadline on the machine clock that
/// shuts the domain down with SHUTDOWN_watchdog when it passes without being re-armed.
/// </summary>
public sealed class DomainWatchdogs(Domain domain, MachineClock clock)
{
    /// <summary>NR_DOMAIN_WATCHDOG_TIMERS.</summary>
    public const int Count = 2;

    private readonly ulong?[] _deadlines = new ulong?[Count];

    /// <summary>The earliest armed deadline (clock ticks), for the scheduler's idle wait.</summary>
    public ulong? NextDeadline => _deadlines.Where(t => t is not null).Min();

    /// <summary>SCHEDOP_watchdog: id 0 creates (returns 1 or 2, -ENOSPC when both are taken); otherwise re-arms, or with timeout 0 destroys.</summary>
    public long Op(uint id, uint timeoutSeconds)
    {
        if (id > Count)
            return XenErrno.EINVAL.Neg();
        if (id == 0)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_deadlines[i] is null)
                {
                    _deadlines[i] = Deadline(timeoutSeconds);
                    return i + 1;
                }
            }
            return XenErrno.ENOSPC.Neg();
        }
        int slot = (int)id - 1;
        if (_deadlines[slot] is null)
            return XenErrno.EINVAL.Neg();
        _deadlines[slot] = timeoutSeconds == 0 ? null : Deadline(timeoutSeconds);
        return 0;
    }

    /// <summary>Fires an expired watchdog: the domain is shut down with SHUTDOWN_watchdog.</summary>
    public void Check()
    {
        ulong now = clock.Now;
        for (int i = 0; i < Count; i++)
        {
            if (_deadlines[i] is ulong t && now >= t && domain.IsAlive)
            {
                _deadlines[i] = null;
                domain.Shutdown(ShutdownReason.Watchdog);
            }
        }
    }

    private ulong Deadline(uint seconds) => clock.Now + seconds * clock.Frequency;
}
