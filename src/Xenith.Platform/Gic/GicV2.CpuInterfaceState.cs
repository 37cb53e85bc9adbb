namespace Xenith.Platform;

public sealed partial class GicV2
{
    /// <summary>One CPU interface: its control registers and the priorities of the interrupts it has acknowledged.</summary>
    private sealed class CpuInterfaceState
    {
        // GICC_CTLR in the layout of a GIC without Security Extensions.
        public const uint EnableGrp0 = 1u << 0, FiqEn = 1u << 3, EoiModeS = 1u << 9;
        // Bits kept: enable, FIQEn, the four bypass-disable bits (stored only: there is no bypass signal), EOImode.
        public const uint CtlrMask = EnableGrp0 | FiqEn | 0x1E0 | EoiModeS;

        public uint Ctlr;
        /// <summary>GICC_PMR: only interrupts with a priority value below it are signalled (8 bits implemented).</summary>
        public int Pmr;
        /// <summary>GICC_BPR (minimum 0) and GICC_ABPR (minimum 1).</summary>
        public uint Bpr, Abpr = 1;
        public bool IrqOut, FiqOut;

        // The active priorities, as acknowledged (innermost last): a priority drop (EOIR) removes one entry.
        // Each entry holds the ID with its SGI source (the IAR value) and the group priority it runs at.
        public readonly List<(int IarValue, int GroupPriority)> Running = new(8);

        public bool Enabled => (Ctlr & EnableGrp0) != 0;

        public bool FiqEnabled => (Ctlr & FiqEn) != 0;

        /// <summary>EOImode = 1: GICC_EOIR only drops priority and GICC_DIR deactivates.</summary>
        public bool SplitEoi => (Ctlr & EoiModeS) != 0;

        /// <summary>The priority bits that form the group priority (GICC_BPR = n: bits [7:n+1]); only they preempt.</summary>
        public int GroupPriorityMask => 0xFF << (int)(Bpr + 1) & 0xFF;

        /// <summary>The group priority of the innermost active interrupt; 0x100 (idle) when none is active.</summary>
        public int RunningPriority => Running.Count == 0 ? 0x100 : Running[^1].GroupPriority;
    }
}
