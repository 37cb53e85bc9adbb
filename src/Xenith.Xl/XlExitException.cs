namespace Xenith.Xl;

/// <summary>xl's <c>exit(code)</c> from deep inside a command: whatever had to be said is already printed.</summary>
internal sealed class XlExitException(int exitCode) : Exception($"xl exits with {exitCode}")
{
    public int ExitCode { get; } = exitCode;
}
