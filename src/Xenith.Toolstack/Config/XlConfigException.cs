namespace Xenith.Toolstack.Config;

/// <summary>
/// A config that xl would refuse. <see cref="Diagnostics"/> holds the lines xl would print to stderr
/// (<c>file:line: message</c>, then any trailing notes such as the Python hint); the message is those lines joined.
/// </summary>
public sealed class XlConfigException : Exception
{
    public XlConfigException(IReadOnlyList<string> diagnostics)
        : base(string.Join('\n', diagnostics)) => Diagnostics = diagnostics;

    public XlConfigException(string diagnostic) : this([diagnostic]) { }

    public XlConfigException() : this("xl.cfg error") { }

    public XlConfigException(string message, Exception innerException) : base(message, innerException) =>
        Diagnostics = [message];

    public IReadOnlyList<string> Diagnostics { get; }
}
