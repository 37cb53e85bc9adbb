namespace Xenith.Cpu.Arm;

/// <summary>Access rights a translation grants at one privilege level.</summary>
[Flags]
public enum PageRights : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    All = Read | Write | Execute,
}

/// <summary>The kind of access being translated: it picks the right that must be granted.</summary>
public enum AccessKind : byte
{
    Read,
    Write,
    Fetch,
}

/// <summary>
/// The outcome of a stage-1 walk for one VA: where it goes, what PL1 and PL0 may do there, or why the
/// walk itself failed (translation, access flag, domain, external abort on the walk). Permission faults
/// are decided afterwards from the rights and the kind of access.
/// </summary>
public struct WalkResult
{
    /// <summary>The output address of the VA (offset within the page included): 40 bits with LPAE.</summary>
    public ulong Pa;
    public PageRights Pl1, Pl0;
    /// <summary>A fault found by the walk itself; <see cref="FaultStatus.None"/> when the VA is mapped.</summary>
    public Fault Fault;
    /// <summary>Lookup level of the final descriptor (1 section/block, 2 page/block, 3 LPAE page) and its domain.</summary>
    public byte Level, Domain;
    /// <summary>~(mapping size - 1) when the mapping is bigger than 4 KiB (section, block), else 0: TLBIMVA must then
    /// drop every cached page of the mapping.</summary>
    public uint SpanMask;
    /// <summary>Short-descriptor supersection (PAR.SS).</summary>
    public bool Supersection;
    /// <summary>Not global (nG): the mapping belongs to the current ASID.</summary>
    public bool NotGlobal;
    /// <summary>LPAE: the MAIR attribute byte and the SH field, for the 64-bit PAR.</summary>
    public byte MairAttr, Shareability;
}
