namespace Xenith.Toolstack.Config;

/// <summary>What to do when a guest powers off, reboots, crashes, trips its watchdog or asks for a soft reset.</summary>
public enum XlShutdownAction
{
    Destroy,
    Restart,
    RenameRestart,
    Preserve,
    CoredumpDestroy,
    CoredumpRestart,
    SoftReset,
}

public static class XlShutdownActions
{
    private static readonly string[] Names =
        ["destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart", "soft-reset"];

    /// <summary>The name as written in xl.cfg and shown by xl.</summary>
    public static string Name(this XlShutdownAction action) => Names[(int)action];

    public static bool TryParse(string name, out XlShutdownAction action)
    {
        int i = Array.IndexOf(Names, name);
        action = (XlShutdownAction)Math.Max(i, 0);
        return i >= 0;
    }
}
