using System.Runtime.InteropServices;

namespace Xenith.Toolstack.Vchan;

/// <summary>
/// A server and a client end over ordinary host memory and an <see cref="InProcessSignal"/> pair, laid out exactly
/// as libxenvchan shares them (control page, in-page or separately allocated ring pages, grants[] filled with
/// stand-in references). For tests and the native baseline; drive each end from its own thread, and dispose only
/// after both threads are done with the ends.
/// </summary>
public sealed unsafe class VchanPair : IDisposable
{
    /// <summary>The first stand-in grant reference written to grants[].</summary>
    public const uint FirstFakeGrant = 1000;

    private readonly List<nint> _pages = [];
    private bool _disposed;

    private VchanPair(int leftOrder, int rightOrder, VchanOptions options)
    {
        nint control = AllocatePage();
        Control = new VchanInterface(control);
        var grants = new List<uint>();
        VchanRing left = MakeRing(leftOrder, grants);
        VchanRing right = MakeRing(rightOrder, grants);
        (ServerSignal, ClientSignal) = InProcessSignal.CreatePair();
        Server = VchanEndpoint.CreateServer(Control, left, right, ServerSignal, grants, options);
        Client = VchanEndpoint.ConnectClient(Control, left, right, ClientSignal, options);
        // The client's connect kick is set-up noise for tests that count events; the server has seen it.
        ServerSignal.Wait(TimeSpan.Zero, CancellationToken.None);
    }

    public VchanInterface Control { get; }
    public VchanEndpoint Server { get; }
    public VchanEndpoint Client { get; }
    public InProcessSignal ServerSignal { get; }
    public InProcessSignal ClientSignal { get; }

    /// <summary>A connected pair; orders are validated as a client would (10..20, not both in-page at one offset).</summary>
    public static VchanPair Create(int leftOrder, int rightOrder, VchanOptions? options = null)
    {
        if (VchanLayout.Validate(leftOrder, rightOrder) is { } why)
            throw new ArgumentException(why, nameof(leftOrder));
        return new VchanPair(leftOrder, rightOrder, options ?? VchanOptions.Default);
    }

    /// <summary>
    /// What the unmap notification does when the client process dies without closing: cli_live is cleared and
    /// the server is kicked. The client end must not be used afterwards.
    /// </summary>
    public void KillClient()
    {
        Control.CliLive = VchanLayout.LiveExited;
        ClientSignal.Notify();
    }

    /// <summary>The server's counterpart of <see cref="KillClient"/> (srv_live cleared, client kicked).</summary>
    public void KillServer()
    {
        Control.SrvLive = VchanLayout.LiveExited;
        ServerSignal.Notify();
    }

    /// <summary>The client vanishes with no word at all: its live flag stays set, only its event channel end goes.</summary>
    public void VanishClient() => ClientSignal.Dispose();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ServerSignal.Dispose();
        ClientSignal.Dispose();
        foreach (nint page in _pages)
            NativeMemory.AlignedFree((void*)page);
        _pages.Clear();
    }

    private VchanRing MakeRing(int order, List<uint> grants)
    {
        if (VchanLayout.IsInPage(order))
            return VchanRing.InControlPage(Control, order);
        var pages = new nint[VchanLayout.GrantCount(order)];
        for (int i = 0; i < pages.Length; i++)
        {
            pages[i] = AllocatePage();
            grants.Add(FirstFakeGrant + (uint)grants.Count);
        }
        return VchanRing.FromPages(order, pages);
    }

    private nint AllocatePage()
    {
        var page = (nint)NativeMemory.AlignedAlloc(VchanLayout.PageSize, VchanLayout.PageSize);
        NativeMemory.Clear((void*)page, VchanLayout.PageSize);
        _pages.Add(page);
        return page;
    }
}
