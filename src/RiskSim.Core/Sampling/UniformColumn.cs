using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RiskSim.Core.Sampling;

/// <summary>
/// Whole columns of open-unit uniforms for one input in one block of trials: SplitMix64 over a Weyl counter, so
/// draw t of the column is a pure function of (seed, input key, block, t) and eight draws are made at once.
/// </summary>
/// <remarks>
/// The stream's origin is derived from the master seed, the input's name hash and the block index exactly as
/// <see cref="RandomStream"/> derives its state, so results never depend on threads and adding an input leaves the
/// others' draws alone. Draw t is mix(origin + (t + 1)·γ) with γ = 0x9E3779B97F4A7C15 and mix the SplitMix64
/// finaliser (the SplitMix64 generator itself). Only integer operations make the bits, so the Vector512, Vector256
/// and scalar forms agree exactly; the uniform is ((bits &gt;&gt; 12) + ½)·2⁻⁵², strictly inside (0, 1).
/// </remarks>
internal static class UniformColumn
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;
    // 2^52 as bits: OR-ing 52 random bits into it and subtracting 2^52 gives their value exactly.
    private const ulong TwoP52Bits = 0x4330000000000000UL;
    private const double TwoP52 = 4503599627370496.0;
    private const double Ulp = 1.0 / 4503599627370496.0;

    /// <summary>The origin of the stream of one input in one block.</summary>
    public static ulong Origin(ulong seed, ulong inputKey, ulong block)
    {
        ulong x = Mix(seed + Gamma);
        x = Mix((x ^ inputKey) + Gamma);
        return Mix((x ^ (block * 0xD1B54A32D192ED03UL)) + Gamma);
    }

    /// <summary>Fills <paramref name="destination"/> with the first draws of the stream (seed, input key, block).</summary>
    public static void Fill(ulong seed, ulong inputKey, ulong block, Span<double> destination) =>
        Fill(Origin(seed, inputKey, block), destination);

    /// <summary>Fills <paramref name="destination"/> with draws 0, 1, … of the stream starting at <paramref name="origin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong origin, Span<double> destination)
    {
        int n = destination.Length;
        ref double d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (ColumnMath.Width >= 8)
        {
            var counter = Vector512.Create(origin) + Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * Vector512.Create(Gamma);
            var step = Vector512.Create(unchecked(8 * Gamma));
            for (; i + 8 <= n; i += 8)
            {
                var z = counter;
                z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(Mix1);
                z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(Mix2);
                z ^= Vector512.ShiftRightLogical(z, 31);
                var m = (Vector512.ShiftRightLogical(z, 12) | Vector512.Create(TwoP52Bits)).AsDouble() - Vector512.Create(TwoP52);
                ((m + Vector512.Create(0.5)) * Vector512.Create(Ulp)).StoreUnsafe(ref d, (nuint)i);
                counter += step;
            }
        }
        else if (ColumnMath.Width >= 4)
        {
            var counter = Vector256.Create(origin) + Vector256.Create(1UL, 2, 3, 4) * Vector256.Create(Gamma);
            var step = Vector256.Create(unchecked(4 * Gamma));
            for (; i + 4 <= n; i += 4)
            {
                var z = counter;
                z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(Mix1);
                z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(Mix2);
                z ^= Vector256.ShiftRightLogical(z, 31);
                var m = (Vector256.ShiftRightLogical(z, 12) | Vector256.Create(TwoP52Bits)).AsDouble() - Vector256.Create(TwoP52);
                ((m + Vector256.Create(0.5)) * Vector256.Create(Ulp)).StoreUnsafe(ref d, (nuint)i);
                counter += step;
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Draw(origin, i);
        }
    }

    /// <summary>Draw <paramref name="t"/> of the stream starting at <paramref name="origin"/>; the scalar twin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Draw(ulong origin, int t)
    {
        ulong z = Mix(origin + ((ulong)t + 1) * Gamma);
        double m = BitConverter.Int64BitsToDouble((long)((z >> 12) | TwoP52Bits)) - TwoP52;
        return (m + 0.5) * Ulp;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }
}
