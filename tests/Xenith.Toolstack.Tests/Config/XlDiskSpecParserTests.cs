using Xenith.Toolstack.Config;

namespace Xenith.Toolstack.Tests.Config;

public class XlDiskSpecParserTests
{
    private static XlDiskSpec Parse(string spec)
    {
        XlDiskSpec? d = XlDiskSpecParser.Parse(spec, "/srv/xen", out string? error);
        Assert.True(d is not null, error);
        return d;
    }

    private static string Error(string spec)
    {
        Assert.Null(XlDiskSpecParser.Parse(spec, "/srv/xen", out string? error));
        return error!;
    }

    [Theory]
    [InlineData("/dev/vg/guest,,xvda")]
    [InlineData("/dev/vg/guest,raw,xvda,rw")]
    [InlineData("format=raw, vdev=xvda, access=rw, target=/dev/vg/guest")]
    [InlineData("  format=raw,vdev=xvda,  access=rw,target=/dev/vg/guest")]
    [InlineData("phy:/dev/vg/guest,xvda,w")]
    [InlineData("raw:/dev/vg/guest,xvda,w")]
    public void The_equivalent_forms_of_the_spec_give_one_disk(string spec)
    {
        var expected = new XlDiskSpec(new XlPath("/dev/vg/guest", "/dev/vg/guest"), XlDiskFormat.Raw, "xvda", 51712,
            ReadWrite: true, IsCdrom: false, Removable: false, XlDiskBackendType.Default, null, null, false, null, null,
            XlDiskSpecification.Xen);
        Assert.Equal(expected, Parse(spec));
    }

    // Cases of Xen's tools/xl/check-xl-disk-parse.
    [Theory]
    [InlineData("/root/image.iso,,hdc,cdrom")]
    [InlineData("/root/image.iso,,hdc,,cdrom")]
    [InlineData("/root/image.iso,raw,hdc,devtype=cdrom")]
    [InlineData("format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso")]
    [InlineData("raw:/root/image.iso,hdc:cdrom,ro")]
    public void Cdrom_forms_are_removable_read_only(string spec)
    {
        XlDiskSpec d = Parse(spec);
        Assert.Equal(("/root/image.iso", "hdc", 5632, XlDiskFormat.Raw), (d.Target!.Given, d.Vdev, d.VirtualDevice, d.Format));
        Assert.True(d.IsCdrom && d.Removable && d.ReadOnly);
    }

    [Theory]
    [InlineData("devtype=cdrom,,,hdc", "")]
    [InlineData(",,hdc:cdrom,r", "")]
    [InlineData(",hdc:cdrom,r", "")]
    [InlineData("vdev=hdc,access=r,devtype=cdrom,target=", "")]
    [InlineData(",empty,hdc:cdrom,r", "")]
    [InlineData("vdev=hdc,access=r,devtype=cdrom,format=empty", null)]
    [InlineData("vdev=hdc,access=r,devtype=cdrom", null)]
    public void An_empty_cdrom_drive_has_format_empty(string spec, string? target)
    {
        XlDiskSpec d = Parse(spec);
        Assert.Equal(target, d.Target?.Given);
        Assert.Equal((XlDiskFormat.Empty, "hdc", true), (d.Format, d.Vdev, d.IsCdrom));
    }

    [Theory]
    [InlineData("iscsi:iqn.2001-05.com.equallogic:0-8a09,xvda,w")]
    [InlineData("vdev=xvda,access=w,script=block-iscsi,target=iqn.2001-05.com.equallogic:0-8a09")]
    public void Block_scripts_keep_their_target_unresolved(string spec)
    {
        XlDiskSpec d = Parse(spec);
        Assert.Equal(("block-iscsi", "iqn.2001-05.com.equallogic:0-8a09", "iqn.2001-05.com.equallogic:0-8a09"),
            (d.Script, d.Target!.Given, d.Target.Resolved));
    }

    [Fact]
    public void Drbd_prefix_names_its_script_and_relative_targets_resolve()
    {
        Assert.Equal("block-drbd", Parse("drbd:app01,hda,w").Script);
        Assert.Equal("/srv/xen/img/a.raw", Parse("img/a.raw,,xvdb").Target!.Resolved);
    }

    [Fact]
    public void Target_key_eats_the_rest_of_the_spec()
    {
        Assert.Equal("/a,b", Parse("vdev=xvda,target=/a,b,").Target!.Given);
    }

    [Theory]
    [InlineData("foo", "config parsing error in disk specification: no vdev specified in `foo'")]
    [InlineData("/a,raw,xvda,rw,x", "config parsing error in disk specification: too many positional parameters: near `x' in `/a,raw,xvda,rw,x'")]
    [InlineData("devtype=floppy,/a,,xvda", "config parsing error in disk specification: unknown value for type: near `devtype=floppy,' in `devtype=floppy,/a,,xvda'")]
    [InlineData("backendtype=nbd,/a,,xvda", "config parsing error in disk specification: unknown value for backendtype: near `nbd' in `backendtype=nbd,/a,,xvda'")]
    [InlineData("/a,,xvda:tape", "config parsing error in disk specification: unknown deprecated type: near `tape' in `/a,,xvda:tape'")]
    [InlineData("/a,,xvda,=", "config parsing error in disk specification: bad disk syntax: near `=' in `/a,,xvda,='")]
    [InlineData("/a,,hde", "Invalid or unsupported virtual disk identifier hde")]
    [InlineData("/a,,xvda01", "Invalid or unsupported virtual disk identifier xvda01")]
    public void Errors_use_libxlu_wording(string spec, string expected) => Assert.Equal(expected, Error(spec));

    [Theory]
    [InlineData("xvda", 51712)]
    [InlineData("xvdb", 51728)]
    [InlineData("xvda1", 51713)]
    [InlineData("xvdp15", 202 << 8 | 15 << 4 | 15)]
    [InlineData("xvda16", 1 << 28 | 16)]
    [InlineData("xvdq", 1 << 28 | 16 << 8)]
    [InlineData("xvdaa", 1 << 28 | 26 << 8)]
    [InlineData("d0p1", 51713)]
    [InlineData("d16p0", 1 << 28 | 16 << 8)]
    [InlineData("hda", 3 << 8)]
    [InlineData("hdb1", 3 << 8 | 1 << 6 | 1)]
    [InlineData("hdc", 22 << 8)]
    [InlineData("hdd63", 22 << 8 | 1 << 6 | 63)]
    [InlineData("sda", 8 << 8)]
    [InlineData("sdp15", 8 << 8 | 15 << 4 | 15)]
    [InlineData("51712", 51712)]
    [InlineData("0xca00", 51712)]
    [InlineData("xvd", -1)]
    [InlineData("hde", -1)]
    [InlineData("sdq", -1)]
    [InlineData("xvda256", -1)]
    [InlineData("vda", -1)]
    [InlineData("-5", -1)]
    public void Vdev_names_map_to_virtual_device_numbers(string vdev, int number) =>
        Assert.Equal(number, VirtualDisk.DeviceNumber(vdev));
}
