using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RiskSim.Core.Engine;

// The operations the trial kernels use, once per lane width. Every operation is the same IEEE operation on each lane
// in all three: Min and Max are x86's minpd/maxpd (a < b ? a : b, a > b ? a : b), comparisons are ordered (false on
// NaN), Keep(m, x) is x where m holds and +0 elsewhere. No fused multiply-add anywhere.

/// <summary>Eight trials at once, on <see cref="Vector512{T}"/>.</summary>
internal static class Lanes512
{
    public const int Width = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double at) => Vector512.LoadUnsafe(ref at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> x, ref double at) => x.StoreUnsafe(ref at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Splat(double x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Lt(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Le(Vector512<double> a, Vector512<double> b) => Vector512.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Ge(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Gt(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Eq(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> a, Vector512<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Or(Vector512<double> a, Vector512<double> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Not(Vector512<double> a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> True() => Vector512<double>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> m, Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(m, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Keep(Vector512<double> m, Vector512<double> a) => a & m;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(Vector512.LessThan(a, b), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Floor(Vector512<double> a) => Vector512.Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<double> m) => Vector512.ExtractMostSignificantBits(m) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<Vector512<double>> View(double[] scratch) => MemoryMarshal.Cast<double, Vector512<double>>(scratch.AsSpan());
}

/// <summary>Four trials at once, on <see cref="Vector256{T}"/>.</summary>
internal static class Lanes256
{
    public const int Width = 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double at) => Vector256.LoadUnsafe(ref at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> x, ref double at) => x.StoreUnsafe(ref at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Splat(double x) => Vector256.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Lt(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Le(Vector256<double> a, Vector256<double> b) => Vector256.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Ge(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Gt(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Eq(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> a, Vector256<double> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Not(Vector256<double> a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> True() => Vector256<double>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> m, Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(m, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Keep(Vector256<double> m, Vector256<double> a) => a & m;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(Vector256.LessThan(a, b), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> a) => Vector256.Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<double> m) => Vector256.ExtractMostSignificantBits(m) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<Vector256<double>> View(double[] scratch) => MemoryMarshal.Cast<double, Vector256<double>>(scratch.AsSpan());
}

/// <summary>One trial at a time: the scalar twin of the vector widths (the block's tail, machines without them).</summary>
internal static class Lanes1
{
    public const int Width = 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref double at) => at;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double x, ref double at) => at = x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Splat(double x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Lt(double a, double b) => a < b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Le(double a, double b) => a <= b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Ge(double a, double b) => a >= b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Gt(double a, double b) => a > b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Eq(double a, double b) => a == b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool And(bool a, bool b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Or(bool a, bool b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Not(bool a) => !a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool True() => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(bool m, double a, double b) => m ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Keep(bool m, double a) => m ? a : 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => a < b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => a > b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Floor(double a) => Math.Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(bool m) => m;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<double> View(double[] scratch) => scratch.AsSpan();
}
