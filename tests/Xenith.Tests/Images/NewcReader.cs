using System.Globalization;
using System.Text;

namespace Xenith.Tests.Images;

/// <summary>One entry read back from a newc archive, with the offset of its header.</summary>
internal sealed record NewcEntry(long Offset, string Name, uint Inode, uint Mode, uint Nlink, uint RdevMajor, uint RdevMinor, byte[] Data);

/// <summary>
/// An independent newc parser for the tests, written from the format description (cpio(5)):
/// it checks the magic and the 4-byte alignment of names and data as it goes.
/// </summary>
internal static class NewcReader
{
    public static List<NewcEntry> Read(byte[] archive)
    {
        var entries = new List<NewcEntry>();
        int pos = 0;
        while (true)
        {
            Assert.True(pos % 4 == 0, $"header at {pos} is not 4-byte aligned");
            Assert.True(pos + 110 <= archive.Length, $"archive ends inside a header at {pos}");
            string header = Encoding.ASCII.GetString(archive, pos, 110);
            Assert.Equal("070701", header[..6]);
            uint Field(int i) => uint.Parse(header.AsSpan(6 + (i * 8), 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            uint fileSize = Field(6), nameSize = Field(11);
            Assert.Equal(0u, Field(12)); // check field is 0 in newc
            string name = Encoding.UTF8.GetString(archive, pos + 110, (int)nameSize - 1);
            Assert.Equal(0, archive[pos + 110 + (int)nameSize - 1]);
            int data = Align(pos + 110 + (int)nameSize);
            var entry = new NewcEntry(pos, name, Field(0), Field(1), Field(4), Field(9), Field(10), archive[data..(data + (int)fileSize)]);
            pos = Align(data + (int)fileSize);
            if (name == "TRAILER!!!")
            {
                Assert.Equal(archive.Length, pos);
                return entries;
            }
            entries.Add(entry);
        }
    }

    private static int Align(int n) => (n + 3) & ~3;
}
