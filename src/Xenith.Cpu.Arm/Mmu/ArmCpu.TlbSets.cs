namespace Xenith.Cpu.Arm;

/// <summary>
/// Soft-TLB sets keyed by DACR. Linux without LPAE protects user memory with domains (software PAN,
/// CONFIG_CPU_SW_DOMAIN_PAN): every user access in the kernel writes DACR to open the user domain and writes
/// it back after, so DACR alternates between two values thousands of times a second. Translations depend on
/// DACR only through the domain check, so instead of flushing, a DACR write makes the set filled under the
/// new value the active one, keeping the others. Any other flush drops every set, so a set only ever holds
/// what a fresh walk under its DACR and the current tables and registers would give.
/// </summary>
public sealed partial class ArmCpu
{
    /// <summary>DACR values kept at once: Linux uses two (user domain open or closed); a few spare for others.</summary>
    private const int TlbSetCount = 4;

    private readonly TlbSet?[] _tlbSets = new TlbSet?[TlbSetCount];
    private int _activeTlbSet;
    /// <summary>The last set replaced, so that replacement goes round the inactive sets.</summary>
    private int _tlbSetVictim;
    /// <summary>The highest translation generation handed out (see <see cref="NewTranslationGeneration"/>).</summary>
    private uint _lastTranslationGeneration;

    /// <summary>One DACR value's tables. While active, its tables, large-fill count and generation live in the
    /// CPU's hot fields; they are saved here when another set becomes active.</summary>
    private sealed class TlbSet
    {
        public readonly TlbEntry[] Pl1 = new TlbEntry[TlbSize];
        public readonly TlbEntry[] Pl0 = new TlbEntry[TlbSize];
        public uint Dacr;
        public int LargeFills;
        /// <summary>The translation generation links made under this set carry.</summary>
        public uint Generation;
        public bool Valid = true;
    }

    /// <summary>
    /// Writes DACR (MCR p15, 0, Rt, c3, c0, 0): switches to the TLB set filled under the new value, or to an
    /// empty one. Links between blocks made under another DACR are not followed (a page may not be executable
    /// in a domain the new value closes); those made earlier under this one are, through the set's generation.
    /// </summary>
    private void SetDacr(uint value)
    {
        Dacr = value;
        TlbSet active = _tlbSets[_activeTlbSet]!;
        if (active.Dacr == value)
            return;
        active.LargeFills = _largeFills;
        active.Generation = _translationGeneration;
        int found = -1;
        for (int i = 0; i < _tlbSets.Length; i++)
        {
            if (_tlbSets[i] is { Valid: true } s && s.Dacr == value)
            {
                found = i;
                break;
            }
        }
        if (found < 0)
        {
            found = NextTlbSetVictim();
            TlbSet fresh = _tlbSets[found] ??= new TlbSet();
            ClearTables(fresh.Pl1, fresh.Pl0);
            fresh.Dacr = value;
            fresh.LargeFills = 0;
            fresh.Valid = true;
            NewTranslationGeneration();
            fresh.Generation = _translationGeneration;
        }
        _activeTlbSet = found;
        LoadTlbSet(_tlbSets[found]!);
    }

    private int NextTlbSetVictim()
    {
        do
            _tlbSetVictim = (_tlbSetVictim + 1) % _tlbSets.Length;
        while (_tlbSetVictim == _activeTlbSet);
        return _tlbSetVictim;
    }

    /// <summary>Makes a set's tables the ones the access paths use.</summary>
    private void LoadTlbSet(TlbSet set)
    {
        _tlbPl1 = set.Pl1;
        _tlbPl0 = set.Pl0;
        _largeFills = set.LargeFills;
        _translationGeneration = set.Generation;
        _tlb = Mode == Mode.User ? _tlbPl0 : _tlbPl1;
    }

    /// <summary>A flush other than a DACR switch: only the active set stays (the caller updates it).</summary>
    private void DropInactiveTlbSets()
    {
        for (int i = 0; i < _tlbSets.Length; i++)
        {
            if (i != _activeTlbSet && _tlbSets[i] is { } s)
                s.Valid = false;
        }
    }
}
