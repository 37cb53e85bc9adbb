namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>xoshiro128**-style generator: fast, and its sequence is fixed forever, so seeds stay reproducible.</summary>
public struct Rng
{
    private uint _a, _b, _c, _d;

    public Rng(ulong seed)
    {
        // SplitMix64 spreads the seed over the state.
        ulong z = seed;
        _a = (uint)Mix(ref z);
        _b = (uint)Mix(ref z);
        _c = (uint)Mix(ref z);
        _d = (uint)Mix(ref z);
        if ((_a | _b | _c | _d) == 0)
            _a = 1;
    }

    private static ulong Mix(ref ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        ulong x = z;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    public uint Next()
    {
        uint result = uint.RotateLeft(_b * 5, 7) * 9;
        uint t = _b << 9;
        _c ^= _a;
        _d ^= _b;
        _b ^= _c;
        _a ^= _d;
        _c ^= t;
        _d = uint.RotateLeft(_d, 11);
        return result;
    }

    public ulong Next64() => ((ulong)Next() << 32) | Next();

    /// <summary>Uniform in [0, n).</summary>
    public int Below(int n) => (int)(((ulong)Next() * (uint)n) >> 32);

    /// <summary>True with probability 1/n.</summary>
    public bool OneIn(int n) => Below(n) == 0;
}
