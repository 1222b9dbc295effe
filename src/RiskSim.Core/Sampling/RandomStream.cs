using System.Numerics;
using System.Runtime.CompilerServices;

namespace RiskSim.Core.Sampling;

/// <summary>
/// xoshiro256** generator seeded through splitmix64. A mutable struct: each block of trials
/// owns one stream per input, so no state is ever shared between threads.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A random stream is the statistical term: one sequence of random numbers, not a System.IO stream.")]
public struct RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the stream for one input (by name hash) in one block of trials.</summary>
    /// <param name="seed">The run's master seed.</param>
    /// <param name="inputKey">A stable hash of the input's dotted name (see <see cref="KeyOf"/>).</param>
    /// <param name="block">The block index; streams of different blocks never overlap in practice.</param>
    public RandomStream(ulong seed, ulong inputKey, ulong block)
    {
        ulong x = SplitMix(seed);
        x = SplitMix(x ^ inputKey);
        x = SplitMix(x ^ (block * 0xD1B54A32D192ED03UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>FNV-1a 64-bit hash of an input's dotted name; stable across runs and platforms.</summary>
    public static ulong KeyOf(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>Next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniform variate strictly inside (0, 1) on the grid (k + ½)·2⁻⁵², so inverse CDFs never see 0 or 1
    /// (with 53 bits the top value would round to exactly 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUnit() => ((NextUInt64() >> 12) + 0.5) * (1.0 / 4503599627370496.0);

    /// <summary>Fills <paramref name="destination"/> with open-unit uniforms.</summary>
    public void Fill(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextOpenUnit();
        }
    }

    private static ulong SplitMix(ulong x)
    {
        ulong z = x + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
