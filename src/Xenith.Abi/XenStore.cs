namespace Xenith.Abi;

/// <summary>XenStore message types (enum xsd_sockmsg_type, XS_*, spec 8.3).</summary>
public enum XsdSockmsgType : uint
{
    /// <summary>XS_CONTROL (alias XS_DEBUG).</summary>
    Control = 0,
    /// <summary>XS_DIRECTORY.</summary>
    Directory = 1,
    /// <summary>XS_READ.</summary>
    Read = 2,
    /// <summary>XS_GET_PERMS.</summary>
    GetPerms = 3,
    /// <summary>XS_WATCH.</summary>
    Watch = 4,
    /// <summary>XS_UNWATCH.</summary>
    Unwatch = 5,
    /// <summary>XS_TRANSACTION_START.</summary>
    TransactionStart = 6,
    /// <summary>XS_TRANSACTION_END.</summary>
    TransactionEnd = 7,
    /// <summary>XS_INTRODUCE.</summary>
    Introduce = 8,
    /// <summary>XS_RELEASE.</summary>
    Release = 9,
    /// <summary>XS_GET_DOMAIN_PATH.</summary>
    GetDomainPath = 10,
    /// <summary>XS_WRITE.</summary>
    Write = 11,
    /// <summary>XS_MKDIR.</summary>
    Mkdir = 12,
    /// <summary>XS_RM.</summary>
    Rm = 13,
    /// <summary>XS_SET_PERMS.</summary>
    SetPerms = 14,
    /// <summary>XS_WATCH_EVENT (server → client only).</summary>
    WatchEvent = 15,
    /// <summary>XS_ERROR (server → client only).</summary>
    Error = 16,
    /// <summary>XS_IS_DOMAIN_INTRODUCED.</summary>
    IsDomainIntroduced = 17,
    /// <summary>XS_RESUME.</summary>
    Resume = 18,
    /// <summary>XS_SET_TARGET.</summary>
    SetTarget = 19,
    /// <summary>XS_RESTRICT (removed, invalid).</summary>
    Restrict = 20,
    /// <summary>XS_RESET_WATCHES.</summary>
    ResetWatches = 21,
    /// <summary>XS_DIRECTORY_PART.</summary>
    DirectoryPart = 22,
    /// <summary>XS_GET_FEATURE.</summary>
    GetFeature = 23,
    /// <summary>XS_SET_FEATURE.</summary>
    SetFeature = 24,
    /// <summary>XS_GET_QUOTA.</summary>
    GetQuota = 25,
    /// <summary>XS_SET_QUOTA.</summary>
    SetQuota = 26,
    /// <summary>XS_INVALID: never valid.</summary>
    Invalid = 0xFFFF,
}

/// <summary>enum xenbus_state (XenbusState*, spec 8.7), written as decimal strings to …/state.</summary>
public enum XenbusState
{
    /// <summary>XenbusStateUnknown.</summary>
    Unknown = 0,
    /// <summary>XenbusStateInitialising.</summary>
    Initialising = 1,
    /// <summary>XenbusStateInitWait.</summary>
    InitWait = 2,
    /// <summary>XenbusStateInitialised.</summary>
    Initialised = 3,
    /// <summary>XenbusStateConnected.</summary>
    Connected = 4,
    /// <summary>XenbusStateClosing.</summary>
    Closing = 5,
    /// <summary>XenbusStateClosed.</summary>
    Closed = 6,
    /// <summary>XenbusStateReconfiguring.</summary>
    Reconfiguring = 7,
    /// <summary>XenbusStateReconfigured.</summary>
    Reconfigured = 8,
}

/// <summary>XenStore ring and protocol limits (spec 8.1, 8.2).</summary>
public static class XenStore
{
    /// <summary>XENSTORE_RING_SIZE: bytes in each of req[] and rsp[].</summary>
    public const int RingSize = 1024;
    /// <summary>XENSTORE_PAYLOAD_MAX.</summary>
    public const int PayloadMax = 4096;
    /// <summary>XENSTORE_ABS_PATH_MAX.</summary>
    public const int AbsPathMax = 3072;
    /// <summary>XENSTORE_REL_PATH_MAX.</summary>
    public const int RelPathMax = 2048;
    /// <summary>XENSTORE_CONNECTED (connection field).</summary>
    public const uint Connected = 0;
    /// <summary>XENSTORE_RECONNECT (connection field).</summary>
    public const uint Reconnect = 1;
    /// <summary>XENSTORE_ERROR_NONE.</summary>
    public const uint ErrorNone = 0;
    /// <summary>XENSTORE_ERROR_COMM.</summary>
    public const uint ErrorComm = 1;
    /// <summary>XENSTORE_ERROR_RINGIDX.</summary>
    public const uint ErrorRingIdx = 2;
    /// <summary>XENSTORE_ERROR_PROTO.</summary>
    public const uint ErrorProto = 3;
    /// <summary>XENSTORE_SERVER_FEATURE_RECONNECTION.</summary>
    public const uint FeatureReconnection = 1;
    /// <summary>XENSTORE_SERVER_FEATURE_ERROR.</summary>
    public const uint FeatureError = 2;
    /// <summary>XENSTORE_SERVER_FEATURE_WATCHDEPTH.</summary>
    public const uint FeatureWatchDepth = 4;
    /// <summary>XENSTORE_SERVER_FEATURE_DOMID_ANY (DOMID_ANY in permissions).</summary>
    public const uint FeatureDomidAny = 8;
}
