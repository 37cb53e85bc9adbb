namespace Xenith.XenStore;

/// <summary>
/// The errno names xenstored puts in an XS_ERROR payload (spec 8.4). The member name is the wire string;
/// the order follows xsd_errors[] so EINVAL (the fallback for untranslatable errors) comes first.
/// </summary>
public enum XsError
{
    /// <summary>Bad path, malformed payload, bad argument.</summary>
    EINVAL,
    /// <summary>Permission denied.</summary>
    EACCES,
    /// <summary>Already exists (a duplicate watch).</summary>
    EEXIST,
    /// <summary>Is a directory.</summary>
    EISDIR,
    /// <summary>No such node, transaction or domain.</summary>
    ENOENT,
    /// <summary>Out of memory, or the per-domain memory quota.</summary>
    ENOMEM,
    /// <summary>A quota (nodes, node size, watches, transactions, permissions) was hit.</summary>
    ENOSPC,
    /// <summary>I/O error.</summary>
    EIO,
    /// <summary>Not empty.</summary>
    ENOTEMPTY,
    /// <summary>Unknown or unsupported message type.</summary>
    ENOSYS,
    /// <summary>Read-only.</summary>
    EROFS,
    /// <summary>Busy: a nested TRANSACTION_START.</summary>
    EBUSY,
    /// <summary>Transaction conflict at commit: retry it.</summary>
    EAGAIN,
    /// <summary>Already connected.</summary>
    EISCONN,
    /// <summary>A reply larger than XENSTORE_PAYLOAD_MAX.</summary>
    E2BIG,
    /// <summary>Operation not permitted (an unprivileged domain changing a node's owner).</summary>
    EPERM,
}

/// <summary>A XenStore request failed with the errno xenstored would send.</summary>
public sealed class XenStoreException : Exception
{
    /// <summary>Creates an EINVAL error.</summary>
    public XenStoreException() : this(XsError.EINVAL) { }

    /// <summary>Creates an error from its errno.</summary>
    public XenStoreException(XsError error) : base(error.ToString()) => Error = error;

    /// <summary>Creates an EINVAL error with a message.</summary>
    public XenStoreException(string message) : base(message) => Error = XsError.EINVAL;

    /// <summary>Creates an EINVAL error with a message and cause.</summary>
    public XenStoreException(string message, Exception innerException) : base(message, innerException) => Error = XsError.EINVAL;

    /// <summary>Creates an error from its errno with a message naming the request.</summary>
    public XenStoreException(XsError error, string message) : base(message) => Error = error;

    /// <summary>The errno name sent on the wire.</summary>
    public XsError Error { get; }
}
