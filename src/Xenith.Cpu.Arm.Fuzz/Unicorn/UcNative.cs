using System.Runtime.InteropServices;

namespace Xenith.Cpu.Arm.Fuzz.Unicorn;

/// <summary>
/// The few libunicorn 2 entry points the oracle needs (Debian's libunicorn.so.2, 2.0.1).
/// uc_ctl and uc_hook_add are variadic in C; on x86-64 SysV a fixed signature with the exact
/// argument shape we pass is call-compatible.
/// </summary>
internal static unsafe partial class UcNative
{
    private const string Lib = "libunicorn.so.2";

    [LibraryImport(Lib, EntryPoint = "uc_version")]
    internal static partial uint Version(uint* major, uint* minor);

    [LibraryImport(Lib, EntryPoint = "uc_open")]
    internal static partial UcErr Open(int arch, int mode, out nint uc);

    [LibraryImport(Lib, EntryPoint = "uc_close")]
    internal static partial UcErr Close(nint uc);

    /// <summary>uc_ctl(uc, control, int arg): used for UC_CTL_CPU_MODEL.</summary>
    [LibraryImport(Lib, EntryPoint = "uc_ctl")]
    internal static partial UcErr CtlInt(nint uc, int control, int arg);

    /// <summary>uc_ctl(uc, control, uint64 begin, uint64 end): used for UC_CTL_TB_REMOVE_CACHE.</summary>
    [LibraryImport(Lib, EntryPoint = "uc_ctl")]
    internal static partial UcErr CtlRange(nint uc, int control, ulong begin, ulong end);

    [LibraryImport(Lib, EntryPoint = "uc_mem_map")]
    internal static partial UcErr MemMap(nint uc, ulong address, nuint size, uint perms);

    [LibraryImport(Lib, EntryPoint = "uc_mem_write")]
    internal static partial UcErr MemWrite(nint uc, ulong address, void* bytes, nuint size);

    [LibraryImport(Lib, EntryPoint = "uc_mem_read")]
    internal static partial UcErr MemRead(nint uc, ulong address, void* bytes, nuint size);

    [LibraryImport(Lib, EntryPoint = "uc_reg_write")]
    internal static partial UcErr RegWrite(nint uc, int regid, void* value);

    [LibraryImport(Lib, EntryPoint = "uc_reg_read")]
    internal static partial UcErr RegRead(nint uc, int regid, void* value);

    [LibraryImport(Lib, EntryPoint = "uc_reg_write_batch")]
    internal static partial UcErr RegWriteBatch(nint uc, int* regs, void** values, int count);

    [LibraryImport(Lib, EntryPoint = "uc_reg_read_batch")]
    internal static partial UcErr RegReadBatch(nint uc, int* regs, void** values, int count);

    [LibraryImport(Lib, EntryPoint = "uc_emu_start")]
    internal static partial UcErr EmuStart(nint uc, ulong begin, ulong until, ulong timeout, nuint count);

    [LibraryImport(Lib, EntryPoint = "uc_emu_stop")]
    internal static partial UcErr EmuStop(nint uc);

    /// <summary>uc_hook_add without the variadic tail (UC_HOOK_INTR takes none).</summary>
    [LibraryImport(Lib, EntryPoint = "uc_hook_add")]
    internal static partial UcErr HookAdd(nint uc, out nuint hook, int type, void* callback, void* userData, ulong begin, ulong end);

    [LibraryImport(Lib, EntryPoint = "uc_hook_del")]
    internal static partial UcErr HookDel(nint uc, nuint hook);
}
