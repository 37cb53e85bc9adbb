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

    /// <summary>Outcome rules of exclusions.txt: <c>xenith-alignment</c>, <c>arm-pc-bit1</c>.</summary>
    public bool IgnoreXenithAlignment, IgnoreArmPcBit1, IgnoreOvershoot, FixUnicornItState;

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

    public Verdict Run(FuzzCase c)
    {
        long t0 = Stopwatch.GetTimestamp();
        uint end = _xenith.WriteCode(c);
        _xenith.Run(c, end, XenithFinal);
        long t1 = Stopwatch.GetTimestamp();
        int n = CodeBytesTo(c, _code);
        if (_unicornStray)
        {
            _unicorn.FlushTranslations();
            _unicornStray = false;
        }
        _unicorn.WriteCode(Layout.CodeAddress, _code.AsSpan(0, n));
        // Unicorn's count is unreliable inside IT blocks (QEMU counts an IT with the instruction after it, a
        // skipped one not at all), so it also stops at the terminator's address; the count still ends
        // the run at a branch target.
        _unicorn.Run(c.Initial, c.Isa == Isa.T32, c.Count, end, UnicornFinal);
        uint upc = UnicornFinal.R[15];
        _unicornStray = upc < Layout.CodeAddress || upc >= Layout.CodeAddress + (uint)n;
        long t2 = Stopwatch.GetTimestamp();
        XenithTicks += t1 - t0;
        UnicornTicks += t2 - t1;
        // Unicorn looks up the next block after the last counted instruction: a branch to unmapped
        // memory then reads as a fetch abort although the case itself completed (Xenith never fetches it).
        if (UnicornFinal.Outcome == Outcome.PrefetchAbort && XenithFinal.Outcome == Outcome.Completed
            && UnicornFinal.R[15] == XenithFinal.R[15])
            UnicornFinal.Outcome = Outcome.Completed;
        if (FixUnicornItState && c.Isa == Isa.T32 && !FixItState(c))
            return Verdict.Excluded;
        if (Comparer.Equal(XenithFinal, UnicornFinal))
            return Verdict.Match;
        // DFSR FS = 00001: alignment fault (Unicorn either goes on, or faults later for another reason).
        if (IgnoreXenithAlignment && XenithFinal.Outcome == Outcome.DataAbort && XenithFinal.Detail == 1
            && (UnicornFinal.Outcome != Outcome.DataAbort || UnicornFinal.R[15] != XenithFinal.R[15]))
            return Verdict.Excluded;
        // Only when the reference left the case's code too: otherwise running past the end is a Xenith bug.
        if (IgnoreOvershoot && _xenith.Overshoot && _unicornStray)
            return Verdict.Excluded;
        if (IgnoreArmPcBit1 && IsArmPcBit1(XenithFinal, UnicornFinal))
            return Verdict.Excluded;
        return Verdict.Mismatch;
    }

    private const uint CpsrItMask = 0x0600FC00;

    /// <summary>
    /// Unicorn does not write QEMU's condexec bits back when it stops at an address or on an error, so its
    /// CPSR.IT is stale, and a fault inside an IT block is imprecise there (PC after the instruction, later
    /// stores done). A completed case has ended its IT block, so it is compared with ITSTATE 0; a case with an
    /// exception inside an IT block is not compared (returns false).
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
        return !itBlock;
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
