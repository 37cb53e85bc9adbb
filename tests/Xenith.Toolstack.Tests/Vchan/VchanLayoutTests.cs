using System.Runtime.InteropServices;
using Xenith.Toolstack.Vchan;

namespace Xenith.Toolstack.Tests.Vchan;

public class VchanLayoutTests
{
    private static (byte[] Page, VchanInterface View) NewPage()
    {
        byte[] page = GC.AllocateArray<byte>(VchanLayout.PageSize, pinned: true);
        return (page, new VchanInterface(Marshal.UnsafeAddrOfPinnedArrayElement(page, 0)));
    }

    [Fact]
    public void Fields_land_at_the_offsets_of_spec_11_1()
    {
        var (page, v) = NewPage();
        v.LeftCons = 0x04030201;
        v.LeftProd = 0x08070605;
        v.RightCons = 0x0c0b0a09;
        v.RightProd = 0x100f0e0d;
        v.LeftOrder = 0x1211;
        v.RightOrder = 0x1413;
        v.CliLive = 0x15;
        v.SrvLive = 0x16;
        v.CliNotify = 0x17;
        v.SrvNotify = 0x18;
        v.SetGrant(0, 0x1c1b1a19);
        v.SetGrant(1, 0x201f1e1d);
        byte[] expected = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(expected, page[..32]);
        Assert.True(page[32..].All(b => b == 0));
        v.SetGrant(VchanInterface.MaxGrants - 1, 0xaabbccdd);
        Assert.Equal(new byte[] { 0xdd, 0xcc, 0xbb, 0xaa }, page[4092..]);
        Assert.Equal(1018, VchanInterface.MaxGrants);
    }

    [Fact]
    public void Notify_bytes_change_only_their_own_bits()
    {
        var (page, v) = NewPage();
        v.CliLive = 1;
        v.SrvLive = 1;
        v.CliNotify = VchanLayout.NotifyRead;
        Assert.Equal(VchanLayout.NotifyRead, v.OrNotify(clientByte: true, VchanLayout.NotifyWrite));
        Assert.Equal(0, v.OrNotify(clientByte: false, VchanLayout.NotifyRead));
        Assert.Equal(new byte[] { 1, 1, 3, 2 }, page[20..24]);
        Assert.Equal(3, v.ClearNotify(clientByte: true, VchanLayout.NotifyWrite));
        Assert.Equal(new byte[] { 1, 1, 2, 2 }, page[20..24]);
        Assert.Equal(2, v.ClearNotify(clientByte: false, VchanLayout.NotifyWrite));
        Assert.Equal(new byte[] { 1, 1, 2, 2 }, page[20..24]);
    }

    [Fact]
    public void Server_and_client_set_up_the_page_as_libxenvchan_does()
    {
        using var pair = VchanPair.Create(12, 13);
        var bytes = new byte[36];
        Marshal.Copy(pair.Control.Address, bytes, 0, bytes.Length);
        Assert.Equal(new byte[]
        {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // indices
            12, 0, 13, 0,                                    // left_order, right_order
            1, 1, 1, 1,                                      // cli_live, srv_live, cli_notify, srv_notify (client connected)
            0xe8, 3, 0, 0, 0xe9, 3, 0, 0, 0xea, 3, 0, 0,     // grants: 1 left page, then 2 right pages
        }, bytes);
    }

    [Fact]
    public void Server_alone_marks_the_client_as_not_yet_connected()
    {
        var (page, v) = NewPage();
        var (s, c) = InProcessSignal.CreatePair();
        using (s)
        using (c)
        {
            page.AsSpan().Fill(0xff);
            using var server = VchanEndpoint.CreateServer(v, VchanRing.InControlPage(v, 10), VchanRing.InControlPage(v, 11), s);
            Assert.Equal(new byte[] { 10, 0, 11, 0, 2, 1, 1, 0 }, page[16..24]);
            Assert.True(page[..16].All(b => b == 0) && page[24..].All(b => b == 0));
            Assert.True(server.IsOpen);
        }
    }

    [Theory]
    [InlineData(0, 0, 10, 11)]
    [InlineData(1024, 2048, 10, 11)]
    [InlineData(2048, 1024, 11, 10)]
    [InlineData(2048, 12288, 11, 14)]
    [InlineData(8192, 100, 13, 11)]
    [InlineData(5000, 5000, 13, 13)]
    [InlineData(1 << 20, 1 << 20, 20, 20)]
    public void Orders_are_chosen_as_libxenvchan_server_init_chooses(long left, long right, int leftOrder, int rightOrder)
    {
        Assert.Equal((leftOrder, rightOrder), VchanLayout.ChooseOrders(left, right));
    }

    [Fact]
    public void A_ring_over_one_MiB_is_refused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VchanLayout.ChooseOrders((1 << 20) + 1, 0));
        Assert.StartsWith("vchan ring requests must be 0..1048576 bytes (left 1048577, right 0)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 11, null)]
    [InlineData(11, 20, null)]
    [InlineData(20, 20, null)]
    [InlineData(9, 12, "left ring order 9 is outside 10..20")]
    [InlineData(12, 21, "right ring order 21 is outside 10..20")]
    [InlineData(10, 10, "both rings have order 10 and would share the control page at offset 1024")]
    [InlineData(11, 11, "both rings have order 11 and would share the control page at offset 2048")]
    [InlineData(10, 20, "grants[] of orders 10/20 end at byte 1048, past 1024")]
    public void Orders_a_client_may_map(int left, int right, string? why)
    {
        Assert.Equal(why, VchanLayout.Validate(left, right));
    }

    [Fact]
    public void A_client_refuses_a_page_with_bad_orders()
    {
        var (_, v) = NewPage();
        v.LeftOrder = 10;
        v.RightOrder = 10;
        v.SrvLive = 1;
        var (s, c) = InProcessSignal.CreatePair();
        using (s)
        using (c)
        {
            var ring = VchanRing.InControlPage(v, 10);
            var ex = Assert.Throws<VchanProtocolException>(() => VchanEndpoint.ConnectClient(v, ring, ring, c));
            Assert.Equal("vchan control page: both rings have order 10 and would share the control page at offset 1024", ex.Message);
            Assert.Equal(0, s.NotifyCount + c.NotifyCount);
        }
    }
}
