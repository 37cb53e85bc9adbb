using System.Text;
using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

/// <summary>A whole-message client: sends requests, returns reply payloads as text ("!ENOENT" for XS_ERROR).</summary>
sealed class Wire
{
    public Wire(XenStoreDaemon daemon, int domid) => Conn = daemon.OpenConnection(domid);

    public XsConnection Conn { get; }
    public List<string> Events { get; } = [];

    static string Text(ReadOnlySpan<byte> b) => Encoding.Latin1.GetString(b);

    public string Do(XsdSockmsgType type, string payload, uint tx = 0)
    {
        const uint reqId = 0x1234;
        Assert.Equal(XsSubmitResult.Processed, Conn.Submit(XsMessage.Build(type, reqId, tx, Encoding.Latin1.GetBytes(payload))));
        string? reply = null;
        while (Conn.TryTakeOutput(out byte[] m))
        {
            XsdSockmsg h = XsMessage.ReadHeader(m);
            string body = Text(m.AsSpan(16));
            if (h.Type == (uint)XsdSockmsgType.WatchEvent) { Events.Add(body); continue; }
            Assert.Null(reply);
            Assert.Equal(reqId, h.ReqId);
            Assert.Equal(tx, h.TxId);
            Assert.Equal(m.Length - 16, (int)h.Len);
            reply = h.Type == (uint)XsdSockmsgType.Error ? "!" + body.TrimEnd('\0') : body;
            if (h.Type != (uint)XsdSockmsgType.Error) Assert.Equal((uint)type, h.Type);
        }
        Assert.NotNull(reply);
        return reply;
    }

    public List<string> TakeEvents()
    {
        while (Conn.TryTakeOutput(out byte[] m))
        {
            Assert.Equal((uint)XsdSockmsgType.WatchEvent, XsMessage.ReadHeader(m).Type);
            Events.Add(Text(m.AsSpan(16)));
        }
        var e = Events.ToList();
        Events.Clear();
        return e;
    }

    public string Read(string p, uint tx = 0) => Do(XsdSockmsgType.Read, p + "\0", tx);
    public string Write(string p, string v, uint tx = 0) => Do(XsdSockmsgType.Write, p + "\0" + v, tx);
    public string Mkdir(string p, uint tx = 0) => Do(XsdSockmsgType.Mkdir, p + "\0", tx);
    public string Rm(string p, uint tx = 0) => Do(XsdSockmsgType.Rm, p + "\0", tx);
    public string Dir(string p, uint tx = 0) => Do(XsdSockmsgType.Directory, p + "\0", tx);
    public string GetPerms(string p) => Do(XsdSockmsgType.GetPerms, p + "\0");
    public string SetPerms(string p, params string[] perms) => Do(XsdSockmsgType.SetPerms, p + "\0" + string.Concat(perms.Select(x => x + "\0")));
    public string Watch(string p, string token) => Do(XsdSockmsgType.Watch, p + "\0" + token + "\0");
    public string Unwatch(string p, string token) => Do(XsdSockmsgType.Unwatch, p + "\0" + token + "\0");
    public string Start(uint tx = 0) => Do(XsdSockmsgType.TransactionStart, "\0", tx);
    public uint StartId() => uint.Parse(Start().TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);
    public string End(uint tx, bool commit) => Do(XsdSockmsgType.TransactionEnd, commit ? "T\0" : "F\0", tx);
}

/// <summary>A guest ring page driven from the guest side, as Linux's xenbus driver would.</summary>
sealed class FakeGuest
{
    public ArrayRingPage Page { get; } = new();
    public int Notifications { get; set; }
    readonly List<byte> _received = [];

    public uint ReqCons => Page.LoadAcquire(2048);
    public uint ReqProd { get => Page.LoadAcquire(2052); set => Page.StoreRelease(2052, value); }
    public uint RspCons { get => Page.LoadAcquire(2056); set => Page.StoreRelease(2056, value); }
    public uint RspProd { get => Page.LoadAcquire(2060); set => Page.StoreRelease(2060, value); }
    public uint Error => Page.LoadAcquire(2072);

    /// <summary>Writes as many bytes as fit into req[]; returns how many.</summary>
    public int Send(ReadOnlySpan<byte> bytes)
    {
        uint prod = ReqProd;
        int free = 1024 - (int)(prod - ReqCons);
        int n = Math.Min(free, bytes.Length);
        for (int i = 0; i < n; i++) Page.Bytes[(int)((prod + (uint)i) & 1023)] = bytes[i];
        ReqProd = prod + (uint)n;
        return n;
    }

    /// <summary>Consumes everything in rsp[].</summary>
    public void Receive()
    {
        uint cons = RspCons, prod = RspProd;
        for (; cons != prod; cons++) _received.Add(Page.Bytes[1024 + (int)(cons & 1023)]);
        RspCons = cons;
    }

    /// <summary>Complete messages received so far, as (type, req_id, payload text); partial ones stay.</summary>
    public List<(uint Type, uint ReqId, string Payload)> Messages()
    {
        var list = new List<(uint, uint, string)>();
        int o = 0;
        byte[] all = [.. _received];
        while (all.Length - o >= 16)
        {
            XsdSockmsg h = XsMessage.ReadHeader(all.AsSpan(o));
            if (all.Length - o - 16 < h.Len) break;
            list.Add((h.Type, h.ReqId, Encoding.Latin1.GetString(all, o + 16, (int)h.Len)));
            o += 16 + (int)h.Len;
        }
        _received.RemoveRange(0, o);
        return list;
    }
}
