namespace Xenith.Abi;

/// <summary>
/// Xen error numbers (XEN_Exxx, spec 1.2). Hypercalls return them negated in r0; the names and
/// values are Xen's, which match Linux's asm-generic errnos for the ones listed.
/// </summary>
public enum XenErrno
{
    /// <summary>XEN_EPERM: operation not permitted.</summary>
    EPERM = 1,
    /// <summary>XEN_ENOENT: no such file or directory.</summary>
    ENOENT = 2,
    /// <summary>XEN_ESRCH: no such process (Xen: no such domain).</summary>
    ESRCH = 3,
    /// <summary>XEN_EINTR.</summary>
    EINTR = 4,
    /// <summary>XEN_EIO.</summary>
    EIO = 5,
    /// <summary>XEN_ENXIO.</summary>
    ENXIO = 6,
    /// <summary>XEN_E2BIG.</summary>
    E2BIG = 7,
    /// <summary>XEN_ENOEXEC.</summary>
    ENOEXEC = 8,
    /// <summary>XEN_EBADF.</summary>
    EBADF = 9,
    /// <summary>XEN_ECHILD.</summary>
    ECHILD = 10,
    /// <summary>XEN_EAGAIN.</summary>
    EAGAIN = 11,
    /// <summary>XEN_ENOMEM.</summary>
    ENOMEM = 12,
    /// <summary>XEN_EACCES.</summary>
    EACCES = 13,
    /// <summary>XEN_EFAULT: bad guest pointer.</summary>
    EFAULT = 14,
    /// <summary>XEN_EBUSY.</summary>
    EBUSY = 16,
    /// <summary>XEN_EEXIST.</summary>
    EEXIST = 17,
    /// <summary>XEN_EXDEV.</summary>
    EXDEV = 18,
    /// <summary>XEN_ENODEV.</summary>
    ENODEV = 19,
    /// <summary>XEN_ENOTDIR.</summary>
    ENOTDIR = 20,
    /// <summary>XEN_EISDIR.</summary>
    EISDIR = 21,
    /// <summary>XEN_EINVAL.</summary>
    EINVAL = 22,
    /// <summary>XEN_ENFILE.</summary>
    ENFILE = 23,
    /// <summary>XEN_EMFILE.</summary>
    EMFILE = 24,
    /// <summary>XEN_ENOSPC.</summary>
    ENOSPC = 28,
    /// <summary>XEN_EROFS.</summary>
    EROFS = 30,
    /// <summary>XEN_EMLINK.</summary>
    EMLINK = 31,
    /// <summary>XEN_EDOM.</summary>
    EDOM = 33,
    /// <summary>XEN_ERANGE.</summary>
    ERANGE = 34,
    /// <summary>XEN_EDEADLK.</summary>
    EDEADLK = 35,
    /// <summary>XEN_ENAMETOOLONG.</summary>
    ENAMETOOLONG = 36,
    /// <summary>XEN_ENOLCK.</summary>
    ENOLCK = 37,
    /// <summary>XEN_ENOSYS: hypercall or sub-op not implemented.</summary>
    ENOSYS = 38,
    /// <summary>XEN_ENOTEMPTY.</summary>
    ENOTEMPTY = 39,
    /// <summary>XEN_ENODATA.</summary>
    ENODATA = 61,
    /// <summary>XEN_ETIME.</summary>
    ETIME = 62,
    /// <summary>XEN_EBADMSG.</summary>
    EBADMSG = 74,
    /// <summary>XEN_EOVERFLOW.</summary>
    EOVERFLOW = 75,
    /// <summary>XEN_EILSEQ.</summary>
    EILSEQ = 84,
    /// <summary>XEN_ERESTART: Xen-internal continuation marker.</summary>
    ERESTART = 85,
    /// <summary>XEN_ENOTSOCK.</summary>
    ENOTSOCK = 88,
    /// <summary>XEN_EMSGSIZE.</summary>
    EMSGSIZE = 90,
    /// <summary>XEN_EOPNOTSUPP.</summary>
    EOPNOTSUPP = 95,
    /// <summary>XEN_EADDRINUSE.</summary>
    EADDRINUSE = 98,
    /// <summary>XEN_EADDRNOTAVAIL.</summary>
    EADDRNOTAVAIL = 99,
    /// <summary>XEN_ENOBUFS.</summary>
    ENOBUFS = 105,
    /// <summary>XEN_EISCONN.</summary>
    EISCONN = 106,
    /// <summary>XEN_ENOTCONN.</summary>
    ENOTCONN = 107,
    /// <summary>XEN_ETIMEDOUT.</summary>
    ETIMEDOUT = 110,
    /// <summary>XEN_ECONNREFUSED.</summary>
    ECONNREFUSED = 111,
}

/// <summary>Turns an errno into the value a hypercall returns.</summary>
public static class XenErrnoExtensions
{
    /// <summary>-errno as the signed long a hypercall leaves in r0 (e.g. -38 for ENOSYS).</summary>
    public static long Neg(this XenErrno errno) => -(long)errno;
}
