using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct ring_shared of libxenvchan: one ring's free-running indices.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VchanRingShared
{
    /// <summary>sizeof.</summary>
    public const int Size = 8;
    /// <summary>cons.</summary>
    [FieldOffset(0)] public uint Cons;
    /// <summary>prod.</summary>
    [FieldOffset(4)] public uint Prod;
}

/// <summary>
/// struct vchan_interface header (spec 11.1): the control page granted by the server. The left ring
/// is written by the client, the right ring by the server; grants[] follows at <see cref="GrantsOffset"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VchanInterface
{
    /// <summary>sizeof of the header (grants[] is a flexible array).</summary>
    public const int Size = 24;
    /// <summary>offsetof(grants): uint32 grant refs, left ring's pages first.</summary>
    public const int GrantsOffset = 24;
    /// <summary>left (client → server ring indices).</summary>
    [FieldOffset(0)] public VchanRingShared Left;
    /// <summary>right (server → client ring indices).</summary>
    [FieldOffset(8)] public VchanRingShared Right;
    /// <summary>left_order: log2 of the left ring's size.</summary>
    [FieldOffset(16)] public ushort LeftOrder;
    /// <summary>right_order: log2 of the right ring's size.</summary>
    [FieldOffset(18)] public ushort RightOrder;
    /// <summary>cli_live: 0 exited, 1 connected, 2 not yet connected.</summary>
    [FieldOffset(20)] public byte CliLive;
    /// <summary>srv_live: 0 exited, 1 connected.</summary>
    [FieldOffset(21)] public byte SrvLive;
    /// <summary>cli_notify: VCHAN_NOTIFY_* bits the client must honour.</summary>
    [FieldOffset(22)] public byte CliNotify;
    /// <summary>srv_notify: VCHAN_NOTIFY_* bits the server must honour.</summary>
    [FieldOffset(23)] public byte SrvNotify;
}

/// <summary>libxenvchan constants (spec 11.1).</summary>
public static class Vchan
{
    /// <summary>VCHAN_NOTIFY_WRITE: notify me when data is written.</summary>
    public const byte NotifyWrite = 1;
    /// <summary>VCHAN_NOTIFY_READ: notify me when data is consumed.</summary>
    public const byte NotifyRead = 2;
    /// <summary>Smallest ring order (1024 bytes, in-page at offset 1024).</summary>
    public const int MinOrder = 10;
    /// <summary>Largest ring order (1 MiB of granted pages).</summary>
    public const int MaxOrder = 20;
    /// <summary>Order of the in-page ring at offset 2048.</summary>
    public const int InPageOrder2048 = 11;
    /// <summary>Offset in the control page of an order-10 ring.</summary>
    public const int Order10Offset = 1024;
    /// <summary>Offset in the control page of an order-11 ring.</summary>
    public const int Order11Offset = 2048;
    /// <summary>cli_live / srv_live: exited.</summary>
    public const byte LiveExited = 0;
    /// <summary>cli_live / srv_live: connected.</summary>
    public const byte LiveConnected = 1;
    /// <summary>cli_live: client not yet connected.</summary>
    public const byte LiveNotYetConnected = 2;
}
