namespace Xenith.Cpu.Arm.Fuzz.Unicorn;

/// <summary>uc_err (unicorn.h, 2.0.1). Values checked against the library by experiment.</summary>
internal enum UcErr
{
    Ok = 0,
    NoMem = 1,
    Arch = 2,
    Handle = 3,
    Mode = 4,
    Version = 5,
    ReadUnmapped = 6,
    WriteUnmapped = 7,
    FetchUnmapped = 8,
    Hook = 9,
    InsnInvalid = 10,
    Map = 11,
    WriteProt = 12,
    ReadProt = 13,
    FetchProt = 14,
    Arg = 15,
    ReadUnaligned = 16,
    WriteUnaligned = 17,
    FetchUnaligned = 18,
    HookExist = 19,
    Resource = 20,
    Exception = 21,
}

/// <summary>Constants from unicorn.h and arm.h (2.0.1; arm.h there already has MVFR2, so R0 is 66).</summary>
internal static class UcConst
{
    public const int UC_ARCH_ARM = 1;
    public const int UC_MODE_ARM = 0;
    public const int UC_PROT_READ = 1;
    public const int UC_PROT_WRITE = 2;
    public const int UC_PROT_ALL = 7;
    public const int UC_HOOK_INTR = 1;

    // uc_control_type and UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30 (UC_CTL_IO_WRITE = 1).
    public const int UC_CTL_CPU_MODEL = 7;
    public const int UC_CTL_TB_REMOVE_CACHE = 9;
    public static int CtlWrite(int type, int argCount) => type | (argCount << 26) | (1 << 30);

    public const int UC_CPU_ARM_CORTEX_A15 = 17;

    public const int UC_ARM_REG_CPSR = 3;
    public const int UC_ARM_REG_FPEXC = 4;
    public const int UC_ARM_REG_FPSCR = 6;
    public const int UC_ARM_REG_LR = 10;
    public const int UC_ARM_REG_PC = 11;
    public const int UC_ARM_REG_SP = 12;
    public const int UC_ARM_REG_SPSR = 13;
    public const int UC_ARM_REG_D0 = 14;
    public const int UC_ARM_REG_R0 = 66;
    public const int UC_ARM_REG_C1_C0_2 = 111; // CPACR

    // QEMU's exception numbers as passed to UC_HOOK_INTR (target/arm/cpu.h).
    public const int EXCP_UDEF = 1;
    public const int EXCP_SWI = 2;
    public const int EXCP_PREFETCH_ABORT = 3;
    public const int EXCP_DATA_ABORT = 4;
    public const int EXCP_BKPT = 7;
    public const int EXCP_HVC = 11;
    public const int EXCP_SMC = 13;

    /// <summary>Register number of R0–R15.</summary>
    public static int Reg(int n) => n switch
    {
        13 => UC_ARM_REG_SP,
        14 => UC_ARM_REG_LR,
        15 => UC_ARM_REG_PC,
        _ => UC_ARM_REG_R0 + n,
    };
}
