namespace Xenith.Cpu.Arm;

/// <summary>
/// Which physical pages hold decoded code, and the blocks decoded from each, for every CPU that shares
/// one physical memory. A store by any of those CPUs into such a page must drop the blocks of all of them,
/// so the map and the write protection it asks for are shared by the whole cluster.
/// </summary>
internal sealed class CodePages
{
    private readonly Dictionary<ulong, List<Block>> _pages = [];
    private readonly List<ArmCpu> _members = [];

    public IReadOnlyList<ArmCpu> Members => _members;

    public void Join(ArmCpu cpu) => _members.Add(cpu);

    public void Leave(ArmCpu cpu) => _members.Remove(cpu);

    public bool Contains(ulong pageNumber) => _pages.ContainsKey(pageNumber);

    /// <summary>Records a block's page; the first block on a page makes stores to it take the slow path on every CPU.</summary>
    public void Add(ulong pageNumber, Block block)
    {
        if (!_pages.TryGetValue(pageNumber, out var list))
        {
            list = [];
            _pages[pageNumber] = list;
            foreach (var cpu in _members)
                cpu.ProtectDecodedPage(pageNumber);
        }
        list.Add(block);
    }

    /// <summary>A store to [pa, pa+size) reached a code page: every block it overlaps, whoever decoded it, is dropped.</summary>
    public void OnWrite(ulong pa, int size)
    {
        ulong pageNumber = pa >> 12;
        if (!_pages.TryGetValue(pageNumber, out var list))
            return;
        ulong end = pa + (ulong)size;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            Block b = list[i];
            if (b.Valid && pa < b.PaEnd && b.PaStart < end)
                b.Owner.DropBlock(b);
            if (!b.Valid)
                list.RemoveAt(i);
        }
        if (list.Count == 0)
            _pages.Remove(pageNumber);
    }

    /// <summary>Forgets the blocks of one CPU (it flushed its cache); the pages stay protected until a store prunes them.</summary>
    public void Forget(ArmCpu owner)
    {
        if (_members.Count <= 1)
        {
            _pages.Clear();
            return;
        }
        foreach (var list in _pages.Values)
            list.RemoveAll(b => b.Owner == owner);
    }
}
