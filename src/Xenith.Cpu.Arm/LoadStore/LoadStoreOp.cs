namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>Operations of <see cref="OpGroup.LoadStore"/>: values 0x0200–0x02ff.</summary>
public enum LoadStoreOp : ushort
{
    First = 0x0200,
}
