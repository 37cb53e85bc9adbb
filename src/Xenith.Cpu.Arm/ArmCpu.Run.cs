using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private const int MaxBlockInstructions = 128;
    private const int FastBlockCacheSize = 4096;

    private readonly Dictionary<BlockKey, Block> _blocks = [];
    private readonly Block?[] _fastBlocks = new Block?[FastBlockCacheSize];
    private readonly Insn[] _decodeScratch = new Insn[MaxBlockInstructions];
    /// <summary>A block is executing (an executor is running): changes to code or translation must end it.
    /// The block itself carries <see cref="Block.Running"/>; flags rather than a reference to the block keep
    /// the per-block path free of GC write barriers.</summary>
    private bool _inBlock;
    /// <summary>Bumped whenever a cached translation may have changed (TLB flush, privilege change):
    /// links between blocks made under an older generation are not followed.</summary>
    private uint _translationGeneration;

    /// <summary>How the instruction just executed ended the block early.</summary>
    private BlockEnd _end;
    private ExitReason _exitReason;
    private bool _exitPending;
    private volatile bool _exitRequested;

    private enum BlockEnd : byte
    {
        None,
        /// <summary>PC was written: R[15] holds the target.</summary>
        Branch,
        /// <summary>An exception was taken or an exit is pending: all state is final.</summary>
        Exception,
        /// <summary>Continue at the next instruction, but re-decode (code or decode state changed).</summary>
        Resync,
    }

    /// <summary>The IRQ input (level-sensitive), driven by the interrupt controller. Taken at the next
    /// block boundary when CPSR.I is clear; WFI ends on it whatever the mask.</summary>
    public volatile bool IrqLine;

    /// <summary>The FIQ input, as <see cref="IrqLine"/> with CPSR.F.</summary>
    public volatile bool FiqLine;

    /// <summary>Asks a running <see cref="Run"/> to return <see cref="ExitReason.Stop"/> at the next block boundary. Thread-safe.</summary>
    public void RequestExit() => _exitRequested = true;

    /// <summary>Runs until an exit or until exactly <paramref name="budget"/> more instructions have executed.</summary>
    public ExitReason Run(long budget)
    {
        ulong limit = Instructions + (ulong)Math.Max(budget, 0);
        // Each pass executes at least one instruction or takes one exception. Faulting instructions
        // do not count as executed, so a guest that faults forever (say, vectors in unmapped
        // memory) would never use up the budget: passes are bounded by it too.
        long passes = 0;
        Block? prev = null;
        _exitPending = false;
        while (true)
        {
            if (_exitRequested)
            {
                _exitRequested = false;
                return ExitReason.Stop;
            }
            if (Instructions >= limit || passes++ >= budget)
                return ExitReason.Budget;
            if ((FiqLine && !F) || (IrqLine && !I))
            {
                TakeInterrupt(fiq: FiqLine && !F);
                prev = null;
                continue;
            }
            Block? block = prev != null ? prev.Successor(R[15], IT, T, _translationGeneration) : null;
            if (block == null)
            {
                block = LookupBlock();
                if (block != null)
                    prev?.Link(block, _translationGeneration);
            }
            prev = block;
            if (block != null)
                ExecuteBlock(block, limit - Instructions);
            if (_exitPending)
            {
                _exitPending = false;
                return _exitReason;
            }
        }
    }

    /// <summary>Runs a block, or its first <paramref name="budget"/> instructions, so that a budget stops exactly.</summary>
    private unsafe void ExecuteBlock(Block block, ulong budget)
    {
        // Hot loop: the instructions and their handlers are walked by reference (count never exceeds
        // either array), the PC slot is held by reference, and the retired count is stored rather than
        // incremented in memory. An executor that un-counts its instruction (an exception) always ends
        // the block, so the stored count never overwrites that.
        _inBlock = block.Running = true;
        Insn[] insns = block.Insns;
        int count = budget < (ulong)insns.Length ? (int)budget : insns.Length;
        ref Insn first = ref MemoryMarshal.GetArrayDataReference(insns);
        ref nint handlers = ref MemoryMarshal.GetArrayDataReference(block.Handlers);
        uint pcOffset = T ? 4u : 8u;
        ref uint pc = ref R[15];
        ulong retired = Instructions;
        _end = BlockEnd.None;
        for (int i = 0; i < count; i++)
        {
            ref Insn d = ref Unsafe.Add(ref first, i);
            pc = d.Address + pcOffset;
            Instructions = ++retired;
            if (d.Cond >= 14 || ConditionPassed(d.Cond))
                ((delegate*<ArmCpu, ref Insn, void>)Unsafe.Add(ref handlers, i))(this, ref d);
            if (_end != BlockEnd.None)
            {
                if (_end != BlockEnd.Exception)
                {
                    IT = d.ItAfter;
                    if (_end == BlockEnd.Resync)
                        pc = d.Address + d.Size;
                }
                _inBlock = block.Running = false;
                return;
            }
            IT = d.ItAfter;
        }
        ref Insn last = ref Unsafe.Add(ref first, count - 1);
        pc = last.Address + last.Size;
        _inBlock = block.Running = false;
    }

    private void ExecCore(ref Insn d)
    {
        if ((CoreOp)d.Op != CoreOp.Nop)
            RaiseUndefined();
    }

    /// <summary>Writes PC as a branch (BranchWritePC): the target keeps the current instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BranchTo(uint target)
    {
        R[15] = T ? target & ~1u : target & ~3u;
        _end = BlockEnd.Branch;
    }

    /// <summary>Writes PC with interworking (BXWritePC): bit 0 selects T32.</summary>
    public void BranchExchange(uint target)
    {
        if ((target & 1) != 0)
        {
            T = true;
            R[15] = target & ~1u;
        }
        else
        {
            T = false;
            R[15] = target & ~3u;
        }
        _end = BlockEnd.Branch;
    }

    /// <summary>LoadWritePC and, in A32, ALUWritePC: interworking in ARMv7.</summary>
    public void LoadWritePc(uint target) => BranchExchange(target);

    /// <summary>ALUWritePC: interworking from A32, a plain branch from T32.</summary>
    public void AluWritePc(uint target)
    {
        if (T)
            BranchTo(target);
        else
            BranchExchange(target);
    }

    /// <summary>Ends the block after the current instruction so that later instructions are decoded afresh
    /// (after a write to CPSR.T/E/mode, to code, or a context-synchronising instruction).</summary>
    public void EndBlockAfterThis()
    {
        if (_end == BlockEnd.None)
            _end = BlockEnd.Resync;
    }

    /// <summary>Stops execution with an exit to the host. <paramref name="pc"/> is where execution resumes.</summary>
    public void ExitToHost(ExitReason reason, uint pc, uint imm = 0)
    {
        _exitReason = reason;
        _exitPending = true;
        ExitImm = imm;
        R[15] = pc;
        _end = BlockEnd.Exception;
    }

    /// <summary>Address of the instruction executing now (valid inside an executor).</summary>
    public uint CurrentInstructionAddress => R[15] - (T ? 4u : 8u);

    private Block? LookupBlock()
    {
        uint pc = R[15];
        if (!TranslateFetch(pc, out ulong pa))
            return null;
        var key = new BlockKey(pc, pa, IT, T);
        int slot = (int)((pc ^ (pc >> 12) ^ (uint)(IT << 4)) >> 1) & (FastBlockCacheSize - 1);
        Block? b = _fastBlocks[slot];
        if (b != null && b.Valid && b.Key == key)
            return b;
        if (!_blocks.TryGetValue(key, out b))
        {
            b = BuildBlock(key);
            if (b == null)
                return null;
            _blocks[key] = b;
        }
        _fastBlocks[slot] = b;
        return b;
    }

    /// <summary>Drops every decoded block (e.g. after a change to the address space).</summary>
    public void FlushBlocks()
    {
        foreach (var b in _blocks.Values)
            b.Valid = false;
        _blocks.Clear();
        _codePages.Forget(this);
        Array.Clear(_fastBlocks);
        FlushTlb();
        if (_inBlock)
            EndBlockAfterThis();
    }
}

/// <summary>Operations of <see cref="OpGroup.Undefined"/>, executed by the core itself.</summary>
public enum CoreOp : ushort
{
    /// <summary>An unallocated or unimplemented encoding: UNDEFINED.</summary>
    Undefined = 0x0000,
    /// <summary>No operation (also the T32 IT instruction, whose effect is carried by <see cref="Insn.ItAfter"/>).</summary>
    Nop = 0x0001,
}
