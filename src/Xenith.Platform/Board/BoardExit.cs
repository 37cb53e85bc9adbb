namespace Xenith.Platform.Board;

/// <summary>Why <see cref="VirtBoard.Run"/> returned.</summary>
public enum BoardExit
{
    /// <summary>PSCI SYSTEM_OFF.</summary>
    PowerOff,
    /// <summary>PSCI SYSTEM_RESET.</summary>
    Reset,
    /// <summary>Every CPU called PSCI CPU_OFF.</summary>
    AllCpusOff,
    /// <summary>The caller's cancellation token fired.</summary>
    Cancelled,
}

/// <summary>The machine cannot go on (a guest state the board cannot resolve); the message says why.</summary>
public sealed class BoardException(string message) : Exception(message);
