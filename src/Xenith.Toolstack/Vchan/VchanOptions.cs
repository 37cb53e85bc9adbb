namespace Xenith.Toolstack.Vchan;

/// <summary>How a vchan end blocks.</summary>
public sealed record VchanOptions
{
    /// <summary>
    /// Longest single wait for an event before the end re-checks liveness and the indices: a peer that dies without
    /// a word (no unmap notification, no event) is seen within this time, and a lost event costs no more than it.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest a blocking call may wait in total before TimeoutException; infinite by default.</summary>
    public TimeSpan Timeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>libxenvchan's blocking flag: blocking reads wait for data, blocking writes send everything.</summary>
    public bool Blocking { get; init; } = true;

    public static VchanOptions Default { get; } = new();
}
