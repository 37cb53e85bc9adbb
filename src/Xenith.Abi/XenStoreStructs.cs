using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct xenstore_domain_interface: the XenStore ring page (spec 8.1).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenstoreDomainInterface
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 2080;
    /// <summary>req[1024]: guest → server bytes.</summary>
    [FieldOffset(0)] public fixed byte Req[XenStore.RingSize];
    /// <summary>rsp[1024]: server → guest bytes (replies and watch events).</summary>
    [FieldOffset(1024)] public fixed byte Rsp[XenStore.RingSize];
    /// <summary>req_cons (XENSTORE_RING_IDX).</summary>
    [FieldOffset(2048)] public uint ReqCons;
    /// <summary>req_prod.</summary>
    [FieldOffset(2052)] public uint ReqProd;
    /// <summary>rsp_cons.</summary>
    [FieldOffset(2056)] public uint RspCons;
    /// <summary>rsp_prod.</summary>
    [FieldOffset(2060)] public uint RspProd;
    /// <summary>server_features: XENSTORE_SERVER_FEATURE_* bits.</summary>
    [FieldOffset(2064)] public uint ServerFeatures;
    /// <summary>connection: XENSTORE_CONNECTED / XENSTORE_RECONNECT.</summary>
    [FieldOffset(2068)] public uint Connection;
    /// <summary>error: XENSTORE_ERROR_*.</summary>
    [FieldOffset(2072)] public uint Error;
    /// <summary>evtchn_port (dom0less only; leave 0).</summary>
    [FieldOffset(2076)] public uint EvtchnPort;
}

/// <summary>struct xsd_sockmsg: the header before every XenStore payload (spec 8.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XsdSockmsg
{
    /// <summary>sizeof.</summary>
    public const int Size = 16;
    /// <summary>type: XS_*.</summary>
    [FieldOffset(0)] public uint Type;
    /// <summary>req_id: echoed in the reply.</summary>
    [FieldOffset(4)] public uint ReqId;
    /// <summary>tx_id: transaction id, 0 = none.</summary>
    [FieldOffset(8)] public uint TxId;
    /// <summary>len: payload bytes (≤ XENSTORE_PAYLOAD_MAX).</summary>
    [FieldOffset(12)] public uint Len;
}
