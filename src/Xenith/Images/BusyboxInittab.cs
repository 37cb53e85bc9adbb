namespace Xenith.Images;

/// <summary>
/// The /etc/inittab the initramfs and busybox.img hand to busybox's init once their own /init (or /sbin/init)
/// script has set the system up. Being PID 1, busybox init honours busybox's poweroff, reboot and halt (they signal
/// init: USR2, TERM, USR1), runs the shutdown actions, and then powers off, restarts or halts the machine or domain;
/// a script as PID 1 would only see those signals after its shell had exited. The one shell runs on the console
/// (setsid + cttyhack make it the controlling terminal, so Ctrl-C reaches the foreground job), and leaving it powers off.
/// </summary>
internal static class BusyboxInittab
{
    public static string Text(params string[] shutdown) =>
        "::once:/bin/sh -c 'setsid cttyhack sh; poweroff'\n" + string.Concat(shutdown.Select(s => $"::shutdown:{s}\n"));
}
