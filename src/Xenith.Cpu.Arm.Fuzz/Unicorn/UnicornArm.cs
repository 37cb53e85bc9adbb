using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Xenith.Cpu.Arm.Fuzz.Unicorn;

/// <summary>
/// One Unicorn engine (CPU model Cortex-A15) with the fuzz <see cref="Layout"/> mapped once and reused
/// for every case: code and data are rewritten, registers set, and the run stopped after N instructions
/// or at the first exception.
/// </summary>
public sealed unsafe class UnicornArm : IDisposable
{
    private nint _uc;
    private nuint _hook;
    /// <summary>Native cell the interrupt hook writes the QEMU exception number into (-1: none).</summary>
    private readonly int* _intno;
    private readonly int* _regIds;
    private readonly void** _regPtrs;
    private readonly uint* _regVals;
    private const int GprCount = 16;

    public UnicornArm()
    {
        Check(UcNative.Open(UcConst.UC_ARCH_ARM, UcConst.UC_MODE_ARM, out _uc), "uc_open");
        // The CPU model must be chosen before the first use that creates the vCPU.
        Check(UcNative.CtlInt(_uc, UcConst.CtlWrite(UcConst.UC_CTL_CPU_MODEL, 1), UcConst.UC_CPU_ARM_CORTEX_A15), "uc_ctl(CPU_MODEL)");
        Check(UcNative.MemMap(_uc, Layout.CodeRegion, Layout.CodeRegionSize, UcConst.UC_PROT_ALL), "uc_mem_map(code)");
        // Not executable: Unicorn's instruction count only takes effect at the end of a translation block, so
        // after a branch into data it would run on to the end of the page; a fetch fault stops it at the target.
        Check(UcNative.MemMap(_uc, Layout.DataBase, Layout.DataSize, UcConst.UC_PROT_READ | UcConst.UC_PROT_WRITE), "uc_mem_map(data)");
        _intno = (int*)NativeMemory.Alloc(sizeof(int));
        *_intno = -1;
        delegate* unmanaged<nint, uint, void*, void> cb = &OnInterrupt;
        Check(UcNative.HookAdd(_uc, out _hook, UcConst.UC_HOOK_INTR, cb, _intno, 1, 0), "uc_hook_add(INTR)");
        _regIds = (int*)NativeMemory.Alloc(GprCount * sizeof(int));
        _regPtrs = (void**)NativeMemory.Alloc(GprCount * (nuint)sizeof(void*));
        _regVals = (uint*)NativeMemory.Alloc(GprCount * sizeof(uint));
        for (int i = 0; i < GprCount; i++)
        {
            _regIds[i] = UcConst.Reg(i);
            _regPtrs[i] = _regVals + i;
        }
    }

    /// <summary>Unicorn's version as "major.minor.patch".</summary>
    public static string VersionString()
    {
        uint v = UcNative.Version(null, null);
        return $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}";
    }

    [UnmanagedCallersOnly]
    private static void OnInterrupt(nint uc, uint intno, void* user)
    {
        *(int*)user = (int)intno;
        UcNative.EmuStop(uc);
    }

    /// <summary>Writes code bytes at <paramref name="address"/> and drops any translation of them.</summary>
    public void WriteCode(uint address, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
            Check(UcNative.MemWrite(_uc, address, p, (nuint)bytes.Length), "uc_mem_write(code)");
        UcNative.CtlRange(_uc, UcConst.CtlWrite(UcConst.UC_CTL_TB_REMOVE_CACHE, 2), address, address + (ulong)bytes.Length);
    }

    /// <summary>Copies the whole code region (0x10000–0x12fff) into <paramref name="dest"/>.</summary>
    public void ReadCodeRegion(Span<byte> dest)
    {
        fixed (byte* p = dest)
            Check(UcNative.MemRead(_uc, Layout.CodeRegion, p, Layout.CodeRegionSize), "uc_mem_read(code)");
    }

    /// <summary>Zeroes the whole code region and drops every translation.</summary>
    public void ClearCodeRegion()
    {
        var zero = new byte[Layout.CodeRegionSize];
        fixed (byte* p = zero)
            Check(UcNative.MemWrite(_uc, Layout.CodeRegion, p, Layout.CodeRegionSize), "uc_mem_write(code)");
        FlushTranslations();
    }

    /// <summary>Drops every translation of the mapped regions: after a case ran outside its own code (in the
    /// data region, say), since uc_mem_write does not invalidate translated blocks.</summary>
    public void FlushTranslations()
    {
        int ctl = UcConst.CtlWrite(UcConst.UC_CTL_TB_REMOVE_CACHE, 2);
        UcNative.CtlRange(_uc, ctl, Layout.CodeRegion, Layout.CodeRegion + Layout.CodeRegionSize);
        UcNative.CtlRange(_uc, ctl, Layout.DataBase, Layout.DataBase + (ulong)Layout.DataSize);
    }

    /// <summary>Runs a case: state in <paramref name="initial"/>, code already written; the result goes to <paramref name="final"/>.</summary>
    public void Run(MachineState initial, bool thumb, int count, MachineState final) =>
        Run(initial, thumb, count, 0xFFFFFFFF, final);

    /// <summary>As <see cref="Run(MachineState, bool, int, MachineState)"/>, also stopping when the PC reaches <paramref name="until"/>.</summary>
    public void Run(MachineState initial, bool thumb, int count, uint until, MachineState final)
    {
        fixed (byte* data = initial.Data)
            Check(UcNative.MemWrite(_uc, Layout.DataBase, data, Layout.DataSize), "uc_mem_write(data)");
        // CPACR and FPEXC first: an earlier case may have changed them, and FPSCR/D need the FPU on.
        uint cpacr = Layout.Cpacr, fpexc = Layout.FpexcEn;
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_C1_C0_2, &cpacr);
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_FPEXC, &fpexc);
        // The User/System bank first (switching the mode swaps SP and LR in), then SVC with the case's flags.
        uint cpsr = 0x1D0, userSp = Layout.UserSp, userLr = Layout.UserLr;
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_CPSR, &cpsr);
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_SP, &userSp);
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_LR, &userLr);
        cpsr = initial.Cpsr & ~(1u << 5);
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_CPSR, &cpsr);
        uint spsr = initial.Spsr;
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_SPSR, &spsr);
        for (int i = 0; i < GprCount; i++)
            _regVals[i] = initial.R[i];
        UcNative.RegWriteBatch(_uc, _regIds, _regPtrs, 15);
        fixed (ulong* d = initial.D)
        {
            for (int i = 0; i < 32; i++)
                UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_D0 + i, d + i);
        }
        uint fpscr = initial.Fpscr;
        UcNative.RegWrite(_uc, UcConst.UC_ARM_REG_FPSCR, &fpscr);

        *_intno = -1;
        ulong begin = Layout.CodeAddress | (thumb ? 1u : 0u);
        var err = UcNative.EmuStart(_uc, begin, until, 0, (nuint)count);
        Classify(err, *_intno, final);

        UcNative.RegReadBatch(_uc, _regIds, _regPtrs, GprCount);
        for (int i = 0; i < GprCount; i++)
            final.R[i] = _regVals[i];
        uint v;
        UcNative.RegRead(_uc, UcConst.UC_ARM_REG_CPSR, &v);
        final.Cpsr = v;
        UcNative.RegRead(_uc, UcConst.UC_ARM_REG_SPSR, &v);
        final.Spsr = v;
        fixed (ulong* d = final.D)
        {
            for (int i = 0; i < 32; i++)
                UcNative.RegRead(_uc, UcConst.UC_ARM_REG_D0 + i, d + i);
        }
        UcNative.RegRead(_uc, UcConst.UC_ARM_REG_FPSCR, &v);
        final.Fpscr = v;
        fixed (byte* data = final.Data)
            Check(UcNative.MemRead(_uc, Layout.DataBase, data, Layout.DataSize), "uc_mem_read(data)");
    }

    private static void Classify(UcErr err, int intno, MachineState final)
    {
        final.Detail = 0;
        if (intno >= 0)
        {
            final.Detail = intno;
            final.Outcome = intno switch
            {
                UcConst.EXCP_UDEF => Outcome.Undefined,
                UcConst.EXCP_SWI => Outcome.Svc,
                UcConst.EXCP_HVC => Outcome.Hvc,
                UcConst.EXCP_SMC => Outcome.Smc,
                UcConst.EXCP_BKPT => Outcome.Breakpoint,
                UcConst.EXCP_DATA_ABORT => Outcome.DataAbort,
                UcConst.EXCP_PREFETCH_ABORT => Outcome.PrefetchAbort,
                _ => Outcome.Other,
            };
            return;
        }
        final.Detail = (int)err;
        final.Outcome = err switch
        {
            UcErr.Ok => Outcome.Completed,
            UcErr.InsnInvalid => Outcome.Undefined,
            UcErr.ReadUnmapped or UcErr.WriteUnmapped or UcErr.ReadProt or UcErr.WriteProt
                or UcErr.ReadUnaligned or UcErr.WriteUnaligned => Outcome.DataAbort,
            UcErr.FetchUnmapped or UcErr.FetchProt or UcErr.FetchUnaligned => Outcome.PrefetchAbort,
            _ => Outcome.Other,
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Check(UcErr err, string what)
    {
        if (err != UcErr.Ok)
            throw new InvalidOperationException($"unicorn: {what} failed: {err}");
    }

    public void Dispose()
    {
        if (_uc != 0)
        {
            UcNative.HookDel(_uc, _hook);
            UcNative.Close(_uc);
            _uc = 0;
            NativeMemory.Free(_intno);
            NativeMemory.Free(_regIds);
            NativeMemory.Free(_regPtrs);
            NativeMemory.Free(_regVals);
        }
    }
}
