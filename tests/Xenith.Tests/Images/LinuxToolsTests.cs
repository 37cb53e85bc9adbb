using System.Buffers.Binary;
using Xenith.Images;

namespace Xenith.Tests.Images;

/// <summary>guest/linux's tools go into the initramfs as static ARM executables a Linux kernel can exec.</summary>
public class LinuxToolsTests
{
    [Fact]
    public void The_vchan_client_is_a_static_arm_eabi5_executable()
    {
        var tool = Assert.Single(LinuxTools.Build(), t => t.Name == "xen-vchan-recv");
        byte[] elf = tool.Data;
        Assert.Equal("\u007fELF"u8.ToArray(), elf[..4]);
        Assert.Equal((byte)1, elf[4]); // 32-bit
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(16))); // ET_EXEC
        Assert.Equal(40, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(18))); // EM_ARM
        Assert.Equal(0x05000000u, BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(36)) & 0xFF000000u); // EABI version 5
        // No PT_INTERP: nothing for the kernel to look for in an initramfs without a libc.
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(28));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(44));
        for (int i = 0; i < phnum; i++)
            Assert.NotEqual(3u, BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)phoff + i * 32)));
    }

    [Fact]
    public void The_fingerprint_follows_the_tools_bytes()
    {
        LinuxTools.Tool[] a = [new("t", [1, 2, 3])], b = [new("t", [1, 2, 4])];
        Assert.Equal(LinuxTools.Fingerprint(a), LinuxTools.Fingerprint([new("t", [1, 2, 3])]));
        Assert.NotEqual(LinuxTools.Fingerprint(a), LinuxTools.Fingerprint(b));
        Assert.StartsWith("tools-", LinuxTools.Fingerprint([]), StringComparison.Ordinal);
    }
}
