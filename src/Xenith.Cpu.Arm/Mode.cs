namespace Xenith.Cpu.Arm;

/// <summary>Processor modes, CPSR.M encodings.</summary>
public enum Mode : byte
{
    User = 0x10,
    Fiq = 0x11,
    Irq = 0x12,
    Supervisor = 0x13,
    Monitor = 0x16,
    Abort = 0x17,
    Hyp = 0x1a,
    Undefined = 0x1b,
    System = 0x1f,
}
