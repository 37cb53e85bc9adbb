using System.Diagnostics;
using System.Text;
using Xenith.Cpu.Arm.Decode;
using Xenith.Cpu.Arm.Fuzz.Unicorn;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>Runs cases in both machines (one of each, reused) and compares them.</summary>
public sealed class CaseRunner : IDisposable
{
    private readonly XenithRunner _xenith = new();
    private readonly UnicornArm _unicorn = new();
    private readonly byte[] _code = new byte[256];
    public readonly MachineState XenithFinal = new();
    public readonly MachineState UnicornFinal = new();

    /// <summary>Outcome rules of exclusions.txt: <c>xenith-alignment</c>, <c>arm-pc-bit1</c>, <c>xenith-overshoot</c>,
    /// <c>unicorn-itstate</c>, <c>self-modifying</c>.</summary>
    public bool IgnoreXenithAlignment, IgnoreArmPcBit1, IgnoreOvershoot, FixUnicornItState, IgnoreSelfModifying;

    public CaseRunner()
    {
    }

    /// <summary>A runner applying the outcome rules of <paramref name="exclusions"/>.</summary>
    public CaseRunner(Exclusions exclusions)
    {
        IgnoreXenithAlignment = exclusions.HasOutcome("xenith-alignment");
        IgnoreArmPcBit1 = exclusions.HasOutcome("arm-pc-bit1");
        IgnoreOvershoot = exclusions.HasOutcome("xenith-overshoot");
        FixUnicornItState = exclusions.HasOutcome("unicorn-itstate");
        IgnoreSelfModifying = exclusions.HasOutcome("self-modifying");
    }

    public ArmCpu Cpu => _xenith.Cpu;

    public enum Verdict : byte
    {
        Match,
        Mismatch,
        /// <summary>A difference an exclusion rule covers (counted, not reported).</summary>
        Excluded,
    }

    /// <summary>Stopwatch ticks spent in each machine (for the speed line of the report).</summary>
    public long XenithTicks, UnicornTicks;
    private bool _unicornStray = true;

    /// <summary>Bytes of code (with terminator) the last case wrote at <see cref="Layout.CodeAddress"/>.</summary>
    private int _lastCodeLength;
    /// <summary>A case stored into the code region outside its own code: clear the region in both before the next.</summary>
    private bool _codeRegionDirty = true;
    private readonly byte[] _unicornCode = new byte[Layout.CodeRegionSize];
    /// <summary>The last case stored into its own code (in either machine).</summary>
    private bool _codeModified;

    /// <summary>Offset in the code region of the first byte where the two machines' code regions differ after the
    /// last run (-1: identical). A case's stores may reach the code region; they are compared too.</summary>
    public int CodeRegionDifference { get; private set; } = -1;

    public Verdict Run(FuzzCase c)
    {
        long t0 = Stopwatch.GetTimestamp();
        // PC-relative loads read the code pages around the case: both machines must hold the same bytes there,
        // so the region is all zeros but for the case's code (the previous case's longer code is overwritten).
        if (_codeRegionDirty)
        {
            _xenith.ClearCodeRegion();
            _unicorn.ClearCodeRegion();
            _lastCodeLength = 0;
            _codeRegionDirty = false;
        }
        int n = CodeBytesTo(c, _code);
        int written = Math.Max(n, _lastCodeLength);
        _code.AsSpan(n, written - n).Clear();
        _lastCodeLength = n;
        uint end = _xenith.WriteCode(c, written);
        _xenith.Run(c, end, XenithFinal);
        long t1 = Stopwatch.GetTimestamp();
        if (_unicornStray)
        {
            _unicorn.FlushTranslations();
            _unicornStray = false;
        }
        _unicorn.WriteCode(Layout.CodeAddress, _code.AsSpan(0, written));
        // Unicorn's count is unreliable inside IT blocks (QEMU counts an IT with the instruction after it, a
        // skipped one not at all), so it also stops at the terminator's address; the count still ends
        // the run at a branch target.
        _unicorn.Run(c.Initial, c.Isa == Isa.T32, c.Count, end, UnicornFinal);
        uint upc = UnicornFinal.R[15];
        _unicornStray = upc < Layout.CodeAddress || upc >= Layout.CodeAddress + (uint)n;
        CheckCodeRegion(n);
        long t2 = Stopwatch.GetTimestamp();
        XenithTicks += t1 - t0;
        UnicornTicks += t2 - t1;
        // Unicorn looks up the next block after the last counted instruction: a branch to unmapped
        // memory then reads as a fetch abort although the case itself completed (Xenith never fetches it).
        if (UnicornFinal.Outcome == Outcome.PrefetchAbort && XenithFinal.Outcome == Outcome.Completed
            && UnicornFinal.R[15] == XenithFinal.R[15])
            UnicornFinal.Outcome = Outcome.Completed;
        ExcludedBy = null;
        if (FixUnicornItState && c.Isa == Isa.T32 && !FixItState(c))
            return Exclude("unicorn-itstate");
        if (CodeRegionDifference < 0 && Comparer.Equal(XenithFinal, UnicornFinal))
            return Verdict.Match;
        // DFSR FS = 00001: alignment fault (Unicorn either goes on, or faults later for another reason).
        // Only where the ARM ARM asks for the alignment (A3.2.1) and the address really lacks it: an alignment fault
        // on an unaligned LDR, or on an aligned LDRD, is a Xenith bug.
        if (IgnoreXenithAlignment && XenithFinal.Outcome == Outcome.DataAbort && XenithFinal.Detail == 1
            && (UnicornFinal.Outcome != Outcome.DataAbort || UnicornFinal.R[15] != XenithFinal.R[15])
            && (_xenith.FaultAddress & (RequiredAlignment(c.PatternName) - 1)) != 0)
            return Exclude("xenith-alignment");
        // Only when the reference left the case's code too: otherwise running past the end is a Xenith bug.
        if (IgnoreOvershoot && _xenith.Overshoot && _unicornStray)
            return Exclude("xenith-overshoot");
        if (IgnoreArmPcBit1 && IsArmPcBit1(XenithFinal, UnicornFinal))
            return Exclude("arm-pc-bit1");
        // Only when both machines stored the same into the code: a store one of them missed is a difference.
        if (IgnoreSelfModifying && _codeModified && CodeRegionDifference < 0)
            return Exclude("self-modifying");
        return Verdict.Mismatch;
    }

    /// <summary>The alignment an instruction of the pattern must have even with SCTLR.A = 0 (ARM ARM A3.2.1,
    /// table A3-1), 1 if it has none: LDREXD/STREXD 8, LDREXH/STREXH 2, LDREX/STREX, LDRD/STRD, LDM/STM
    /// (PUSH/POP), SRS/RFE, VLDR/VSTR/VLDM/VSTM 4.</summary>
    internal static uint RequiredAlignment(string pattern)
    {
        if (pattern.StartsWith("ldrexd", StringComparison.Ordinal) || pattern.StartsWith("strexd", StringComparison.Ordinal))
            return 8;
        if (pattern.StartsWith("ldrexh", StringComparison.Ordinal) || pattern.StartsWith("strexh", StringComparison.Ordinal))
            return 2;
        if (pattern.StartsWith("ldrexb", StringComparison.Ordinal) || pattern.StartsWith("strexb", StringComparison.Ordinal))
            return 1;
        string[] word = ["ldrex", "strex", "ldrd", "strd", "ldm", "stm", "push", "pop", "srs", "rfe", "vldr", "vstr", "vldm", "vstm"];
        foreach (string w in word)
        {
            if (pattern.StartsWith(w, StringComparison.Ordinal))
                return 4;
        }
        return 1;
    }

    /// <summary>The outcome rule that excluded the last case (null if it was not excluded).</summary>
    public string? ExcludedBy { get; private set; }

    private Verdict Exclude(string rule)
    {
        ExcludedBy = rule;
        return Verdict.Excluded;
    }

    /// <summary>Compares the code regions of both machines after a run and notes whether anything but the
    /// case's own <paramref name="n"/> bytes of code is left there.</summary>
    private void CheckCodeRegion(int n)
    {
        _unicorn.ReadCodeRegion(_unicornCode);
        var x = _xenith.CodeRegion;
        int code = (int)(Layout.CodeAddress - Layout.CodeRegion);
        int diff = x.CommonPrefixLength(_unicornCode);
        CodeRegionDifference = diff < x.Length ? diff : -1;
        _codeModified = !x.Slice(code, n).SequenceEqual(_code.AsSpan(0, n)) || !_unicornCode.AsSpan(code, n).SequenceEqual(_code.AsSpan(0, n));
        if (CodeRegionDifference >= 0 || x[..code].IndexOfAnyExcept((byte)0) >= 0 || x[(code + n)..].IndexOfAnyExcept((byte)0) >= 0)
            _codeRegionDirty = true;
    }

    private const uint CpsrItMask = 0x0600FC00;

    /// <summary>
    /// Unicorn does not write QEMU's condexec bits back when it stops at an address or on an error, so its
    /// CPSR.IT is stale, and a fault inside an IT block is imprecise there (PC after the instruction, later
    /// stores done). A completed case has ended its IT block, so it is compared with ITSTATE 0; a case with an
    /// exception inside an IT block is compared without ITSTATE if Unicorn stopped at Xenith's PC, else not
    /// compared (returns false).
    /// </summary>
    private bool FixItState(FuzzCase c)
    {
        var u = UnicornFinal;
        if (u.Outcome == Outcome.Completed && XenithFinal.Outcome == Outcome.Completed)
        {
            u.Cpsr &= ~CpsrItMask;
            return true;
        }
        uint hw = c.Code[0];
        bool itBlock = (hw & 0xFF00) == 0xBF00 && (hw & 0xF) != 0;
        if (!itBlock)
            return true;
        // Where Unicorn stopped at the same PC its fault was precise: compare everything but its stale ITSTATE.
        if (u.Outcome != Outcome.Completed && u.R[15] == XenithFinal.R[15])
        {
            u.Cpsr = (u.Cpsr & ~CpsrItMask) | (XenithFinal.Cpsr & CpsrItMask);
            return true;
        }
        return false;
    }

    /// <summary>An interworking write of an address with bits 1:0 = 10 to the PC in ARM state is UNPREDICTABLE:
    /// Xenith aligns it, QEMU keeps bit 1 (and then faults fetching). Equal otherwise: not a mismatch.</summary>
    private static bool IsArmPcBit1(MachineState x, MachineState u)
    {
        if ((u.Cpsr & 0x20) != 0 || (u.R[15] & 3) != 2 || x.R[15] != (u.R[15] & ~3u))
            return false;
        uint pc = u.R[15];
        var outcome = u.Outcome;
        u.R[15] = x.R[15];
        u.Outcome = x.Outcome;
        bool same = Comparer.Equal(x, u);
        u.R[15] = pc;
        u.Outcome = outcome;
        return same;
    }

    /// <summary>The code bytes plus a UDF: it ends Unicorn's translation block right after the case
    /// (otherwise QEMU translates up to a page of stale bytes every time, at great cost).</summary>
    private static int CodeBytesTo(FuzzCase c, byte[] buf)
    {
        int n = 0;
        foreach (uint w in c.Code)
        {
            if (c.Isa == Isa.A32)
            {
                BitConverter.TryWriteBytes(buf.AsSpan(n), w);
                n += 4;
            }
            else
            {
                BitConverter.TryWriteBytes(buf.AsSpan(n), (ushort)w);
                n += 2;
            }
        }
        if (c.Isa == Isa.A32)
        {
            BitConverter.TryWriteBytes(buf.AsSpan(n), XenithRunner.A32Udf);
            n += 4;
        }
        else
        {
            BitConverter.TryWriteBytes(buf.AsSpan(n), XenithRunner.T32Udf);
            n += 2;
        }
        return n;
    }

    /// <summary>The case's instructions decoded by Xenith, one "address: encoding  text" line each.</summary>
    public static List<string> Disassemble(FuzzCase c)
    {
        var lines = new List<string>();
        uint addr = Layout.CodeAddress;
        if (c.Isa == Isa.A32)
        {
            foreach (uint w in c.Code)
            {
                var d = new Insn { Address = addr };
                A32Decoder.Decode(w, ref d);
                lines.Add($"{addr:x}: {w:x8}  {Disassembler.Format(in d)}");
                addr += 4;
            }
            return lines;
        }
        byte it = 0;
        for (int i = 0; i < c.Code.Count; i++)
        {
            uint hw1 = c.Code[i];
            bool wide = T32Decoder.IsWide(hw1) && i + 1 < c.Code.Count;
            uint hw2 = wide ? c.Code[i + 1] : 0;
            var d = new Insn { Address = addr };
            it = T32Decoder.Decode(hw1, hw2, it, ref d);
            string enc = wide ? $"{hw1:x4} {hw2:x4}" : $"{hw1:x4}     ";
            lines.Add($"{addr:x}: {enc}  {Disassembler.Format(in d)}");
            addr += wide ? 4u : 2u;
            if (wide)
                i++;
        }
        return lines;
    }

    /// <summary>A human-readable report of a mismatching case.</summary>
    public string Report(FuzzCase c)
    {
        var sb = new StringBuilder();
        sb.Append("pattern ").Append(c.PatternName).Append(", ").Append(c.Isa.ToString().ToLowerInvariant())
          .Append(", ").Append(c.Count).AppendLine(" instruction(s):");
        foreach (var l in Disassemble(c))
            sb.Append("    ").AppendLine(l);
        sb.Append("  initial: ").AppendLine(StateLine(c.Initial));
        sb.Append("  xenith:  ").Append(XenithFinal.Outcome).Append("  ").AppendLine(StateLine(XenithFinal));
        sb.Append("  unicorn: ").Append(UnicornFinal.Outcome).Append("  ").AppendLine(StateLine(UnicornFinal));
        foreach (var d in Comparer.Differences(XenithFinal, UnicornFinal))
            sb.Append("  ! ").AppendLine(d);
        if (CodeRegionDifference >= 0)
        {
            uint a = Layout.CodeRegion + (uint)CodeRegionDifference;
            sb.Append("  ! code region differs from ").AppendLine(a.ToString("x"));
        }
        sb.Append("  regression: ").AppendLine(Regressions.Format(c));
        return sb.ToString();
    }

    public static string StateLine(MachineState s)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++)
            sb.Append(Disassembler.Reg(i)).Append('=').Append(s.R[i].ToString("x8")).Append(' ');
        sb.Append("cpsr=").Append(s.Cpsr.ToString("x8")).Append(" spsr=").Append(s.Spsr.ToString("x8")).Append(" fpscr=").Append(s.Fpscr.ToString("x8"));
        return sb.ToString();
    }

    public void Dispose()
    {
        _xenith.Dispose();
        _unicorn.Dispose();
    }
}
