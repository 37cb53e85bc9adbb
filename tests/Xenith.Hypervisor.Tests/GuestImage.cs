using System.Diagnostics;

namespace Xenith.Hypervisor.Tests;

/// <summary>Assembles a test guest from Guests/NAME.S into an ELF linked at the domU kernel address.</summary>
internal static class GuestImage
{
    public static byte[] Build(string name)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Guests", name + ".S");
        string elf = Path.Combine(Path.GetTempPath(), $"xenith-guest-{name}-{Environment.ProcessId}.elf");
        var psi = new ProcessStartInfo("arm-none-eabi-gcc", ["-march=armv7-a", "-nostdlib", "-Wl,-Ttext=0x40008000", "-Wl,--build-id=none", "-o", elf, source])
        {
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"assembling {name}.S failed:\n{err}");
        byte[] image = File.ReadAllBytes(elf);
        File.Delete(elf);
        return image;
    }
}
