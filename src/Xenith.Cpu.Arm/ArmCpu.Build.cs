using Xenith.Cpu.Arm.Decode;

namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    /// <summary>Blocks by physical page number, for invalidation when their code is written.</summary>
    private readonly Dictionary<ulong, List<Block>> _pageBlocks = [];

    /// <summary>Decodes a block at the key's address. Returns null if even the first instruction cannot be fetched
    /// (the prefetch abort has then been raised).</summary>
    private unsafe Block? BuildBlock(BlockKey key)
    {
        uint va = key.Va;
        ulong pa = key.Pa;
        byte* page = Bus.RamPage(pa);
        if (page == null)
        {
            RaisePrefetchAbort(va, FaultStatus.ExternalAbort);
            return null;
        }
        ulong lastPage = pa >> 12;
        int count = 0;
        uint off = (uint)(pa & 0xFFF);
        Insn[] buf = _decodeScratch;
        if (!key.Thumb)
        {
            while (count < MaxBlockInstructions)
            {
                ref Insn d = ref buf[count];
                uint word = *(uint*)(page + off);
                d = default;
                d.Address = va;
                A32Decoder.Decode(word, ref d);
                count++;
                va += 4;
                off += 4;
                if ((d.Attr & (byte)InsnAttr.EndsBlock) != 0 || off >= 4096)
                    break;
            }
        }
        else
        {
            byte it = key.It;
            while (count < MaxBlockInstructions)
            {
                ref Insn d = ref buf[count];
                uint hw1 = ReadHalf(page, off);
                uint hw2 = 0;
                bool wide = T32Decoder.IsWide(hw1);
                if (wide)
                {
                    if (off + 2 < 4096)
                    {
                        hw2 = ReadHalf(page, off + 2);
                    }
                    else
                    {
                        // The second halfword is on the next page: it may not be mapped. Only the first
                        // instruction of a block takes the abort; otherwise the block simply ends here.
                        if (!TranslateFetch(va + 2, out ulong pa2, raise: count == 0))
                        {
                            if (count == 0)
                                return null;
                            break;
                        }
                        byte* page2 = Bus.RamPage(pa2);
                        if (page2 == null)
                        {
                            if (count == 0)
                            {
                                RaisePrefetchAbort(va + 2, FaultStatus.ExternalAbort);
                                return null;
                            }
                            break;
                        }
                        hw2 = ReadHalf(page2, 0);
                        lastPage = pa2 >> 12;
                    }
                }
                d = default;
                d.Address = va;
                it = T32Decoder.Decode(hw1, hw2, it, ref d);
                count++;
                va += d.Size;
                off += d.Size;
                if ((d.Attr & (byte)InsnAttr.EndsBlock) != 0 || off >= 4096)
                    break;
            }
        }
        var block = new Block
        {
            Key = key,
            Insns = buf.AsSpan(0, count).ToArray(),
            FirstPage = pa >> 12,
            LastPage = lastPage,
            PaStart = pa,
            PaEnd = pa + (va - key.Va),
        };
        AddCodePage(block.FirstPage, block);
        if (lastPage != block.FirstPage)
            AddCodePage(lastPage, block);
        return block;
    }

    /// <summary>Instruction fetches are little-endian whatever CPSR.E says (ARMv7 BE-8).</summary>
    private static unsafe uint ReadHalf(byte* page, uint off) => *(ushort*)(page + off);

    private void AddCodePage(ulong pageNumber, Block block)
    {
        if (!_pageBlocks.TryGetValue(pageNumber, out var list))
        {
            list = [];
            _pageBlocks[pageNumber] = list;
            ProtectCodePage(pageNumber);
        }
        list.Add(block);
    }

    /// <summary>A write reached a page holding decoded code: drop the blocks whose bytes it overlaps.</summary>
    private void OnCodeWrite(ulong pa, int size)
    {
        ulong pageNumber = pa >> 12;
        if (!_pageBlocks.TryGetValue(pageNumber, out var list))
            return;
        ulong end = pa + (ulong)size;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            Block b = list[i];
            if (b.Valid && pa < b.PaEnd && b.PaStart < end)
            {
                b.Valid = false;
                _blocks.Remove(b.Key);
                if (b == _currentBlock)
                    EndBlockAfterThis();
            }
            if (!b.Valid)
                list.RemoveAt(i);
        }
        if (list.Count == 0)
            _pageBlocks.Remove(pageNumber);
    }

    private bool IsCodePage(ulong pageNumber) => _pageBlocks.ContainsKey(pageNumber);
}
