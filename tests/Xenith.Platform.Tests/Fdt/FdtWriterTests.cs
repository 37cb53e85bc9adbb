using System.Buffers.Binary;
using System.Diagnostics;
using Xenith.Platform.Fdt;

namespace Xenith.Platform.Tests.Fdt;

public sealed class FdtWriterTests
{
    /// <summary>A tree that uses every kind of property the writer has.</summary>
    private static byte[] SampleTree()
    {
        var w = new FdtWriter(bootCpu: 2, firstPhandle: 0x8000);
        w.AddMemoryReservation(0x4800_0000, 0x1000);
        uint intc = w.AllocatePhandle();
        w.BeginNode("");
        w.Property("#address-cells", 2u);
        w.Property("#size-cells", 2u);
        w.Property("model", "test,board");
        w.Property("interrupt-parent", intc);
        w.BeginNode("intc@8000000");
        w.Property("phandle", intc);
        w.Property("interrupt-controller");
        w.Property("compatible", "arm,cortex-a15-gic", "arm,gic-400");
        w.PropertyPairs("reg", (0x0800_0000ul, 0x1_0000ul), (0x0801_0000ul, 0x1_0000ul));
        w.EndNode();
        w.BeginNode("chosen");
        w.PropertyU64("linux,initrd-start", 0x1_2345_6789);
        w.Property("interrupts", 0u, 1u, 4u);
        w.Property("blob", (ReadOnlySpan<byte>)[0xde, 0xad, 0xbe]);
        w.EndNode();
        w.EndNode();
        return w.Finish();
    }

    [Fact]
    public void Header_is_version_17_with_consistent_block_offsets()
    {
        byte[] blob = SampleTree();
        uint Be(int at) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(at));

        Assert.Equal(0xD00DFEEDu, Be(0));
        Assert.Equal((uint)blob.Length, Be(4));
        Assert.Equal(17u, Be(20));
        Assert.Equal(16u, Be(24));
        Assert.Equal(2u, Be(28));
        // Reservation block right after the 40-byte header: one entry plus the terminator.
        Assert.Equal(40u, Be(16));
        Assert.Equal(40u + 32, Be(8));
        Assert.Equal(Be(8) + Be(36), Be(12));
        Assert.Equal(Be(12) + Be(32), Be(4));
    }

    [Fact]
    public void Property_names_are_stored_once_in_the_strings_block()
    {
        byte[] blob = SampleTree();
        int stringsOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(12));
        int stringsSize = (int)BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(32));
        string[] names = System.Text.Encoding.ASCII.GetString(blob, stringsOffset, stringsSize).TrimEnd('\0').Split('\0');

        // "compatible", "reg" and "phandle" would repeat without deduplication; "phandle" and
        // "interrupt-parent" are used twice each in this tree.
        Assert.Equal(names.Distinct().Count(), names.Length);
        Assert.Equal(
            ["#address-cells", "#size-cells", "model", "interrupt-parent", "phandle", "interrupt-controller",
             "compatible", "reg", "linux,initrd-start", "interrupts", "blob"],
            names);
    }

    [Fact]
    public void Parses_back_to_the_same_nodes_and_values()
    {
        var tree = FdtReader.Parse(SampleTree());

        Assert.Equal(17u, tree.Version);
        Assert.Equal(2u, tree.BootCpu);
        Assert.Equal([(0x4800_0000ul, 0x1000ul)], tree.Reservations);
        var root = tree.Root;
        Assert.Equal("", root.Name);
        Assert.Equal(["intc@8000000", "chosen"], root.Children.Select(c => c.Name));
        Assert.Equal("test,board", root.String("model"));
        Assert.Equal(0x8000u, root.U32("interrupt-parent"));

        var intc = root.Find("/intc@8000000")!;
        Assert.Equal(0x8000u, intc.U32("phandle"));
        Assert.Empty(intc.Properties["interrupt-controller"]);
        Assert.Equal(["arm,cortex-a15-gic", "arm,gic-400"], intc.Strings("compatible"));
        Assert.Equal([0u, 0x0800_0000u, 0u, 0x1_0000u, 0u, 0x0801_0000u, 0u, 0x1_0000u], intc.Cells("reg"));

        var chosen = root.Find("chosen")!;
        Assert.Equal([1u, 0x2345_6789u], chosen.Cells("linux,initrd-start"));
        Assert.Equal([0u, 1u, 4u], chosen.Cells("interrupts"));
        Assert.Equal([0xde, 0xad, 0xbe], chosen.Properties["blob"]);
    }

    [Fact]
    public void Values_are_padded_to_whole_cells()
    {
        // "abc\0" is 4 bytes, the 3-byte blob pads to 4: every token stays 4-byte aligned, which the
        // parse-back above relies on; here the exact structure size proves the padding.
        var w = new FdtWriter();
        w.BeginNode("");
        w.Property("a", (ReadOnlySpan<byte>)[1, 2, 3]);
        w.EndNode();
        byte[] blob = w.Finish();
        // BEGIN_NODE + "" padded (8) + PROP header (12) + value padded (4) + END_NODE (4) + END (4).
        Assert.Equal(32u, BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(36)));
    }

    [Fact]
    public void Misuse_is_rejected()
    {
        var w = new FdtWriter();
        Assert.Throws<InvalidOperationException>(() => w.Property("early", 1u));
        Assert.Throws<ArgumentException>(() => w.BeginNode("named-root"));
        w.BeginNode("");
        w.BeginNode("child");
        w.EndNode();
        Assert.Throws<InvalidOperationException>(() => w.Property("late", 1u));
        Assert.Throws<ArgumentException>(() => w.BeginNode("a/b"));
        Assert.Throws<InvalidOperationException>(() => w.Finish());
        w.EndNode();
        Assert.Throws<InvalidOperationException>(() => w.EndNode());
        Assert.Throws<InvalidOperationException>(() => w.BeginNode(""));
    }

    [NeedsDtcFact]
    public void Dtc_decompiles_it_to_the_expected_source()
    {
        string dts = Dtc.Decompile(SampleTree());

        Assert.Equal(
            """
            /dts-v1/;

            /memreserve/	0x0000000048000000 0x0000000000001000;
            / {
            	#address-cells = <0x02>;
            	#size-cells = <0x02>;
            	model = "test,board";
            	interrupt-parent = <0x8000>;

            	intc@8000000 {
            		phandle = <0x8000>;
            		interrupt-controller;
            		compatible = "arm,cortex-a15-gic\0arm,gic-400";
            		reg = <0x00 0x8000000 0x00 0x10000 0x00 0x8010000 0x00 0x10000>;
            	};

            	chosen {
            		linux,initrd-start = <0x01 0x23456789>;
            		interrupts = <0x00 0x01 0x04>;
            		blob = [de ad be];
            	};
            };

            """, dts);
    }
}

/// <summary>Runs the device tree compiler (Debian package device-tree-compiler).</summary>
internal static class Dtc
{
    public static string? Path { get; } = FindOnPath("dtc");

    public static string Decompile(byte[] blob)
    {
        string file = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, blob);
            var psi = new ProcessStartInfo(Path!, ["-I", "dtb", "-O", "dts", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            string errors = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"dtc failed: {errors}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>Skips, with the reason shown, when dtc is not installed.</summary>
public sealed class NeedsDtcFactAttribute : FactAttribute
{
    public NeedsDtcFactAttribute()
    {
        if (Dtc.Path == null)
            Skip = "dtc is not installed (apt install device-tree-compiler)";
    }
}
