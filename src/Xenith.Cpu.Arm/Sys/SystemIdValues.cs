namespace Xenith.Cpu.Arm.Sys;

/// <summary>
/// Identification register values of a CPU model that <see cref="CpuProfile"/> does not carry,
/// as QEMU's models give them (target/arm/tcg/cpu32.c). Keyed by <see cref="CpuProfile.Name"/>.
/// </summary>
public sealed class SystemIdValues
{
    public uint Ctr, Revidr, IdPfr0, IdPfr1, IdDfr0, IdAfr0;
    public uint IdMmfr0, IdMmfr1, IdMmfr2, IdMmfr3;
    public uint IdIsar0, IdIsar1, IdIsar2, IdIsar3, IdIsar4, IdIsar5;
    public uint Clidr;
    /// <summary>CCSIDR by CSSELR (Level:InD); unimplemented caches read as 0.</summary>
    public uint[] Ccsidr = new uint[16];
    /// <summary>Multiprocessing Extensions: MPIDR bit 31 set (the MP format).</summary>
    public bool MpExtensions;
    public uint ResetActlr;
    /// <summary>Has the implementation-defined L2CTLR/L2ECTLR registers (Cortex-A15).</summary>
    public bool HasL2ctlr;

    public static SystemIdValues CortexA15 { get; } = new()
    {
        Ctr = 0x8444c004,
        IdPfr0 = 0x00001131,
        IdPfr1 = 0x00011011,
        IdDfr0 = 0x02010555,
        IdMmfr0 = 0x10201105,
        IdMmfr1 = 0x20000000,
        IdMmfr2 = 0x01240000,
        IdMmfr3 = 0x02102211,
        IdIsar0 = 0x02101110,
        IdIsar1 = 0x13112111,
        IdIsar2 = 0x21232041,
        IdIsar3 = 0x11112131,
        IdIsar4 = 0x10011142,
        Clidr = 0x0a200023,
        Ccsidr = [0x701fe00a, 0x201fe00a, 0x711fe07a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        MpExtensions = true,
        HasL2ctlr = true,
    };

    public static SystemIdValues CortexA8 { get; } = new()
    {
        Ctr = 0x82048004,
        IdPfr0 = 0x1031,
        IdPfr1 = 0x11,
        IdDfr0 = 0x400,
        IdMmfr0 = 0x31100003,
        IdMmfr1 = 0x20000000,
        IdMmfr2 = 0x01202000,
        IdMmfr3 = 0x11,
        IdIsar0 = 0x00101111,
        IdIsar1 = 0x12112111,
        IdIsar2 = 0x21232031,
        IdIsar3 = 0x11112131,
        IdIsar4 = 0x00111142,
        Clidr = (1u << 27) | (2u << 24) | 3,
        Ccsidr = [0xe007e01a, 0x2007e01a, 0xf0000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ResetActlr = 2,
    };

    public static SystemIdValues For(CpuProfile profile) => profile.Name == "cortex-a8" ? CortexA8 : CortexA15;
}
