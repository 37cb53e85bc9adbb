using System.Text;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>Compares final states: outcome, R0–R15, CPSR, D0–D31, FPSCR and the data region.</summary>
public static class Comparer
{
    /// <summary>CPSR/SPSR bits compared: N Z C V Q, IT, J, GE, E, A I F, T and the mode (23:20 are reserved:
    /// QEMU masks them on SPSR writes, Xenith keeps them; their value is UNKNOWN).</summary>
    public const uint CpsrMask = 0xFF0FFFFF;

    public static bool Equal(MachineState a, MachineState b)
    {
        if (a.Outcome != b.Outcome || ((a.Cpsr ^ b.Cpsr) & CpsrMask) != 0 || a.Fpscr != b.Fpscr)
            return false;
        if (Layout.HasSpsr(a.Cpsr) && ((a.Spsr ^ b.Spsr) & CpsrMask) != 0)
            return false;
        if (!a.R.AsSpan().SequenceEqual(b.R) || !a.D.AsSpan().SequenceEqual(b.D))
            return false;
        return a.Data.AsSpan().SequenceEqual(b.Data);
    }

    /// <summary>One line per difference, "what: xenith vs unicorn".</summary>
    public static List<string> Differences(MachineState x, MachineState u)
    {
        var diffs = new List<string>();
        if (x.Outcome != u.Outcome)
            diffs.Add($"outcome: xenith {x.Outcome} vs unicorn {u.Outcome} ({Detail(u)})");
        for (int i = 0; i < 16; i++)
        {
            if (x.R[i] != u.R[i])
                diffs.Add($"{Disassembler.Reg(i)}: {x.R[i]:x8} vs {u.R[i]:x8}");
        }
        if (((x.Cpsr ^ u.Cpsr) & CpsrMask) != 0)
            diffs.Add($"cpsr: {x.Cpsr:x8} vs {u.Cpsr:x8} ({CpsrDiff(x.Cpsr, u.Cpsr)})");
        if (Layout.HasSpsr(x.Cpsr) && ((x.Spsr ^ u.Spsr) & CpsrMask) != 0)
            diffs.Add($"spsr: {x.Spsr:x8} vs {u.Spsr:x8} ({CpsrDiff(x.Spsr, u.Spsr)})");
        for (int i = 0; i < 32; i++)
        {
            if (x.D[i] != u.D[i])
                diffs.Add($"d{i}: {x.D[i]:x16} vs {u.D[i]:x16}");
        }
        if (x.Fpscr != u.Fpscr)
            diffs.Add($"fpscr: {x.Fpscr:x8} vs {u.Fpscr:x8}");
        int shown = 0;
        for (int i = 0; i < x.Data.Length && shown < 8; i++)
        {
            if (x.Data[i] != u.Data[i])
            {
                diffs.Add($"mem[{Layout.DataBase + i:x}]: {x.Data[i]:x2} vs {u.Data[i]:x2}");
                shown++;
            }
        }
        return diffs;
    }

    private static string Detail(MachineState u) => u.Outcome switch
    {
        Outcome.Completed => "ok",
        _ => $"detail {u.Detail}",
    };

    /// <summary>Names the CPSR fields that differ.</summary>
    public static string CpsrDiff(uint a, uint b)
    {
        uint d = a ^ b;
        var sb = new StringBuilder();
        void Add(string s)
        {
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append(s);
        }
        if ((d & 0x80000000) != 0) Add("N");
        if ((d & 0x40000000) != 0) Add("Z");
        if ((d & 0x20000000) != 0) Add("C");
        if ((d & 0x10000000) != 0) Add("V");
        if ((d & 0x08000000) != 0) Add("Q");
        if ((d & 0x0600FC00) != 0) Add("IT");
        if ((d & 0x01000000) != 0) Add("J");
        if ((d & 0x000F0000) != 0) Add("GE");
        if ((d & 0x00000200) != 0) Add("E");
        if ((d & 0x000001C0) != 0) Add("AIF");
        if ((d & 0x00000020) != 0) Add("T");
        if ((d & 0x0000001F) != 0) Add("M");
        return sb.ToString();
    }
}
