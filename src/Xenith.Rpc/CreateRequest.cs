namespace Xenith.Rpc;

/// <summary>
/// <c>xl create</c>: the config file as the user named it, resolved against <see cref="ClientCwd"/> (the
/// daemon's own cwd differs); <see cref="Overrides"/> are the <c>KEY=VALUE</c> arguments in order, applied
/// after the file as extra lines. <see cref="Paused"/>: leave the domain paused (-p).
/// </summary>
public sealed record CreateRequest(string ConfigPath, IReadOnlyList<string> Overrides, string ClientCwd, bool Paused);

/// <summary>A created domain, and the warnings the config produced (unknown keys and the like).</summary>
public sealed record CreateResult(uint DomId, string Name, IReadOnlyList<string> Warnings);

/// <summary>Which console of a domain: the PV console (hvc), the emulated serial, or the vPL011 (vuart).</summary>
public enum ConsoleType
{
    Pv,
    Serial,
    Vuart,
}

/// <summary>One fired XenStore watch: the path that changed and the token given when it was set.</summary>
public sealed record XenStoreWatchEvent(string Path, string Token);
