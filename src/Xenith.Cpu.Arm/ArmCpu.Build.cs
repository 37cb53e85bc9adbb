using Xenith.Cpu.Arm.Decode;

namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    /// <summary>Blocks by physical page number, for invalidation when their code is written; shared by a cluster.</summary>
    private CodePages _codePages = null!;

    /// <summary>
    /// Makes these CPUs, which share one physical memory, invalidate each other's decoded code: a store by
    /// any of them to code that another decoded drops the other's blocks. Call before they run.
    /// </summary>
    public static void ShareDecodedCode(IReadOnlyList<ArmCpu> cpus)
    {
        var shared = new CodePages();
        foreach (var cpu in cpus)
        {
            cpu.FlushBlocks();
            cpu._codePages.Leave(cpu);
            cpu._codePages = shared;
            shared.Join(cpu);
        }
    }

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
        var handlers = new nint[count];
        for (int i = 0; i < count; i++)
            handlers[i] = (nint)HandlerFor(buf[i].Op);
        var block = new Block
        {
            Owner = this,
            Key = key,
            Insns = buf.AsSpan(0, count).ToArray(),
            Handlers = handlers,
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

    private void AddCodePage(ulong pageNumber, Block block) => _codePages.Add(pageNumber, block);

    /// <summary>A write reached a page holding decoded code: drop the blocks whose bytes it overlaps, on every CPU.</summary>
    private void OnCodeWrite(ulong pa, int size) => _codePages.OnWrite(pa, size);

    /// <summary>Makes this CPU's stores to the page take the slow path (some CPU decoded code there).</summary>
    internal void ProtectDecodedPage(ulong pageNumber) => ProtectCodePage(pageNumber);

    /// <summary>Drops one of this CPU's blocks whose code was overwritten.</summary>
    internal void DropBlock(Block b)
    {
        b.Valid = false;
        _blocks.Remove(b.Key);
        if (b.Running)
            EndBlockAfterThis();
    }

    private bool IsCodePage(ulong pageNumber) => _codePages.Contains(pageNumber);
}
