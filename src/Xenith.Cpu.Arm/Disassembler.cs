using Xenith.Cpu.Arm.Integer;
using Xenith.Cpu.Arm.LoadStore;
using Xenith.Cpu.Arm.Media;
using Xenith.Cpu.Arm.Sys;
using Xenith.Cpu.Arm.Vfp;

namespace Xenith.Cpu.Arm;

/// <summary>
/// Disassembles decoded instructions in GNU objdump's UAL style ("mnemonic\toperands", lower case),
/// so mismatch reports and traces read like <c>arm-none-eabi-objdump -d</c>.
/// </summary>
public static class Disassembler
{
    private static readonly string[] CondNames = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""];
    private static readonly string[] RegNames = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc"];

    public static string Format(in Insn d)
    {
        string? text = d.Group switch
        {
            OpGroup.Integer => IntegerDisassembler.Format(in d),
            OpGroup.LoadStore => LoadStoreDisassembler.Format(in d),
            OpGroup.System => SystemDisassembler.Format(in d),
            OpGroup.Vfp => VfpDisassembler.Format(in d),
            OpGroup.Media => MediaDisassembler.Format(in d),
            _ => FormatCore(in d),
        };
        return text ?? Fallback(in d);
    }

    /// <summary>Condition suffix ("" for always).</summary>
    public static string Cond(in Insn d) => CondNames[d.Cond & 15];

    /// <summary>objdump's register names (sl, fp, ip, sp, lr, pc for r10–r15).</summary>
    public static string Reg(int n) => RegNames[n & 15];

    /// <summary>A register list as "{r0, r4, lr}".</summary>
    public static string RegList(uint mask)
    {
        var parts = new List<string>();
        for (int i = 0; i < 16; i++)
        {
            if ((mask & (1u << i)) != 0)
                parts.Add(Reg(i));
        }
        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>An immediate as objdump prints it: "#123" or "#-4".</summary>
    public static string Imm(long value) => "#" + value.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

    private static string? FormatCore(in Insn d)
    {
        if ((CoreOp)d.Op == CoreOp.Nop && d.Flags == 1)
            return FormatIt(d.Imm);
        if ((CoreOp)d.Op == CoreOp.Nop)
            return "nop";
        return null;
    }

    private static string FormatIt(uint it)
    {
        uint firstcond = it >> 4, mask = it & 0xF;
        var sb = new global::System.Text.StringBuilder("it");
        int length = 4 - global::System.Numerics.BitOperations.TrailingZeroCount(mask);
        for (int i = 1; i < length; i++)
        {
            bool bit = ((mask >> (4 - i)) & 1) != 0;
            sb.Append(bit == ((firstcond & 1) != 0) ? 't' : 'e');
        }
        sb.Append('\t').Append(CondNames[firstcond]);
        return sb.ToString();
    }

    private static string Fallback(in Insn d) => d.Size == 2 ? $"udf\t.short 0x{d.Raw:x4}" : $"udf\t.word 0x{d.Raw:x8}";
}
