namespace Xenith.Cpu.Arm;

/// <summary>What kind of abort an access (or a translation table walk) raised, before it is encoded.</summary>
public enum FaultStatus : byte
{
    None = 0,
    Alignment,
    /// <summary>Synchronous external abort on the access itself (nothing answered at the physical address).</summary>
    ExternalAbort,
    /// <summary>Synchronous external abort on a translation table walk (a descriptor read hit nothing).</summary>
    WalkExternalAbort,
    Translation,
    AccessFlag,
    /// <summary>Short-descriptor only: the domain is No access (or reserved) in DACR.</summary>
    Domain,
    Permission,
    DebugEvent,
}

/// <summary>
/// An abort with the context its DFSR/IFSR encoding needs: the lookup level (1 = section / first level,
/// 2 = page / second level, 3 = LPAE third level; 0 when not a walk fault) and, for short-descriptor
/// translation, the domain of the descriptor once the walk has read it.
/// </summary>
public readonly record struct Fault(FaultStatus Status, byte Level = 0, byte Domain = 0)
{
    public static Fault None => default;

    public bool IsFault => Status != FaultStatus.None;
}
