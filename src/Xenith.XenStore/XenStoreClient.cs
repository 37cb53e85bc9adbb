using System.Text;
using Xenith.Abi;

using XsAbi = Xenith.Abi.XenStore;

namespace Xenith.XenStore;

/// <summary>
/// An in-process client (the toolstack or a backend in domain 0). Requests go through the same dispatcher as
/// guest messages, so semantics and errors are identical; failures throw <see cref="XenStoreException"/>.
/// Watch callbacks run on the thread of the operation that fired them, after the store lock is released.
/// </summary>
public sealed class XenStoreClient : IDisposable
{
    readonly Dictionary<string, Action<string, string>> _callbacks = new(StringComparer.Ordinal);
    uint _nextReqId = 1;

    internal XenStoreClient(XenStoreDaemon daemon, int domid, bool privileged)
    {
        Daemon = daemon;
        Connection = new LocalConnection(daemon, domid, privileged, this);
    }

    XenStoreDaemon Daemon { get; }
    internal LocalConnection Connection { get; }

    /// <summary>The client's domain (0 for the toolstack).</summary>
    public int DomId => Connection.DomId;

    /// <summary>Sends one request and returns the reply payload; an XS_ERROR reply throws.</summary>
    public byte[] Request(XsdSockmsgType type, ReadOnlySpan<byte> payload, uint tx = 0)
    {
        if (payload.Length > XsAbi.PayloadMax) throw new XenStoreException(XsError.E2BIG, $"{type}: payload over {XsAbi.PayloadMax} bytes");
        byte[] reply;
        lock (Daemon.Gate)
        {
            ObjectDisposedException.ThrowIf(Connection.IsClosed, this);
            var header = new XsdSockmsg { Type = (uint)type, ReqId = _nextReqId++, TxId = tx, Len = (uint)payload.Length };
            Daemon.Dispatcher.Process(Connection, header, payload);
            reply = Connection.TakeReply();
            Daemon.AfterOperationLocked();
        }
        Daemon.DeliverLocalEvents();
        XsdSockmsg h = XsMessage.ReadHeader(reply);
        byte[] body = reply[XsdSockmsg.Size..];
        if (h.Type == (uint)XsdSockmsgType.Error)
        {
            string name = Encoding.Latin1.GetString(body).TrimEnd('\0');
            XsError error = Enum.TryParse(name, out XsError e) ? e : XsError.EINVAL;
            throw new XenStoreException(error, $"xenstore {type}: {name}");
        }
        return body;
    }

    static byte[] PathArg(string path) => XsMessage.Strings(path);

    /// <summary>XS_READ: the value's bytes.</summary>
    public byte[] Read(string path, uint tx = 0) => Request(XsdSockmsgType.Read, PathArg(path), tx);

    /// <summary>XS_READ as UTF-8 text.</summary>
    public string ReadString(string path, uint tx = 0) => Encoding.UTF8.GetString(Read(path, tx));

    /// <summary>XS_READ as UTF-8 text, or null when the node does not exist.</summary>
    public string? TryReadString(string path, uint tx = 0)
    {
        try { return ReadString(path, tx); }
        catch (XenStoreException e) when (e.Error == XsError.ENOENT) { return null; }
    }

    /// <summary>XS_WRITE: creates the node and missing ancestors, sets the value.</summary>
    public void Write(string path, ReadOnlySpan<byte> value, uint tx = 0)
    {
        byte[] p = PathArg(path);
        Request(XsdSockmsgType.Write, [.. p, .. value], tx);
    }

    /// <summary>XS_WRITE of UTF-8 text.</summary>
    public void Write(string path, string value, uint tx = 0) => Write(path, Encoding.UTF8.GetBytes(value), tx);

    /// <summary>XS_MKDIR.</summary>
    public void Mkdir(string path, uint tx = 0) => Request(XsdSockmsgType.Mkdir, PathArg(path), tx);

    /// <summary>XS_RM: the node and its subtree.</summary>
    public void Rm(string path, uint tx = 0) => Request(XsdSockmsgType.Rm, PathArg(path), tx);

    /// <summary>XS_DIRECTORY: child names in creation order.</summary>
    public IReadOnlyList<string> Directory(string path, uint tx = 0) =>
        XsMessage.SplitStrings(Request(XsdSockmsgType.Directory, PathArg(path), tx));

    /// <summary>XS_GET_PERMS.</summary>
    public IReadOnlyList<XsPerm> GetPermissions(string path, uint tx = 0) =>
        [.. XsMessage.SplitStrings(Request(XsdSockmsgType.GetPerms, PathArg(path), tx)).Select(XsPerm.Parse)];

    /// <summary>XS_SET_PERMS: entry 0 is the owner and the access of every domain not listed.</summary>
    public void SetPermissions(string path, IEnumerable<XsPerm> perms, uint tx = 0) =>
        Request(XsdSockmsgType.SetPerms, XsMessage.Strings([path, .. perms.Select(p => p.ToString())]), tx);

    /// <summary>XS_SET_PERMS without a transaction.</summary>
    public void SetPermissions(string path, params XsPerm[] perms) => SetPermissions(path, perms, 0);

    /// <summary>
    /// XS_WATCH: <paramref name="callback"/>(event path, token) runs once at once, then on every change at or
    /// below <paramref name="path"/> (or on @introduceDomain / @releaseDomain). The token selects the callback.
    /// </summary>
    public void Watch(string path, string token, Action<string, string> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_callbacks) _callbacks[token] = callback;
        try { Request(XsdSockmsgType.Watch, XsMessage.Strings(path, token)); }
        catch (XenStoreException) { lock (_callbacks) _callbacks.Remove(token); throw; }
    }

    /// <summary>XS_UNWATCH.</summary>
    public void Unwatch(string path, string token) => Request(XsdSockmsgType.Unwatch, XsMessage.Strings(path, token));

    /// <summary>XS_TRANSACTION_START: the id to pass as tx.</summary>
    public uint TransactionStart() =>
        uint.Parse(XsMessage.SplitStrings(Request(XsdSockmsgType.TransactionStart, [0]))[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>XS_TRANSACTION_END: true when committed (or aborted as asked), false on a conflict (EAGAIN).</summary>
    public bool TransactionEnd(uint tx, bool commit)
    {
        try { Request(XsdSockmsgType.TransactionEnd, XsMessage.Strings(commit ? "T" : "F"), tx); return true; }
        catch (XenStoreException e) when (e.Error == XsError.EAGAIN) { return false; }
    }

    /// <summary>Runs <paramref name="body"/> in a transaction and commits, retrying on EAGAIN up to <paramref name="attempts"/> times.</summary>
    public void Transaction(Action<uint> body, int attempts = 16)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (int i = 0; i < attempts; i++)
        {
            uint tx = TransactionStart();
            try { body(tx); }
            catch { TransactionEnd(tx, commit: false); throw; }
            if (TransactionEnd(tx, commit: true)) return;
        }
        throw new XenStoreException(XsError.EAGAIN, $"xenstore transaction: conflict after {attempts} attempts");
    }

    /// <summary>XS_GET_DOMAIN_PATH.</summary>
    public string GetDomainPath(int domid) =>
        XsMessage.SplitStrings(Request(XsdSockmsgType.GetDomainPath, XsMessage.Strings(domid.ToString(System.Globalization.CultureInfo.InvariantCulture))))[0];

    internal void DeliverEvents()
    {
        // Bounded by what is queued now plus what callbacks add; the daemon's delivery loop caps the total.
        for (int guard = 0; guard < 100_000 && Connection.TryTakeOutput(out byte[] m); guard++)
        {
            List<string> s = XsMessage.SplitStrings(m.AsSpan(XsdSockmsg.Size));
            if (s.Count < 2) continue;
            Action<string, string>? cb;
            lock (_callbacks) cb = _callbacks.GetValueOrDefault(s[1]);
            cb?.Invoke(s[0], s[1]);
        }
    }

    /// <summary>Closes the connection: its watches and open transactions are dropped.</summary>
    public void Dispose() => Connection.Disconnect();
}

/// <summary>The connection behind a <see cref="XenStoreClient"/>: replies go straight back to the caller.</summary>
internal sealed class LocalConnection(XenStoreDaemon daemon, int domid, bool privileged, XenStoreClient client)
    : XsConnection(daemon, domid, privileged)
{
    byte[]? _reply;

    public XenStoreClient Client { get; } = client;

    internal override bool IsLocal => true;

    internal override void EnqueueReply(byte[] message) => _reply = message;

    public byte[] TakeReply()
    {
        byte[] r = _reply ?? throw new InvalidOperationException("xenstore: request produced no reply");
        _reply = null;
        return r;
    }
}
