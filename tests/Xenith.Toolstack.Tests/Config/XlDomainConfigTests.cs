using Xenith.Cpu.Arm;
using Xenith.Toolstack.Config;

namespace Xenith.Toolstack.Tests.Config;

public class XlDomainConfigTests
{
    private const string Debian = """
        name    = "debian"
        type    = "pvh"
        kernel  = "/boot/vmlinuz-6.1.0-XX-armmp-lpae"
        ramdisk = "/boot/initrd.img-6.1.0-XX-armmp-lpae"
        extra   = "console=hvc0 root=/dev/xvda1 rw"
        memory  = 512
        maxmem  = 512
        vcpus   = 2
        disk    = [ 'format=raw, vdev=xvda, access=rw, target=/srv/debian.img' ]
        vif     = [ 'mac=00:16:3e:12:34:56,bridge=xenbr0' ]
        on_poweroff = "destroy"
        on_reboot   = "restart"
        on_crash    = "destroy"
        """;

    [Fact]
    public void The_typical_debian_guest_becomes_typed_values()
    {
        XlConfigResult r = XlConfigLoader.Parse("debian.cfg", Debian, [], "/root");
        XlDomainConfig c = r.Config;
        Assert.Empty(r.Warnings);
        Assert.Equal(("debian", 512L << 20, 512L << 20, 2, 2), (c.Name, c.MemoryBytes, c.MaxMemBytes, c.Vcpus, c.MaxVcpus));
        Assert.Equal("/boot/initrd.img-6.1.0-XX-armmp-lpae", c.Ramdisk!.Resolved);
        Assert.Equal("console=hvc0 root=/dev/xvda1 rw", c.Cmdline);
        XlDiskSpec disk = Assert.Single(c.Disks);
        Assert.Equal((51712, "/srv/debian.img", true), (disk.VirtualDevice, disk.Target!.Resolved, disk.ReadWrite));
        XlVifSpec vif = Assert.Single(c.Vifs);
        Assert.Equal(("00:16:3e:12:34:56", "xenbr0", 0), (vif.MacText, vif.Bridge, vif.Devid));
        Assert.Equal((XlShutdownAction.Destroy, XlShutdownAction.Restart, XlShutdownAction.Destroy, XlShutdownAction.SoftReset),
            (c.OnPoweroff, c.OnReboot, c.OnCrash, c.OnSoftReset));
        Assert.Equal((64, 1024, 1023, true), (c.MaxGrantFrames, c.MaxMaptrackFrames, c.MaxEventChannels, c.TrapUnmappedAccesses));
        Assert.Same(CpuProfile.CortexA15, c.Cpu);
    }

    [Fact]
    public void Cpu_picks_the_vcpu_model_and_a_single_core_model_takes_one_vcpu()
    {
        const string a8 = "name = \"a8\"\ncpu = \"cortex-a8\"\n";
        XlConfigResult r = XlConfigLoader.Parse("a8.cfg", a8, [], "/root");
        Assert.Empty(r.Warnings);
        Assert.Same(CpuProfile.CortexA8, r.Config.Cpu);
        Assert.Same(CpuProfile.CortexA15, XlConfigLoader.Parse("a8.cfg", a8, ["cpu=\"cortex-a15\"", "vcpus=2"], "/root").Config.Cpu);
        var e = Assert.Throws<XlConfigException>(() => XlConfigLoader.Parse("a8.cfg", a8 + "vcpus = 2\n", [], "/root"));
        Assert.Equal(["a8.cfg:3: cortex-a8 is a single-core CPU: a guest has 1 vCPU of it, not 2"], e.Diagnostics);
    }

    [Fact]
    public void Describe_is_one_key_per_line_and_the_same_each_time()
    {
        XlDomainConfig c = XlConfigLoader.Parse("debian.cfg", Debian, [], "/root").Config;
        string text = c.Describe();
        Assert.Equal(text, XlConfigLoader.Parse("debian.cfg", Debian, [], "/root").Config.Describe());
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(30, lines.Length);
        Assert.Equal("name = \"debian\"", lines[0]);
        Assert.Contains("disk[0] = target=\"/srv/debian.img\" -> \"/srv/debian.img\" format=raw vdev=xvda virtual-device=51712 access=rw devtype=disk backendtype=default backend=(dom0) specification=xen", lines);
    }

    [Theory]
    [InlineData("destroy", XlShutdownAction.Destroy)]
    [InlineData("restart", XlShutdownAction.Restart)]
    [InlineData("rename-restart", XlShutdownAction.RenameRestart)]
    [InlineData("preserve", XlShutdownAction.Preserve)]
    [InlineData("coredump-destroy", XlShutdownAction.CoredumpDestroy)]
    [InlineData("coredump-restart", XlShutdownAction.CoredumpRestart)]
    [InlineData("soft-reset", XlShutdownAction.SoftReset)]
    public void Every_action_name_round_trips(string name, XlShutdownAction action)
    {
        Assert.True(XlShutdownActions.TryParse(name, out XlShutdownAction parsed));
        Assert.Equal(action, parsed);
        Assert.Equal(name, action.Name());
    }

    [Fact]
    public void Random_macs_stay_in_xens_half_of_its_oui()
    {
        byte[] mac = XlVifSpec.RandomMac(new Random(7));
        Assert.Equal((0x00, 0x16, 0x3e), (mac[0], mac[1], mac[2]));
        Assert.Equal(0, mac[3] & 0x80);
    }
}
