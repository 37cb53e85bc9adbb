using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>PV console ring constants (spec 9.1).</summary>
public static class XenCons
{
    /// <summary>Bytes of in[] (backend → guest).</summary>
    public const int InSize = 1024;
    /// <summary>Bytes of out[] (guest → backend).</summary>
    public const int OutSize = 2048;
    /// <summary>XENCONSOLE_CONNECTED.</summary>
    public const byte Connected = 0;
    /// <summary>XENCONSOLE_DISCONNECTED.</summary>
    public const byte Disconnected = 1;
}

/// <summary>struct xencons_interface: the PV console ring page (spec 9.1).</summary>
/// <remarks>The spec gives offsets only; Size is the C sizeof (3089 bytes of fields rounded to 4-byte alignment).</remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenconsInterface
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 3092;
    /// <summary>in[1024]: keyboard input for the guest.</summary>
    [FieldOffset(0)] public fixed byte In[XenCons.InSize];
    /// <summary>out[2048]: console output from the guest.</summary>
    [FieldOffset(1024)] public fixed byte Out[XenCons.OutSize];
    /// <summary>in_cons (XENCONS_RING_IDX): guest-advanced.</summary>
    [FieldOffset(3072)] public uint InCons;
    /// <summary>in_prod: backend-advanced.</summary>
    [FieldOffset(3076)] public uint InProd;
    /// <summary>out_cons: backend-advanced.</summary>
    [FieldOffset(3080)] public uint OutCons;
    /// <summary>out_prod: guest-advanced.</summary>
    [FieldOffset(3084)] public uint OutProd;
    /// <summary>connection: XENCONSOLE_CONNECTED / _DISCONNECTED (newer field).</summary>
    [FieldOffset(3088)] public byte Connection;
}
