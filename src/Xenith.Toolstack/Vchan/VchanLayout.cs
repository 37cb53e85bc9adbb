namespace Xenith.Toolstack.Vchan;

/// <summary>Which of the two rings of a vchan: left carries client → server, right carries server → client.</summary>
public enum VchanRingId
{
    Left,
    Right,
}

/// <summary>
/// The numbers of libxenvchan's shared control page (io/libxenvchan.h, tools/libs/vchan/init.c; spec 11.1) and the
/// ring-order rules both ends apply, so that a C peer built against that header sees the same bytes.
/// </summary>
public static class VchanLayout
{
    public const int PageShift = 12;
    public const int PageSize = 1 << PageShift;

    public const int LeftConsOffset = 0;
    public const int LeftProdOffset = 4;
    public const int RightConsOffset = 8;
    public const int RightProdOffset = 12;
    public const int LeftOrderOffset = 16;
    public const int RightOrderOffset = 18;
    public const int CliLiveOffset = 20;
    public const int SrvLiveOffset = 21;
    public const int CliNotifyOffset = 22;
    public const int SrvNotifyOffset = 23;
    public const int GrantsOffset = 24;

    /// <summary>Size of the fixed header in front of grants[].</summary>
    public const int HeaderSize = 24;

    /// <summary>A 1 KiB ring lives inside the control page at this offset (SMALL_RING_SHIFT).</summary>
    public const int SmallRingOrder = 10;
    public const int SmallRingOffset = 1024;

    /// <summary>A 2 KiB ring lives inside the control page at this offset (LARGE_RING_SHIFT).</summary>
    public const int LargeRingOrder = 11;
    public const int LargeRingOffset = 2048;

    public const int MinOrder = SmallRingOrder;

    /// <summary>MAX_RING_SHIFT: past 1 MiB the grant list would not fit in the control page.</summary>
    public const int MaxOrder = 20;

    /// <summary>VCHAN_NOTIFY_WRITE: "tell me when data is written".</summary>
    public const byte NotifyWrite = 1;

    /// <summary>VCHAN_NOTIFY_READ: "tell me when data is consumed".</summary>
    public const byte NotifyRead = 2;

    /// <summary>cli_live values.</summary>
    public const byte LiveExited = 0, LiveConnected = 1, LiveWaiting = 2;

    /// <summary>Ring bytes for an order.</summary>
    public static int RingSize(int order) => 1 << order;

    /// <summary>Whether a ring of this order sits inside the control page rather than in granted pages.</summary>
    public static bool IsInPage(int order) => order is SmallRingOrder or LargeRingOrder;

    /// <summary>Separately granted pages a ring of this order needs (0 for the in-page orders).</summary>
    public static int GrantCount(int order) => order >= PageShift ? 1 << (order - PageShift) : 0;

    /// <summary>Offset of an in-page ring inside the control page.</summary>
    public static int InPageOffset(int order) => order switch
    {
        SmallRingOrder => SmallRingOffset,
        LargeRingOrder => LargeRingOffset,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "only orders 10 and 11 live inside the control page"),
    };

    /// <summary>libxenvchan's min_order: the smallest page-multiple power of two holding size bytes.</summary>
    public static int MinPageOrder(long size)
    {
        int order = PageShift;
        while (order < 62 && size > 1L << order)
            order++;
        return order;
    }

    /// <summary>
    /// The orders libxenvchan_server_init picks for the requested minimum sizes: both rings in the control page
    /// when they fit (left 1 KiB and right 2 KiB, or mirrored), else one in-page 2 KiB ring if either side fits, else
    /// whole pages.
    /// </summary>
    public static (int LeftOrder, int RightOrder) ChooseOrders(long leftMin, long rightMin)
    {
        long max = RingSize(MaxOrder);
        if (leftMin < 0 || rightMin < 0 || leftMin > max || rightMin > max)
            throw new ArgumentOutOfRangeException(nameof(leftMin), $"vchan ring requests must be 0..{max} bytes (left {leftMin}, right {rightMin})");
        if (leftMin <= RingSize(SmallRingOrder) && rightMin <= RingSize(LargeRingOrder))
            return (SmallRingOrder, LargeRingOrder);
        if (leftMin <= RingSize(LargeRingOrder) && rightMin <= RingSize(SmallRingOrder))
            return (LargeRingOrder, SmallRingOrder);
        if (leftMin <= RingSize(LargeRingOrder))
            return (LargeRingOrder, MinPageOrder(rightMin));
        if (rightMin <= RingSize(LargeRingOrder))
            return (MinPageOrder(leftMin), LargeRingOrder);
        return (MinPageOrder(leftMin), MinPageOrder(rightMin));
    }

    /// <summary>
    /// Null when the pair of orders is one a client may map, else why not. libxenvchan's client checks the range and
    /// that two in-page rings do not share an offset; this also refuses a grant list that would run into an in-page
    /// ring (a hostile server could publish one: order 10 beside a 1 MiB ring).
    /// </summary>
    public static string? Validate(int leftOrder, int rightOrder)
    {
        if (leftOrder is < MinOrder or > MaxOrder)
            return $"left ring order {leftOrder} is outside {MinOrder}..{MaxOrder}";
        if (rightOrder is < MinOrder or > MaxOrder)
            return $"right ring order {rightOrder} is outside {MinOrder}..{MaxOrder}";
        if (leftOrder == rightOrder && IsInPage(leftOrder))
            return $"both rings have order {leftOrder} and would share the control page at offset {InPageOffset(leftOrder)}";
        int grantsEnd = GrantsOffset + 4 * (GrantCount(leftOrder) + GrantCount(rightOrder));
        int limit = Math.Min(IsInPage(leftOrder) ? InPageOffset(leftOrder) : PageSize, IsInPage(rightOrder) ? InPageOffset(rightOrder) : PageSize);
        if (grantsEnd > limit)
            return $"grants[] of orders {leftOrder}/{rightOrder} end at byte {grantsEnd}, past {limit}";
        return null;
    }
}
