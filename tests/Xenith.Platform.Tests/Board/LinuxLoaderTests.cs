using System.Buffers.Binary;
using Xenith.Cpu.Arm;
using Xenith.Memory;
using Xenith.Platform.Board;
using Xenith.Platform.Fdt;

namespace Xenith.Platform.Tests.Board;

public sealed class LinuxLoaderTests
{
    /// <summary>A stand-in zImage: the header fields the loader reads, the rest a recognisable pattern.</summary>
    private static byte[] FakeZImage(int size)
    {
        var image = new byte[size];
        for (int i = 0; i < size; i++)
            image[i] = (byte)(i * 7);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x24), 0x016F2818);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x28), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x2C), (uint)size);
        return image;
    }

    private static byte[] Read(PhysicalMemory memory, ulong address, int length)
    {
        var b = new byte[length];
        memory.Read(address, b);
        return b;
    }

    [Fact]
    public void Zimage_initrd_and_dtb_go_where_qemu_puts_them()
    {
        using var board = new VirtBoard(new BoardOptions { MemoryBytes = 512ul << 20 }, _ => { });
        byte[] kernel = FakeZImage(300_000);
        byte[] initrd = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 3 + 1)).ToArray();

        board.LoadLinux(kernel, initrd, "console=ttyAMA0", dtb: null);

        var boot = board.Boot!;
        Assert.Equal(KernelFormat.ZImage, boot.Format);
        // Kernel 64 KiB into RAM; initrd at RAM + min(RAM / 2, 128 MiB); DTB at the next page after the initrd.
        Assert.Equal(0x4001_0000ul, boot.KernelStart);
        Assert.Equal(0x4800_0000ul, boot.InitrdStart);
        Assert.Equal(0x4800_0000ul + 10_000, boot.InitrdEnd);
        Assert.Equal(0x4800_3000ul, boot.DtbAddress);
        Assert.Equal(kernel, Read(board.Memory, 0x4001_0000, kernel.Length));
        Assert.Equal(initrd, Read(board.Memory, 0x4800_0000, initrd.Length));

        var chosen = FdtReader.Parse(Read(board.Memory, boot.DtbAddress, boot.DtbSize)).Root.Find("chosen")!;
        Assert.Equal([0x4800_0000u], chosen.Cells("linux,initrd-start"));
        Assert.Equal([0x4800_0000u + 10_000], chosen.Cells("linux,initrd-end"));
        Assert.Equal("console=ttyAMA0", chosen.String("bootargs"));
    }

    [Fact]
    public void Cpu0_starts_in_the_linux_boot_state_and_secondaries_stay_off()
    {
        using var board = new VirtBoard(new BoardOptions { CpuCount = 2, MemoryBytes = 256ul << 20 }, _ => { });
        board.Cpus[0].Reset(0x1234);
        board.Cpus[0].Sctlr |= 1; // MMU on: loading must turn it off

        board.LoadLinux(FakeZImage(4096), null, null, null);

        var cpu = board.Cpus[0];
        Assert.Equal(0x4001_0000u, cpu.Pc);
        Assert.Equal(0u, cpu.R[0]);
        Assert.Equal(0xFFFF_FFFFu, cpu.R[1]);
        Assert.Equal(0x4800_0000u, cpu.R[2]); // no initrd: the DTB takes its place, RAM + min(RAM / 2, 128 MiB)
        Assert.Equal(Mode.Supervisor, cpu.Mode);
        Assert.True(cpu.I);
        Assert.True(cpu.F);
        Assert.True(cpu.A);
        Assert.False(cpu.T);
        Assert.Equal(0u, cpu.Sctlr & 1);
        Assert.Equal(1, board.AffinityInfo(1)); // OFF until CPU_ON
        Assert.Equal(0, board.AffinityInfo(0));
    }

    [Fact]
    public void Small_ram_puts_the_initrd_at_half_of_it()
    {
        using var board = new VirtBoard(new BoardOptions { MemoryBytes = 64ul << 20 }, _ => { });

        board.LoadLinux(FakeZImage(4096), [1, 2, 3], null, null);

        Assert.Equal(0x4200_0000ul, board.Boot!.InitrdStart);
        Assert.Equal(0x4200_1000ul, board.Boot.DtbAddress);
        Assert.Equal(0x4200_1000u, board.Cpus[0].R[2]);
    }

    [Fact]
    public void Raw_image_goes_to_text_offset()
    {
        using var board = new VirtBoard(new BoardOptions { MemoryBytes = 16ul << 20 }, _ => { });
        byte[] image = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];

        board.LoadLinux(image, null, null, null);

        Assert.Equal(KernelFormat.Raw, board.Boot!.Format);
        Assert.Equal(0x4000_8000u, board.Cpus[0].Pc);
        Assert.Equal(image, Read(board.Memory, 0x4000_8000, 8));
    }

    [Fact]
    public void A_given_dtb_is_loaded_unchanged()
    {
        using var board = new VirtBoard(new BoardOptions { MemoryBytes = 16ul << 20 }, _ => { });
        var w = new FdtWriter();
        w.BeginNode("");
        w.Property("model", "mine");
        w.EndNode();
        byte[] dtb = w.Finish();

        board.LoadLinux(FakeZImage(4096), [9, 9], "ignored", dtb);

        Assert.Equal(dtb, Read(board.Memory, board.Boot!.DtbAddress, dtb.Length));
        Assert.Equal((uint)board.Boot.DtbAddress, board.Cpus[0].R[2]);
    }

    [Fact]
    public void Too_large_images_and_bad_dtbs_are_errors_that_say_why()
    {
        using var board = new VirtBoard(new BoardOptions { MemoryBytes = 16ul << 20 }, _ => { });

        var kernel = Assert.Throws<BoardException>(() => board.LoadLinux(FakeZImage(17 << 20), null, null, null));
        Assert.Contains("kernel", kernel.Message, StringComparison.Ordinal);
        Assert.Contains("does not fit in 16 MiB of RAM", kernel.Message, StringComparison.Ordinal);

        var initrd = Assert.Throws<BoardException>(() => board.LoadLinux(FakeZImage(4096), new byte[9 << 20], null, null));
        Assert.StartsWith("initrd", initrd.Message, StringComparison.Ordinal);

        var dtb = Assert.Throws<BoardException>(() => board.LoadLinux(FakeZImage(4096), null, null, [1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Contains("bad magic", dtb.Message, StringComparison.Ordinal);

        byte[] truncated = FakeZImage(4096);
        BinaryPrimitives.WriteUInt32LittleEndian(truncated.AsSpan(0x2C), 8192);
        Assert.Contains("truncated", Assert.Throws<BoardException>(() => board.LoadLinux(truncated, null, null, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_are_told_apart_by_their_magic()
    {
        Assert.Equal(KernelFormat.Elf, LinuxLoader.Detect("\u007fELF\u0001\u0001"u8));
        Assert.Equal(KernelFormat.ZImage, LinuxLoader.Detect(FakeZImage(64)));
        Assert.Equal(KernelFormat.Raw, LinuxLoader.Detect(new byte[64]));
    }
}
