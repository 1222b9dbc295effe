using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RiskSim.Core.Statistics;

/// <summary>
/// The statistics stage's column kernels: moments, histogram slots and threshold counts of one metric column, on
/// AVX-512, AVX2 or scalar code. Every path gives the same bits: the moments are summed in <see cref="Lanes"/>
/// lane-wise partial sums (element i into lane i mod 32, in order) combined by one fixed pairwise tree, and the
/// scalar twin sums the same lanes the same way; slots use the same IEEE operations on every path.
/// </summary>
internal static class ColumnKernels
{
    /// <summary>Partial sums of a column's moments: element i goes to lane i mod <see cref="Lanes"/>.</summary>
    public const int Lanes = 32;

    private static readonly int Hardware = Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 512
        : Vector256.IsHardwareAccelerated && Avx.IsSupported ? 256 : 0;

    private static volatile int s_width = Hardware;

    /// <summary>
    /// Widest vector the kernels use: 512, 256 or 0 (scalar). Changing it (tests) never changes a result. Tests may
    /// raise it to 512 on any machine with AVX, where the 512-bit code runs in software.
    /// </summary>
    public static int Width
    {
        get => s_width;
        set => s_width = Math.Min(value, Avx.IsSupported ? 512 : 0);
    }

    /// <summary>Count, mean, sum of squared deviations, minimum and maximum of a column (two passes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Moments MomentsOf(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return Moments.Empty;
        }
        Span<double> lanes = stackalloc double[Lanes];
        ref double r = ref MemoryMarshal.GetReference(values);
        int width = s_width;
        int done;
        double min, max;
        if (width == 512)
        {
            done = Sum512(ref r, n, lanes, out min, out max);
        }
        else if (width == 256)
        {
            done = Sum256(ref r, n, lanes, out min, out max);
        }
        else
        {
            lanes.Clear();
            done = 0;
            min = double.PositiveInfinity;
            max = double.NegativeInfinity;
        }
        for (int i = done; i < n; i++)
        {
            double v = Unsafe.Add(ref r, i);
            lanes[i & (Lanes - 1)] += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double mean = Combine(lanes) / n;
        done = width == 512 ? Squares512(ref r, n, mean, lanes) : width == 256 ? Squares256(ref r, n, mean, lanes) : Cleared(lanes);
        for (int i = done; i < n; i++)
        {
            double d = Unsafe.Add(ref r, i) - mean;
            lanes[i & (Lanes - 1)] += d * d;
        }
        return new Moments { Count = n, Mean = mean, M2 = Combine(lanes), Min = min, Max = max };
    }

    private static int Cleared(Span<double> lanes)
    {
        lanes.Clear();
        return 0;
    }

    // The lanes added pairwise: lane k + lane k+16, then k + k+8, …, a fixed tree.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Combine(Span<double> lanes)
    {
        for (int half = Lanes / 2; half >= 1; half >>= 1)
        {
            for (int k = 0; k < half; k++)
            {
                lanes[k] += lanes[k + half];
            }
        }
        return lanes[0];
    }

    private static int Sum512(ref double r, int n, Span<double> lanes, out double min, out double max)
    {
        var s0 = Vector512<double>.Zero;
        var s1 = Vector512<double>.Zero;
        var s2 = Vector512<double>.Zero;
        var s3 = Vector512<double>.Zero;
        var lo = Vector512.Create(double.PositiveInfinity);
        var hi = Vector512.Create(double.NegativeInfinity);
        int full = n & ~(Lanes - 1);
        for (int i = 0; i < full; i += Lanes)
        {
            var v0 = Vector512.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref r, (nuint)(i + 8));
            var v2 = Vector512.LoadUnsafe(ref r, (nuint)(i + 16));
            var v3 = Vector512.LoadUnsafe(ref r, (nuint)(i + 24));
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
            lo = Vector512.Min(lo, Vector512.Min(Vector512.Min(v0, v1), Vector512.Min(v2, v3)));
            hi = Vector512.Max(hi, Vector512.Max(Vector512.Max(v0, v1), Vector512.Max(v2, v3)));
        }
        s0.CopyTo(lanes);
        s1.CopyTo(lanes[8..]);
        s2.CopyTo(lanes[16..]);
        s3.CopyTo(lanes[24..]);
        min = double.PositiveInfinity;
        max = double.NegativeInfinity;
        for (int k = 0; k < 8; k++)
        {
            min = Math.Min(min, lo.GetElement(k));
            max = Math.Max(max, hi.GetElement(k));
        }
        return full;
    }

    private static int Sum256(ref double r, int n, Span<double> lanes, out double min, out double max)
    {
        var s0 = Vector256<double>.Zero;
        var s1 = Vector256<double>.Zero;
        var s2 = Vector256<double>.Zero;
        var s3 = Vector256<double>.Zero;
        var s4 = Vector256<double>.Zero;
        var s5 = Vector256<double>.Zero;
        var s6 = Vector256<double>.Zero;
        var s7 = Vector256<double>.Zero;
        var lo = Vector256.Create(double.PositiveInfinity);
        var hi = Vector256.Create(double.NegativeInfinity);
        int full = n & ~(Lanes - 1);
        for (int i = 0; i < full; i += Lanes)
        {
            var v0 = Vector256.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref r, (nuint)(i + 4));
            var v2 = Vector256.LoadUnsafe(ref r, (nuint)(i + 8));
            var v3 = Vector256.LoadUnsafe(ref r, (nuint)(i + 12));
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
            lo = Vector256.Min(lo, Vector256.Min(Vector256.Min(v0, v1), Vector256.Min(v2, v3)));
            hi = Vector256.Max(hi, Vector256.Max(Vector256.Max(v0, v1), Vector256.Max(v2, v3)));
            var v4 = Vector256.LoadUnsafe(ref r, (nuint)(i + 16));
            var v5 = Vector256.LoadUnsafe(ref r, (nuint)(i + 20));
            var v6 = Vector256.LoadUnsafe(ref r, (nuint)(i + 24));
            var v7 = Vector256.LoadUnsafe(ref r, (nuint)(i + 28));
            s4 += v4;
            s5 += v5;
            s6 += v6;
            s7 += v7;
            lo = Vector256.Min(lo, Vector256.Min(Vector256.Min(v4, v5), Vector256.Min(v6, v7)));
            hi = Vector256.Max(hi, Vector256.Max(Vector256.Max(v4, v5), Vector256.Max(v6, v7)));
        }
        s0.CopyTo(lanes);
        s1.CopyTo(lanes[4..]);
        s2.CopyTo(lanes[8..]);
        s3.CopyTo(lanes[12..]);
        s4.CopyTo(lanes[16..]);
        s5.CopyTo(lanes[20..]);
        s6.CopyTo(lanes[24..]);
        s7.CopyTo(lanes[28..]);
        min = double.PositiveInfinity;
        max = double.NegativeInfinity;
        for (int k = 0; k < 4; k++)
        {
            min = Math.Min(min, lo.GetElement(k));
            max = Math.Max(max, hi.GetElement(k));
        }
        return full;
    }

    private static int Squares512(ref double r, int n, double mean, Span<double> lanes)
    {
        var m = Vector512.Create(mean);
        var s0 = Vector512<double>.Zero;
        var s1 = Vector512<double>.Zero;
        var s2 = Vector512<double>.Zero;
        var s3 = Vector512<double>.Zero;
        int full = n & ~(Lanes - 1);
        for (int i = 0; i < full; i += Lanes)
        {
            var d0 = Vector512.LoadUnsafe(ref r, (nuint)i) - m;
            var d1 = Vector512.LoadUnsafe(ref r, (nuint)(i + 8)) - m;
            var d2 = Vector512.LoadUnsafe(ref r, (nuint)(i + 16)) - m;
            var d3 = Vector512.LoadUnsafe(ref r, (nuint)(i + 24)) - m;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        s0.CopyTo(lanes);
        s1.CopyTo(lanes[8..]);
        s2.CopyTo(lanes[16..]);
        s3.CopyTo(lanes[24..]);
        return full;
    }

    private static int Squares256(ref double r, int n, double mean, Span<double> lanes)
    {
        var m = Vector256.Create(mean);
        var s0 = Vector256<double>.Zero;
        var s1 = Vector256<double>.Zero;
        var s2 = Vector256<double>.Zero;
        var s3 = Vector256<double>.Zero;
        var s4 = Vector256<double>.Zero;
        var s5 = Vector256<double>.Zero;
        var s6 = Vector256<double>.Zero;
        var s7 = Vector256<double>.Zero;
        int full = n & ~(Lanes - 1);
        for (int i = 0; i < full; i += Lanes)
        {
            var d0 = Vector256.LoadUnsafe(ref r, (nuint)i) - m;
            var d1 = Vector256.LoadUnsafe(ref r, (nuint)(i + 4)) - m;
            var d2 = Vector256.LoadUnsafe(ref r, (nuint)(i + 8)) - m;
            var d3 = Vector256.LoadUnsafe(ref r, (nuint)(i + 12)) - m;
            var d4 = Vector256.LoadUnsafe(ref r, (nuint)(i + 16)) - m;
            var d5 = Vector256.LoadUnsafe(ref r, (nuint)(i + 20)) - m;
            var d6 = Vector256.LoadUnsafe(ref r, (nuint)(i + 24)) - m;
            var d7 = Vector256.LoadUnsafe(ref r, (nuint)(i + 28)) - m;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        s0.CopyTo(lanes);
        s1.CopyTo(lanes[4..]);
        s2.CopyTo(lanes[8..]);
        s3.CopyTo(lanes[12..]);
        s4.CopyTo(lanes[16..]);
        s5.CopyTo(lanes[20..]);
        s6.CopyTo(lanes[24..]);
        s7.CopyTo(lanes[28..]);
        return full;
    }

    /// <summary>
    /// Each value's histogram slot: x = (v − low)·scale; 0 when x is below 0 or NaN, <paramref name="top"/> + 1 at or above
    /// <paramref name="top"/>, else 1 + ⌊x⌋; a value equal to atom j goes to <paramref name="atomBase"/> + 8j + (i mod 8)
    /// instead (eight copies of each atom's counter, so that a run of equal values does not wait on one counter).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Slots(ReadOnlySpan<double> values, double low, double scale, int top, ReadOnlySpan<double> atoms,
        int atomBase, Span<int> slots)
    {
        int n = values.Length;
        ref double r = ref MemoryMarshal.GetReference(values);
        ref int s = ref MemoryMarshal.GetReference(slots);
        int width = s_width;
        int i = 0;
        if (width == 512)
        {
            var vlow = Vector512.Create(low);
            var vscale = Vector512.Create(scale);
            var vtop = Vector512.Create((double)top);
            var below = Vector512.Create(-1.0);
            var lane = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
            var one = Vector256.Create(1);
            for (; i <= n - 8; i += 8)
            {
                var v = Vector512.LoadUnsafe(ref r, (nuint)i);
                var x = (v - vlow) * vscale;
                x = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), x, below);
                x = Vector512.MinNative(x, vtop);
                for (int j = 0; j < atoms.Length; j++)
                {
                    var slot = Vector512.Create((double)(atomBase - 1 + 8 * j)) + lane;
                    x = Vector512.ConditionalSelect(Vector512.Equals(v, Vector512.Create(atoms[j])), slot, x);
                }
                // Two 256-bit halves: the same truncation as the narrower paths, and testable where AVX-512 is absent.
                (Vector256.Create(Avx.ConvertToVector128Int32WithTruncation(x.GetLower()), Avx.ConvertToVector128Int32WithTruncation(x.GetUpper())) + one)
                    .StoreUnsafe(ref s, (nuint)i);
            }
        }
        else if (width == 256)
        {
            var vlow = Vector256.Create(low);
            var vscale = Vector256.Create(scale);
            var vtop = Vector256.Create((double)top);
            var below = Vector256.Create(-1.0);
            var lane0 = Vector256.Create(0.0, 1, 2, 3);
            var lane1 = Vector256.Create(4.0, 5, 6, 7);
            var one = Vector128.Create(1);
            for (; i <= n - 4; i += 4)
            {
                var lane = (i & 4) == 0 ? lane0 : lane1;
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                var x = (v - vlow) * vscale;
                x = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), x, below);
                x = Vector256.MinNative(x, vtop);
                for (int j = 0; j < atoms.Length; j++)
                {
                    var slot = Vector256.Create((double)(atomBase - 1 + 8 * j)) + lane;
                    x = Vector256.ConditionalSelect(Vector256.Equals(v, Vector256.Create(atoms[j])), slot, x);
                }
                (Avx.ConvertToVector128Int32WithTruncation(x) + one).StoreUnsafe(ref s, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref r, i);
            double x = (v - low) * scale;
            x = x >= 0 ? x : -1.0;
            x = x < top ? x : top;
            for (int j = 0; j < atoms.Length; j++)
            {
                if (v == atoms[j])
                {
                    x = atomBase - 1 + 8 * j + (i & 7);
                }
            }
            Unsafe.Add(ref s, i) = (int)x + 1;
        }
    }

    /// <summary>How many values are at least <paramref name="threshold"/> (NaN never is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long AtLeast(ReadOnlySpan<double> values, double threshold)
    {
        int n = values.Length;
        ref double r = ref MemoryMarshal.GetReference(values);
        int i = 0;
        long count = 0;
        int width = s_width;
        if (width == 512)
        {
            var t = Vector512.Create(threshold);
            var c = Vector512<long>.Zero;
            for (; i <= n - 8; i += 8)
            {
                c -= Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref r, (nuint)i), t).AsInt64();
            }
            count = Vector512.Sum(c);
        }
        else if (width == 256)
        {
            var t = Vector256.Create(threshold);
            var c = Vector256<long>.Zero;
            for (; i <= n - 4; i += 4)
            {
                c -= Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref r, (nuint)i), t).AsInt64();
            }
            count = Vector256.Sum(c);
        }
        for (; i < n; i++)
        {
            count += Unsafe.Add(ref r, i) >= threshold ? 1 : 0;
        }
        return count;
    }

    /// <summary>How many values are above <paramref name="threshold"/> (NaN never is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Above(ReadOnlySpan<double> values, double threshold)
    {
        int n = values.Length;
        ref double r = ref MemoryMarshal.GetReference(values);
        int i = 0;
        long count = 0;
        int width = s_width;
        if (width == 512)
        {
            var t = Vector512.Create(threshold);
            var c = Vector512<long>.Zero;
            for (; i <= n - 8; i += 8)
            {
                c -= Vector512.GreaterThan(Vector512.LoadUnsafe(ref r, (nuint)i), t).AsInt64();
            }
            count = Vector512.Sum(c);
        }
        else if (width == 256)
        {
            var t = Vector256.Create(threshold);
            var c = Vector256<long>.Zero;
            for (; i <= n - 4; i += 4)
            {
                c -= Vector256.GreaterThan(Vector256.LoadUnsafe(ref r, (nuint)i), t).AsInt64();
            }
            count = Vector256.Sum(c);
        }
        for (; i < n; i++)
        {
            count += Unsafe.Add(ref r, i) > threshold ? 1 : 0;
        }
        return count;
    }

    /// <summary>How many values are below <paramref name="threshold"/> (NaN never is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Below(ReadOnlySpan<double> values, double threshold)
    {
        int n = values.Length;
        ref double r = ref MemoryMarshal.GetReference(values);
        int i = 0;
        long count = 0;
        int width = s_width;
        if (width == 512)
        {
            var t = Vector512.Create(threshold);
            var c = Vector512<long>.Zero;
            for (; i <= n - 8; i += 8)
            {
                c -= Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)i), t).AsInt64();
            }
            count = Vector512.Sum(c);
        }
        else if (width == 256)
        {
            var t = Vector256.Create(threshold);
            var c = Vector256<long>.Zero;
            for (; i <= n - 4; i += 4)
            {
                c -= Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)i), t).AsInt64();
            }
            count = Vector256.Sum(c);
        }
        for (; i < n; i++)
        {
            count += Unsafe.Add(ref r, i) < threshold ? 1 : 0;
        }
        return count;
    }

    /// <summary>How many values are not NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long NotNaN(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        ref double r = ref MemoryMarshal.GetReference(values);
        int i = 0;
        long count = 0;
        int width = s_width;
        if (width == 512)
        {
            var c = Vector512<long>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var v = Vector512.LoadUnsafe(ref r, (nuint)i);
                c -= Vector512.Equals(v, v).AsInt64();
            }
            count = Vector512.Sum(c);
        }
        else if (width == 256)
        {
            var c = Vector256<long>.Zero;
            for (; i <= n - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                c -= Vector256.Equals(v, v).AsInt64();
            }
            count = Vector256.Sum(c);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref r, i);
            count += double.IsNaN(v) ? 0 : 1;
        }
        return count;
    }

    /// <summary>
    /// Writes the indices of the values within [<paramref name="low"/>, <paramref name="high"/>] to
    /// <paramref name="indices"/>, in order, and returns how many there are; adds the values below
    /// <paramref name="low"/> to <paramref name="below"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int InRange(ReadOnlySpan<double> values, double low, double high, Span<int> indices, ref long below)
    {
        int n = values.Length;
        ref double r = ref MemoryMarshal.GetReference(values);
        int i = 0, found = 0;
        long under = 0;
        int width = s_width;
        if (width == 512)
        {
            var lo = Vector512.Create(low);
            var hi = Vector512.Create(high);
            var c = Vector512<long>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var v = Vector512.LoadUnsafe(ref r, (nuint)i);
                var less = Vector512.LessThan(v, lo);
                c -= less.AsInt64();
                uint inside = (uint)Vector512.ExtractMostSignificantBits(~less & Vector512.LessThanOrEqual(v, hi));
                while (inside != 0)
                {
                    indices[found++] = i + System.Numerics.BitOperations.TrailingZeroCount(inside);
                    inside &= inside - 1;
                }
            }
            under = Vector512.Sum(c);
        }
        else if (width == 256)
        {
            var lo = Vector256.Create(low);
            var hi = Vector256.Create(high);
            var c = Vector256<long>.Zero;
            for (; i <= n - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                var less = Vector256.LessThan(v, lo);
                c -= less.AsInt64();
                uint inside = Vector256.ExtractMostSignificantBits(~less & Vector256.LessThanOrEqual(v, hi));
                while (inside != 0)
                {
                    indices[found++] = i + System.Numerics.BitOperations.TrailingZeroCount(inside);
                    inside &= inside - 1;
                }
            }
            under = Vector256.Sum(c);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref r, i);
            if (v < low)
            {
                under++;
            }
            else if (v <= high)
            {
                indices[found++] = i;
            }
        }
        below += under;
        return found;
    }
}
