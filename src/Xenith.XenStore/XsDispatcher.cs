using System.Globalization;
using System.Text;
using Xenith.Abi;

using XsAbi = Xenith.Abi.XenStore;

namespace Xenith.XenStore;

/// <summary>
/// Turns one request into one reply (xenstored's process_message()): message type table, privilege check,
/// transaction lookup, argument parsing, then the operation; any failure becomes an XS_ERROR reply.
/// </summary>
internal sealed class XsDispatcher(XenStoreDaemon daemon)
{
    static readonly byte[] Ok = "OK\0"u8.ToArray();
    readonly XsOperations _ops = new(daemon.Options);
    // Events a request caused go out after its reply, as xenstored holds them behind the pending request.
    readonly List<XsEvent> _afterReply = [];

    static bool Known(XsdSockmsgType t) => t is >= XsdSockmsgType.Control and <= XsdSockmsgType.DirectoryPart
        and not XsdSockmsgType.WatchEvent and not XsdSockmsgType.Error and not XsdSockmsgType.Restrict;

    static bool PrivilegedOnly(XsdSockmsgType t) => t is XsdSockmsgType.Control or XsdSockmsgType.Introduce
        or XsdSockmsgType.Release or XsdSockmsgType.IsDomainIntroduced or XsdSockmsgType.Resume or XsdSockmsgType.SetTarget;

    public void Process(XsConnection conn, XsdSockmsg header, ReadOnlySpan<byte> payload)
    {
        var type = (XsdSockmsgType)header.Type;
        byte[] reply;
        try
        {
            if (!Known(type)) throw new XenStoreException(XsError.ENOSYS);
            if (PrivilegedOnly(type) && !conn.IsPrivileged) throw new XenStoreException(XsError.EACCES);
            XsTransaction? tx = null;
            if (type is not (XsdSockmsgType.Watch or XsdSockmsgType.Unwatch) && header.TxId != 0
                && !conn.Transactions.TryGetValue(header.TxId, out tx))
                throw new XenStoreException(XsError.ENOENT);
            reply = Handle(conn, type, tx, payload);
            if (reply.Length > XsAbi.PayloadMax) throw new XenStoreException(XsError.E2BIG);
        }
        catch (XenStoreException e)
        {
            conn.EnqueueReply(XsMessage.Build(XsdSockmsgType.Error, header.ReqId, header.TxId, XsMessage.Strings(e.Error.ToString())));
            _afterReply.Clear();
            return;
        }
        conn.EnqueueReply(XsMessage.Build(type, header.ReqId, header.TxId, reply));
        daemon.FireLocked(_afterReply);
        _afterReply.Clear();
        // The initial event of a new watch follows its OK, as in xenstored.
        if (type == XsdSockmsgType.Watch && conn.Watches.Count > 0)
        {
            XsWatch w = conn.Watches[^1];
            conn.EnqueueEvent(w.EventPath(w.Node), w.Token);
        }
    }

    static string OneArg(ReadOnlySpan<byte> payload)
    {
        // Exactly one string whose NUL is the last byte.
        int nul = payload.IndexOf((byte)0);
        if (payload.Length == 0 || nul != payload.Length - 1) throw new XenStoreException(XsError.EINVAL);
        return Encoding.Latin1.GetString(payload[..nul]);
    }

    byte[] Handle(XsConnection conn, XsdSockmsgType type, XsTransaction? tx, ReadOnlySpan<byte> payload)
    {
        IXsView view = (IXsView?)tx ?? daemon.Store;
        var events = new List<XsEvent>();
        byte[] reply;
        switch (type)
        {
            case XsdSockmsgType.Read:
                reply = _ops.Read(conn, view, OneArg(payload));
                break;
            case XsdSockmsgType.Directory:
                reply = Children(_ops.Directory(conn, view, OneArg(payload)));
                break;
            case XsdSockmsgType.DirectoryPart:
                reply = DirectoryPart(conn, view, payload);
                break;
            case XsdSockmsgType.GetPerms:
                reply = XsMessage.Strings([.. _ops.GetPerms(conn, view, OneArg(payload)).Select(p => p.ToString())]);
                break;
            case XsdSockmsgType.Write:
            {
                int nul = payload.IndexOf((byte)0);
                if (nul < 0) throw new XenStoreException(XsError.EINVAL);
                _ops.Write(conn, view, Encoding.Latin1.GetString(payload[..nul]), payload[(nul + 1)..].ToArray(), events);
                reply = Ok;
                break;
            }
            case XsdSockmsgType.Mkdir:
                _ops.Mkdir(conn, view, OneArg(payload), events);
                reply = Ok;
                break;
            case XsdSockmsgType.Rm:
                _ops.Rm(conn, view, OneArg(payload), events);
                reply = Ok;
                break;
            case XsdSockmsgType.SetPerms:
                _ops.SetPerms(conn, view, XsMessage.SplitStrings(payload), events);
                reply = Ok;
                break;
            case XsdSockmsgType.Watch:
                AddWatch(conn, XsMessage.SplitStrings(payload));
                reply = Ok;
                break;
            case XsdSockmsgType.Unwatch:
                RemoveWatch(conn, XsMessage.SplitStrings(payload));
                reply = Ok;
                break;
            case XsdSockmsgType.TransactionStart:
                reply = TransactionStart(conn, tx);
                break;
            case XsdSockmsgType.TransactionEnd:
                TransactionEnd(conn, tx, OneArg(payload));
                reply = Ok;
                break;
            case XsdSockmsgType.ResetWatches:
                conn.Watches.Clear();
                conn.Transactions.Clear();
                reply = Ok;
                break;
            case XsdSockmsgType.GetDomainPath:
                reply = XsMessage.Strings(XsPath.DomainPath(XsPath.ParseDomid(OneArg(payload))));
                break;
            case XsdSockmsgType.IsDomainIntroduced:
            {
                int domid = XsPath.ParseDomid(OneArg(payload));
                reply = XsMessage.Strings(domid == DomId.Self || daemon.IsDomainIntroducedLocked(domid) ? "T" : "F");
                break;
            }
            case XsdSockmsgType.Introduce:
                Introduce(XsMessage.SplitStrings(payload));
                reply = Ok;
                break;
            case XsdSockmsgType.Release:
                daemon.ReleaseDomainLocked(KnownDomain(OneArg(payload)));
                reply = Ok;
                break;
            case XsdSockmsgType.Resume:
                KnownDomain(OneArg(payload));
                reply = Ok;
                break;
            case XsdSockmsgType.SetTarget:
                SetTarget(XsMessage.SplitStrings(payload));
                reply = Ok;
                break;
            case XsdSockmsgType.Control:
                reply = Control(XsMessage.SplitStrings(payload));
                break;
            default:
                throw new XenStoreException(XsError.ENOSYS);
        }
        if (tx is not null) tx.Events.AddRange(events);
        else _afterReply.AddRange(events);
        return reply;
    }

    static byte[] Children(IEnumerable<string> children) => XsMessage.Strings([.. children]);

    byte[] DirectoryPart(XsConnection conn, IXsView view, ReadOnlySpan<byte> payload)
    {
        if (payload.Count((byte)0) != 2) throw new XenStoreException(XsError.EINVAL);
        List<string> args = XsMessage.SplitStrings(payload);
        XsNode node = _ops.DirectoryNode(conn, view, args[0]);
        byte[] all = Children(node.Children);
        int offset = Atoi(args[1]);
        byte[] gen = XsMessage.Strings(node.Generation.ToString(CultureInfo.InvariantCulture));
        // Past the end: the generation and an empty string. Otherwise as many whole names as fit, and the
        // empty string once the list is complete (xenstored's send_directory_part()).
        if (offset < 0 || offset >= all.Length) return [.. gen, 0];
        int max = XsAbi.PayloadMax - gen.Length - 1, len = 0;
        while (offset + len < all.Length)
        {
            int nameLen = Array.IndexOf(all, (byte)0, offset + len) - (offset + len);
            if (len + nameLen >= max) break;
            len += nameLen + 1;
        }
        bool complete = offset + len == all.Length;
        return [.. gen, .. all.AsSpan(offset, len), .. (complete ? (byte[])[0] : [])];
    }

    static int Atoi(string s)
    {
        int i = 0, v = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && v < 100_000_000) v = v * 10 + (s[i++] - '0');
        return v;
    }

    void AddWatch(XsConnection conn, List<string> args)
    {
        // WATCH takes a depth only with feature 4, which Xenith does not advertise.
        if (args.Count != 2) throw new XenStoreException(XsError.EINVAL);
        bool relative = !args[0].StartsWith('/') && !args[0].StartsWith('@');
        string node = _ops.Canonical(conn, args[0], true);
        foreach (XsWatch w in conn.Watches)
            if (w.Node == node && w.Token == args[1]) throw new XenStoreException(XsError.EEXIST);
        XenStoreOptions o = daemon.Options;
        if (!conn.IsPrivileged && o.WatchesPerDomain > 0 && conn.Watches.Count + 1 >= o.WatchesPerDomain)
            throw new XenStoreException(XsError.ENOSPC);
        long memory = node.Length + args[1].Length;
        if (!conn.IsPrivileged && o.MemoryPerDomain > 0 && daemon.Store.MemoryOf(conn.DomId) + WatchMemory(conn) + memory >= o.MemoryPerDomain)
            throw new XenStoreException(XsError.ENOMEM);
        conn.Watches.Add(new XsWatch(node, args[1], relative ? XsPath.DomainPath(conn.DomId).Length + 1 : 0));
    }

    static long WatchMemory(XsConnection conn) => conn.Watches.Sum(w => (long)w.Node.Length + w.Token.Length);

    void RemoveWatch(XsConnection conn, List<string> args)
    {
        if (args.Count != 2) throw new XenStoreException(XsError.EINVAL);
        string node = _ops.Canonical(conn, args[0], true);
        int i = conn.Watches.FindIndex(w => w.Node == node && w.Token == args[1]);
        if (i < 0) throw new XenStoreException(XsError.ENOENT);
        conn.Watches.RemoveAt(i);
    }

    byte[] TransactionStart(XsConnection conn, XsTransaction? current)
    {
        if (current is not null) throw new XenStoreException(XsError.EBUSY);
        XenStoreOptions o = daemon.Options;
        if (!conn.IsPrivileged && o.TransactionsPerDomain > 0 && conn.Transactions.Count + 1 >= o.TransactionsPerDomain)
            throw new XenStoreException(XsError.ENOSPC);
        // Ids are never 0 (no transaction) and never one still open; the loop ends within Count + 1 steps.
        uint id = conn.NextTransactionId;
        while (id == 0 || conn.Transactions.ContainsKey(id)) id++;
        conn.NextTransactionId = id + 1;
        conn.Transactions[id] = new XsTransaction(id, daemon.Store, conn, o.NodesPerTransaction);
        return XsMessage.Strings(id.ToString(CultureInfo.InvariantCulture));
    }

    void TransactionEnd(XsConnection conn, XsTransaction? tx, string arg)
    {
        if (arg is not ("T" or "F")) throw new XenStoreException(XsError.EINVAL);
        if (tx is null) throw new XenStoreException(XsError.ENOENT);
        conn.Transactions.Remove(tx.Id);
        if (arg == "F") return;
        tx.Commit(daemon.Options.NodesPerDomain);
        _afterReply.AddRange(tx.Events);
    }

    void Introduce(List<string> args)
    {
        if (args.Count < 3) throw new XenStoreException(XsError.EINVAL);
        int domid = XsPath.ParseDomid(args[0]);
        ulong gfn = (ulong)Atoi(args[1]);
        int port = Atoi(args[2]);
        if (port <= 0) throw new XenStoreException(XsError.EINVAL);
        daemon.IntroduceFromWireLocked(domid, gfn, (uint)port);
    }

    int KnownDomain(string arg)
    {
        int domid = XsPath.ParseDomid(arg);
        if (domid == 0) throw new XenStoreException(XsError.EINVAL);
        if (!daemon.IsDomainIntroducedLocked(domid)) throw new XenStoreException(XsError.ENOENT);
        return domid;
    }

    void SetTarget(List<string> args)
    {
        if (args.Count < 2) throw new XenStoreException(XsError.EINVAL);
        int domid = XsPath.ParseDomid(args[0]), target = XsPath.ParseDomid(args[1]);
        XsConnection conn = daemon.RingConnectionLocked(domid) ?? throw new XenStoreException(XsError.ENOENT);
        if (target != 0 && !daemon.IsDomainIntroducedLocked(target)) throw new XenStoreException(XsError.ENOENT);
        conn.Target = target;
    }

    static byte[] Control(List<string> args)
    {
        if (args.Count == 0) throw new XenStoreException(XsError.EINVAL);
        return args[0] switch
        {
            "check" or "print" => Ok,
            "help" => XsMessage.Strings("Supported commands:\ncheck\nprint <string>\nhelp\n"),
            _ => throw new XenStoreException(XsError.EINVAL),
        };
    }
}
