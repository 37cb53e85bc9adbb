namespace Xenith.Hypervisor.Grants;

/// <summary>The end of a grant table, when its domain is destroyed.</summary>
public sealed partial class Gnttab
{
    /// <summary>
    /// Gives the table's frames back to the machine (the table's own references; the domain's p2m held the
    /// others). Only once no grant of this table is in use: a grantee that still maps or copies one writes
    /// GTF_reading/GTF_writing into these frames when it lets go. The table is empty afterwards (every
    /// reference is out of range).
    /// </summary>
    internal void ReleaseFrames()
    {
        if (_active.Count != 0)
            throw new InvalidOperationException($"d{Domain.Id}: {_active.Count} grants still in use");
        foreach (uint mfn in _frames)
            _machine.Release(mfn);
        _frames.Clear();
        _frameGfns.Clear();
    }
}
