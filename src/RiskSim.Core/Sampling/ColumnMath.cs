using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RiskSim.Core.Sampling;

/// <summary>
/// Column kernels for sampling: natural log, exp, the standard normal CDF and its inverse, over whole spans.
/// </summary>
/// <remarks>
/// Each kernel runs on <see cref="Vector512{T}"/> where the machine has it, on <see cref="Vector256{T}"/>
/// otherwise, and finishes the column (or runs entirely, on a machine with neither) with its scalar twin. The three
/// forms perform exactly the same IEEE operations in the same order (no fused multiply-add anywhere; integer bit
/// manipulation where the vector form needs it), so a value never depends on the vector width or on where it falls
/// in a column: results are bit-identical on AVX-512, AVX2 and scalar machines.
/// <para>
/// The column entry points are compiled fully optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// the vector helpers are only inlined by the optimising compiler, and on a busy machine the first tier could otherwise
/// run for many blocks.
/// </para>
/// </remarks>
internal static partial class ColumnMath
{
    /// <summary>
    /// Widest vector the kernels use: 8 (Vector512), 4 (Vector256) or 1 (scalar only). Tests lower it to check that
    /// the narrower paths give the same bits; it is never raised above what the hardware accelerates.
    /// </summary>
    internal static int Width { get; set; } = DefaultWidth;

    /// <summary>The widest vector the hardware accelerates.</summary>
    internal static int DefaultWidth =>
        Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    // ln(2) split so that k·Ln2Hi is exact for |k| < 2^21 (fdlibm).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    // 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer; its bits minus MagicBits are that integer.
    private const double Magic = 6755399441055744.0;
    private const long MagicBits = 0x4338000000000000L;
    private const double TwoP54 = 18014398509481984.0;
    // Log: bits added so the mantissa falls in [√2/2, √2) (musl / fdlibm).
    private const long LogShift = 0x3ff0000000000000L - 0x3fe6a09e00000000L;
    private const long LogMantissaBase = 0x3fe6a09e00000000L;
    private const long MantissaMask = 0x000fffffffffffffL;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    // Exp: Taylor coefficients 1/n! of e^r on |r| ≤ ln(2)/2 (truncation below 5e-18 relative).
    private const double E2 = 1.0 / 2;
    private const double E3 = 1.0 / 6;
    private const double E4 = 1.0 / 24;
    private const double E5 = 1.0 / 120;
    private const double E6 = 1.0 / 720;
    private const double E7 = 1.0 / 5040;
    private const double E8 = 1.0 / 40320;
    private const double E9 = 1.0 / 362880;
    private const double E10 = 1.0 / 3628800;
    private const double E11 = 1.0 / 39916800;
    private const double E12 = 1.0 / 479001600;
    private const double E13 = 1.0 / 6227020800;
    private const double ExpLow = -746;
    private const double ExpHigh = 710;

    // Normal CDF: Cody's rational approximations (ACM TOMS 715, 1993, as in R's pnorm), with exp(−x²/2) split as
    // exp(−x₁²/2)·exp(−(x − x₁)(x + x₁)/2), x₁ = x to 1/16, so that the tails keep full relative precision.
    private const double CdfCentral = 0.67448975;
    private const double CdfAsymptotic = 5.656854249492380195206754896838;
    private const double CdfZero = 37;
    private const double InvSqrtTwoPi = 0.398942280401432677939946059934;
    private const double Ca0 = 2.2352520354606839287;
    private const double Ca1 = 161.02823106855587881;
    private const double Ca2 = 1067.6894854603709582;
    private const double Ca3 = 18154.981253343561249;
    private const double Ca4 = 0.065682337918207449113;
    private const double Cb0 = 47.20258190468824187;
    private const double Cb1 = 976.09855173777669322;
    private const double Cb2 = 10260.932208618978205;
    private const double Cb3 = 45507.789335026729956;
    private const double Cc0 = 0.39894151208813466764;
    private const double Cc1 = 8.8831497943883759412;
    private const double Cc2 = 93.506656132177855979;
    private const double Cc3 = 597.27027639480026226;
    private const double Cc4 = 2494.5375852903726711;
    private const double Cc5 = 6848.1904505362823326;
    private const double Cc6 = 11602.651437647350124;
    private const double Cc7 = 9842.7148383839780218;
    private const double Cc8 = 1.0765576773720192317e-8;
    private const double Cd0 = 22.266688044328115691;
    private const double Cd1 = 235.38790178262499861;
    private const double Cd2 = 1519.377599407554805;
    private const double Cd3 = 6485.558298266760755;
    private const double Cd4 = 18615.571640885098091;
    private const double Cd5 = 34900.952721145977266;
    private const double Cd6 = 38912.003286093271411;
    private const double Cd7 = 19685.429676859990727;
    private const double Cp0 = 0.21589853405795699;
    private const double Cp1 = 0.1274011611602473639;
    private const double Cp2 = 0.022235277870649807;
    private const double Cp3 = 0.001421619193227893466;
    private const double Cp4 = 2.9112874951168792e-5;
    private const double Cp5 = 0.02307344176494017303;
    private const double Cq0 = 1.28426009614491121;
    private const double Cq1 = 0.468238212480865118;
    private const double Cq2 = 0.0659881378689285515;
    private const double Cq3 = 0.00378239633202758244;
    private const double Cq4 = 7.29751555083966205e-5;

    /// <summary>ln x for every value of <paramref name="x"/> into <paramref name="y"/> (may be the same span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Log(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = Check(x, y);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            for (; i + 8 <= n; i += 8)
            {
                Log512(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            for (; i + 4 <= n; i += 4)
            {
                Log256(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = LogScalar(Unsafe.Add(ref xs, i));
        }
    }

    /// <summary>e^x for every value of <paramref name="x"/> into <paramref name="y"/> (may be the same span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Exp(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = Check(x, y);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            for (; i + 8 <= n; i += 8)
            {
                Exp512(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            for (; i + 4 <= n; i += 4)
            {
                Exp256(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = ExpScalar(Unsafe.Add(ref xs, i));
        }
    }

    /// <summary>Φ⁻¹(p) for every probability into <paramref name="y"/> (may be the same span); see <see cref="NormalMath.InvCdf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormalInvCdf(ReadOnlySpan<double> p, Span<double> y)
    {
        int n = Check(p, y);
        ref double xs = ref MemoryMarshal.GetReference(p);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            for (; i + 8 <= n; i += 8)
            {
                InvCdf512(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            for (; i + 4 <= n; i += 4)
            {
                InvCdf256(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = InvCdfScalar(Unsafe.Add(ref xs, i));
        }
    }

    /// <summary>
    /// Φ(x) for every value into <paramref name="y"/> (may be the same span), each then held within
    /// [<paramref name="low"/>, <paramref name="high"/>] as <see cref="Math.Clamp(double, double, double)"/> would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormalCdf(ReadOnlySpan<double> x, Span<double> y, double low = double.NegativeInfinity, double high = double.PositiveInfinity)
    {
        int n = Check(x, y);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            var lo = Vector512.Create(low);
            var hi = Vector512.Create(high);
            for (; i + 8 <= n; i += 8)
            {
                Clamp512(Cdf512(Vector512.LoadUnsafe(ref xs, (nuint)i)), lo, hi).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            var lo = Vector256.Create(low);
            var hi = Vector256.Create(high);
            for (; i + 4 <= n; i += 4)
            {
                Clamp256(Cdf256(Vector256.LoadUnsafe(ref xs, (nuint)i)), lo, hi).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = ClampScalar(CdfScalar(Unsafe.Add(ref xs, i)), low, high);
        }
    }

    /// <summary>y = a + b·x element by element (may be the same span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Affine(ReadOnlySpan<double> x, Span<double> y, double a, double b)
    {
        int n = Check(x, y);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            for (; i + 8 <= n; i += 8)
            {
                (va + vb * Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            for (; i + 4 <= n; i += 4)
            {
                (va + vb * Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = a + b * Unsafe.Add(ref xs, i);
        }
    }

    /// <summary>y[i] = y[i] + b·x[i] element by element (a multiply then an add, never fused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(ReadOnlySpan<double> x, Span<double> y, double b)
    {
        int n = Check(x, y);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            var vb = Vector512.Create(b);
            for (; i + 8 <= n; i += 8)
            {
                (Vector512.LoadUnsafe(ref ys, (nuint)i) + vb * Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            var vb = Vector256.Create(b);
            for (; i + 4 <= n; i += 4)
            {
                (Vector256.LoadUnsafe(ref ys, (nuint)i) + vb * Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = Unsafe.Add(ref ys, i) + b * Unsafe.Add(ref xs, i);
        }
    }

    /// <summary>y = x·b element by element (may be the same span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale(ReadOnlySpan<double> x, Span<double> y, double b)
    {
        int n = Check(x, y);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            var vb = Vector512.Create(b);
            for (; i + 8 <= n; i += 8)
            {
                (Vector512.LoadUnsafe(ref xs, (nuint)i) * vb).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            var vb = Vector256.Create(b);
            for (; i + 4 <= n; i += 4)
            {
                (Vector256.LoadUnsafe(ref xs, (nuint)i) * vb).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = Unsafe.Add(ref xs, i) * b;
        }
    }

    /// <summary>Holds every value within [<paramref name="low"/>, <paramref name="high"/>] as <see cref="Math.Clamp(double, double, double)"/> would.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Clamp(Span<double> y, double low, double high)
    {
        int n = y.Length;
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            var lo = Vector512.Create(low);
            var hi = Vector512.Create(high);
            for (; i + 8 <= n; i += 8)
            {
                Clamp512(Vector512.LoadUnsafe(ref ys, (nuint)i), lo, hi).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            var lo = Vector256.Create(low);
            var hi = Vector256.Create(high);
            for (; i + 4 <= n; i += 4)
            {
                Clamp256(Vector256.LoadUnsafe(ref ys, (nuint)i), lo, hi).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = ClampScalar(Unsafe.Add(ref ys, i), low, high);
        }
    }

    /// <summary>
    /// The triangular inverse CDF: u &lt; <paramref name="split"/> ? min + √(u·lowScale) : max − √((1 − u)·highScale).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Triangular(ReadOnlySpan<double> u, Span<double> y, double split, double min, double lowScale, double max, double highScale)
    {
        int n = Check(u, y);
        ref double xs = ref MemoryMarshal.GetReference(u);
        ref double ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Width >= 8)
        {
            var vs = Vector512.Create(split);
            var vmin = Vector512.Create(min);
            var vlow = Vector512.Create(lowScale);
            var vmax = Vector512.Create(max);
            var vhigh = Vector512.Create(highScale);
            for (; i + 8 <= n; i += 8)
            {
                var x = Vector512.LoadUnsafe(ref xs, (nuint)i);
                var low = vmin + Vector512.Sqrt(x * vlow);
                var high = vmax - Vector512.Sqrt((Vector512.Create(1.0) - x) * vhigh);
                Vector512.ConditionalSelect(Vector512.LessThan(x, vs), low, high).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Width >= 4)
        {
            var vs = Vector256.Create(split);
            var vmin = Vector256.Create(min);
            var vlow = Vector256.Create(lowScale);
            var vmax = Vector256.Create(max);
            var vhigh = Vector256.Create(highScale);
            for (; i + 4 <= n; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref xs, (nuint)i);
                var low = vmin + Vector256.Sqrt(x * vlow);
                var high = vmax - Vector256.Sqrt((Vector256.Create(1.0) - x) * vhigh);
                Vector256.ConditionalSelect(Vector256.LessThan(x, vs), low, high).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double x = Unsafe.Add(ref xs, i);
            Unsafe.Add(ref ys, i) = x < split ? min + Math.Sqrt(x * lowScale) : max - Math.Sqrt((1 - x) * highScale);
        }
    }

    private static int Check(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("the destination is shorter than the source", nameof(y));
        }
        return x.Length;
    }

    /// <summary>Natural log, within 1 ulp (fdlibm's polynomial); the scalar twin of the vector kernels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogScalar(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool small = bits < 0x0010000000000000L;
        double xs = small ? x * TwoP54 : x;
        long adjust = small ? -54L : 0L;
        long ix = BitConverter.DoubleToInt64Bits(xs) + LogShift;
        long k = (long)((ulong)ix >> 52) - 1023 + adjust;
        double m = BitConverter.Int64BitsToDouble((ix & MantissaMask) + LogMantissaBase);
        double f = m - 1.0;
        double kd = BitConverter.Int64BitsToDouble(k + MagicBits) - Magic;
        double hfsq = 0.5 * f * f;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        double r = t2 + t1;
        double result = s * (hfsq + r) + kd * Ln2Lo - hfsq + f + kd * Ln2Hi;
        result = x == 0 ? double.NegativeInfinity : result;
        result = x == double.PositiveInfinity ? double.PositiveInfinity : result;
        return !(x >= 0) ? double.NaN : result;
    }

    /// <summary>e^x within about 1 ulp (Cody–Waite reduction, degree-13 Taylor); the scalar twin of the vector kernels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpScalar(double x)
    {
        double xc = x < ExpLow ? ExpLow : x;
        xc = xc > ExpHigh ? ExpHigh : xc;
        double t = xc * InvLn2 + Magic;
        double kd = t - Magic;
        long k = BitConverter.DoubleToInt64Bits(t) - MagicBits;
        double r = xc - kd * Ln2Hi - kd * Ln2Lo;
        double p = E13;
        p = p * r + E12;
        p = p * r + E11;
        p = p * r + E10;
        p = p * r + E9;
        p = p * r + E8;
        p = p * r + E7;
        p = p * r + E6;
        p = p * r + E5;
        p = p * r + E4;
        p = p * r + E3;
        p = p * r + E2;
        p = p * r + 1.0;
        p = p * r + 1.0;
        long k1 = (long)((ulong)(k + 2048) >> 1) - 1024;
        long k2 = k - k1;
        double s1 = BitConverter.Int64BitsToDouble((k1 + 1023) << 52);
        double s2 = BitConverter.Int64BitsToDouble((k2 + 1023) << 52);
        return double.IsNaN(x) ? double.NaN : p * s1 * s2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ClampScalar(double x, double low, double high) => x < low ? low : x > high ? high : x;

    /// <summary>Φ(x); the scalar twin of the vector kernels (see <see cref="NormalMath.Cdf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CdfScalar(double x)
    {
        if (double.IsNaN(x))
        {
            // One NaN for a NaN argument, whichever operand the hardware would have passed on.
            return double.NaN;
        }
        double y = Math.Abs(x);
        if (y <= CdfCentral)
        {
            double xsq = x * x;
            double xnum = Ca4 * xsq, xden = xsq;
            xnum = (xnum + Ca0) * xsq;
            xden = (xden + Cb0) * xsq;
            xnum = (xnum + Ca1) * xsq;
            xden = (xden + Cb1) * xsq;
            xnum = (xnum + Ca2) * xsq;
            xden = (xden + Cb2) * xsq;
            return 0.5 + x * (xnum + Ca3) / (xden + Cb3);
        }
        double tail;
        if (y > CdfZero)
        {
            tail = 0;
        }
        else
        {
            double ratio = y <= CdfAsymptotic ? CdfMiddle(y) : CdfFar(y);
            double y1 = Math.Floor(y * 16) / 16;
            double del = (y - y1) * (y + y1);
            tail = ExpScalar(-y1 * y1 * 0.5) * ExpScalar(-del * 0.5) * ratio;
        }
        return x > 0 ? 1 - tail : tail;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CdfMiddle(double y)
    {
        double xnum = Cc8 * y, xden = y;
        xnum = (xnum + Cc0) * y;
        xden = (xden + Cd0) * y;
        xnum = (xnum + Cc1) * y;
        xden = (xden + Cd1) * y;
        xnum = (xnum + Cc2) * y;
        xden = (xden + Cd2) * y;
        xnum = (xnum + Cc3) * y;
        xden = (xden + Cd3) * y;
        xnum = (xnum + Cc4) * y;
        xden = (xden + Cd4) * y;
        xnum = (xnum + Cc5) * y;
        xden = (xden + Cd5) * y;
        xnum = (xnum + Cc6) * y;
        xden = (xden + Cd6) * y;
        return (xnum + Cc7) / (xden + Cd7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CdfFar(double y)
    {
        double xsq = 1 / (y * y);
        double xnum = Cp5 * xsq, xden = xsq;
        xnum = (xnum + Cp0) * xsq;
        xden = (xden + Cq0) * xsq;
        xnum = (xnum + Cp1) * xsq;
        xden = (xden + Cq1) * xsq;
        xnum = (xnum + Cp2) * xsq;
        xden = (xden + Cq2) * xsq;
        xnum = (xnum + Cp3) * xsq;
        xden = (xden + Cq3) * xsq;
        double t = xsq * (xnum + Cp4) / (xden + Cq4);
        return (InvSqrtTwoPi - t) / y;
    }

    /// <summary>Φ⁻¹(p), Wichura's AS 241; the scalar twin of the vector kernels (see <see cref="NormalMath.InvCdf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double InvCdfScalar(double p)
    {
        if (double.IsNaN(p))
        {
            return double.NaN;
        }
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * CentralNumerator(r) / CentralDenominator(r);
        }
        return InvCdfTail(p, q);
    }

    private static double InvCdfTail(double p, double q)
    {
        double r = q < 0 ? p : 1.0 - p;
        if (r <= 0)
        {
            return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }
        r = Math.Sqrt(-LogScalar(r));
        double val;
        if (r <= 5.0)
        {
            r -= 1.6;
            val = NearNumerator(r) / NearDenominator(r);
        }
        else
        {
            r -= 5.0;
            val = FarNumerator(r) / FarDenominator(r);
        }
        return q < 0 ? -val : val;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CentralNumerator(double r) =>
        ((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r
        + 4.5921953931549871457e+4) * r + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
        + 1.3314166789178437745e+2) * r + 3.3871328727963666080e0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CentralDenominator(double r) =>
        ((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r
        + 2.1213794301586595867e+4) * r + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
        + 4.2313330701600911252e+1) * r + 1.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double NearNumerator(double r) =>
        ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
        + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
        + 4.63033784615654529590e0) * r + 1.42343711074968357734e0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double NearDenominator(double r) =>
        ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
        + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
        + 2.05319162663775882187e0) * r + 1.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FarNumerator(double r) =>
        ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
        + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
        + 5.46378491116411436990e0) * r + 6.65790464350110377720e0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FarDenominator(double r) =>
        ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
        + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
        + 5.99832206555887937690e-1) * r + 1.0;
}
