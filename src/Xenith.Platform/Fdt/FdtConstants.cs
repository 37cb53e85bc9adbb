namespace Xenith.Platform.Fdt;

/// <summary>Numbers of the flattened device tree format (Devicetree Specification v0.4, chapter 5).</summary>
internal static class FdtConstants
{
    public const uint Magic = 0xD00D_FEED;
    public const uint Version = 17;
    /// <summary>The oldest version a v17 blob stays compatible with.</summary>
    public const uint LastCompatibleVersion = 16;
    public const int HeaderSize = 40;

    public const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;
}
