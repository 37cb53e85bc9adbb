using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Memory;

/// <summary>
/// Hypercall arguments in guest memory. Pointers in hypercalls are guest virtual addresses: they are
/// translated through the calling vCPU's stage 1 (as a PL1 access) and then its domain's p2m. Anything
/// unmapped, or not writable for a store, is -EFAULT for the caller. Guest data is copied once, then used.
/// </summary>
public static unsafe class GuestMemory
{
    /// <summary>Copies <paramref name="dest"/>.Length bytes from guest VA <paramref name="va"/>; false on a fault.</summary>
    public static bool CopyFrom(Vcpu vcpu, uint va, Span<byte> dest)
    {
        while (!dest.IsEmpty)
        {
            byte* p = Translate(vcpu, va, AccessKind.Read);
            if (p == null)
                return false;
            int n = Math.Min(4096 - (int)(va & 0xFFF), dest.Length);
            new ReadOnlySpan<byte>(p, n).CopyTo(dest);
            dest = dest[n..];
            va += (uint)n;
        }
        return true;
    }

    /// <summary>Copies <paramref name="src"/> to guest VA <paramref name="va"/>; false on a fault (bytes before it may be written, as in Xen).</summary>
    public static bool CopyTo(Vcpu vcpu, uint va, ReadOnlySpan<byte> src)
    {
        while (!src.IsEmpty)
        {
            byte* p = Translate(vcpu, va, AccessKind.Write);
            if (p == null)
                return false;
            int n = Math.Min(4096 - (int)(va & 0xFFF), src.Length);
            src[..n].CopyTo(new Span<byte>(p, n));
            src = src[n..];
            va += (uint)n;
        }
        return true;
    }

    public static bool Read<T>(Vcpu vcpu, uint va, out T value) where T : unmanaged
    {
        value = default;
        fixed (T* p = &value)
            return CopyFrom(vcpu, va, new Span<byte>(p, sizeof(T)));
    }

    public static bool Write<T>(Vcpu vcpu, uint va, in T value) where T : unmanaged
    {
        fixed (T* p = &value)
            return CopyTo(vcpu, va, new ReadOnlySpan<byte>(p, sizeof(T)));
    }

    private static byte* Translate(Vcpu vcpu, uint va, AccessKind access)
    {
        if (vcpu.Cpu.TranslateVa(va, access, user: false, out ulong ipa).Status != FaultStatus.None)
            return null;
        if (!vcpu.Domain.P2m.TryGet(ipa >> 12, out var e) || (access == AccessKind.Write && e.Type == P2mType.GrantRo))
            return null;
        return vcpu.Domain.P2m.HostAddress(ipa);
    }
}
