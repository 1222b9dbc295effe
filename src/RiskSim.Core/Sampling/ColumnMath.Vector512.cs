using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RiskSim.Core.Sampling;

// The Vector512 forms of the column kernels: operation for operation the scalar twins in ColumnMath.cs, with both
// sides of every branch computed and selected lane by lane (ColumnMath.Vector256.cs is this code on Vector256, which
// ColumnMathSourceTests checks).
internal static partial class ColumnMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Log512(Vector512<double> x)
    {
        var bits = x.AsInt64();
        var small = Vector512.LessThan(bits, Vector512.Create(0x0010000000000000L));
        var xs = Vector512.ConditionalSelect(small.AsDouble(), x * Vector512.Create(TwoP54), x);
        var adjust = small & Vector512.Create(-54L);
        var ix = xs.AsInt64() + Vector512.Create(LogShift);
        var k = Vector512.ShiftRightLogical(ix, 52) - Vector512.Create(1023L) + adjust;
        var m = ((ix & Vector512.Create(MantissaMask)) + Vector512.Create(LogMantissaBase)).AsDouble();
        var f = m - Vector512.Create(1.0);
        var kd = (k + Vector512.Create(MagicBits)).AsDouble() - Vector512.Create(Magic);
        var hfsq = Vector512.Create(0.5) * f * f;
        var s = f / (Vector512.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (Vector512.Create(Lg2) + w * (Vector512.Create(Lg4) + w * Vector512.Create(Lg6)));
        var t2 = z * (Vector512.Create(Lg1) + w * (Vector512.Create(Lg3) + w * (Vector512.Create(Lg5) + w * Vector512.Create(Lg7))));
        var r = t2 + t1;
        var result = s * (hfsq + r) + kd * Vector512.Create(Ln2Lo) - hfsq + f + kd * Vector512.Create(Ln2Hi);
        result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512.Create(double.NegativeInfinity), result);
        result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.PositiveInfinity)), Vector512.Create(double.PositiveInfinity), result);
        return Vector512.ConditionalSelect(~Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), Vector512.Create(double.NaN), result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Exp512(Vector512<double> x)
    {
        var low = Vector512.Create(ExpLow);
        var high = Vector512.Create(ExpHigh);
        var xc = Vector512.ConditionalSelect(Vector512.LessThan(x, low), low, x);
        xc = Vector512.ConditionalSelect(Vector512.GreaterThan(xc, high), high, xc);
        var t = xc * Vector512.Create(InvLn2) + Vector512.Create(Magic);
        var kd = t - Vector512.Create(Magic);
        var k = t.AsInt64() - Vector512.Create(MagicBits);
        var r = xc - kd * Vector512.Create(Ln2Hi) - kd * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(E13);
        p = p * r + Vector512.Create(E12);
        p = p * r + Vector512.Create(E11);
        p = p * r + Vector512.Create(E10);
        p = p * r + Vector512.Create(E9);
        p = p * r + Vector512.Create(E8);
        p = p * r + Vector512.Create(E7);
        p = p * r + Vector512.Create(E6);
        p = p * r + Vector512.Create(E5);
        p = p * r + Vector512.Create(E4);
        p = p * r + Vector512.Create(E3);
        p = p * r + Vector512.Create(E2);
        p = p * r + Vector512.Create(1.0);
        p = p * r + Vector512.Create(1.0);
        var k1 = Vector512.ShiftRightLogical(k + Vector512.Create(2048L), 1) - Vector512.Create(1024L);
        var k2 = k - k1;
        var s1 = Vector512.ShiftLeft(k1 + Vector512.Create(1023L), 52).AsDouble();
        var s2 = Vector512.ShiftLeft(k2 + Vector512.Create(1023L), 52).AsDouble();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p * s1 * s2, Vector512.Create(double.NaN));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Clamp512(Vector512<double> x, Vector512<double> low, Vector512<double> high) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, low), low, Vector512.ConditionalSelect(Vector512.GreaterThan(x, high), high, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Cdf512(Vector512<double> x)
    {
        var y = Vector512.Abs(x);
        var xsq = x * x;
        var xnum = Vector512.Create(Ca4) * xsq;
        var xden = xsq;
        xnum = (xnum + Vector512.Create(Ca0)) * xsq;
        xden = (xden + Vector512.Create(Cb0)) * xsq;
        xnum = (xnum + Vector512.Create(Ca1)) * xsq;
        xden = (xden + Vector512.Create(Cb1)) * xsq;
        xnum = (xnum + Vector512.Create(Ca2)) * xsq;
        xden = (xden + Vector512.Create(Cb2)) * xsq;
        var central = Vector512.Create(0.5) + x * (xnum + Vector512.Create(Ca3)) / (xden + Vector512.Create(Cb3));
        var isCentral = Vector512.LessThanOrEqual(y, Vector512.Create(CdfCentral));
        if (Vector512.EqualsAll(isCentral.AsInt64(), Vector512<long>.AllBitsSet))
        {
            return central;
        }
        xnum = Vector512.Create(Cc8) * y;
        xden = y;
        xnum = (xnum + Vector512.Create(Cc0)) * y;
        xden = (xden + Vector512.Create(Cd0)) * y;
        xnum = (xnum + Vector512.Create(Cc1)) * y;
        xden = (xden + Vector512.Create(Cd1)) * y;
        xnum = (xnum + Vector512.Create(Cc2)) * y;
        xden = (xden + Vector512.Create(Cd2)) * y;
        xnum = (xnum + Vector512.Create(Cc3)) * y;
        xden = (xden + Vector512.Create(Cd3)) * y;
        xnum = (xnum + Vector512.Create(Cc4)) * y;
        xden = (xden + Vector512.Create(Cd4)) * y;
        xnum = (xnum + Vector512.Create(Cc5)) * y;
        xden = (xden + Vector512.Create(Cd5)) * y;
        xnum = (xnum + Vector512.Create(Cc6)) * y;
        xden = (xden + Vector512.Create(Cd6)) * y;
        var ratio = (xnum + Vector512.Create(Cc7)) / (xden + Vector512.Create(Cd7));
        var middle = Vector512.LessThanOrEqual(y, Vector512.Create(CdfAsymptotic));
        if (!Vector512.EqualsAll((middle | isCentral).AsInt64(), Vector512<long>.AllBitsSet))
        {
            xsq = Vector512.Create(1.0) / (y * y);
            xnum = Vector512.Create(Cp5) * xsq;
            xden = xsq;
            xnum = (xnum + Vector512.Create(Cp0)) * xsq;
            xden = (xden + Vector512.Create(Cq0)) * xsq;
            xnum = (xnum + Vector512.Create(Cp1)) * xsq;
            xden = (xden + Vector512.Create(Cq1)) * xsq;
            xnum = (xnum + Vector512.Create(Cp2)) * xsq;
            xden = (xden + Vector512.Create(Cq2)) * xsq;
            xnum = (xnum + Vector512.Create(Cp3)) * xsq;
            xden = (xden + Vector512.Create(Cq3)) * xsq;
            var t = xsq * (xnum + Vector512.Create(Cp4)) / (xden + Vector512.Create(Cq4));
            ratio = Vector512.ConditionalSelect(middle, ratio, (Vector512.Create(InvSqrtTwoPi) - t) / y);
        }
        var y1 = Vector512.Floor(y * Vector512.Create(16.0)) / Vector512.Create(16.0);
        var del = (y - y1) * (y + y1);
        var tail = Exp512(-y1 * y1 * Vector512.Create(0.5)) * Exp512(-del * Vector512.Create(0.5)) * ratio;
        tail = Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512.Create(CdfZero)), Vector512<double>.Zero, tail);
        var cum = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), Vector512.Create(1.0) - tail, tail);
        // One NaN for a NaN argument, whichever operand the hardware would have passed on.
        var result = Vector512.ConditionalSelect(isCentral, central, cum);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, Vector512.Create(double.NaN));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> InvCdf512(Vector512<double> p)
    {
        var q = p - Vector512.Create(0.5);
        var central = Vector512.LessThanOrEqual(Vector512.Abs(q), Vector512.Create(0.425));
        var r = Vector512.Create(0.180625) - q * q;
        var num = Vector512.Create(2.5090809287301226727e+3) * r + Vector512.Create(3.3430575583588128105e+4);
        num = num * r + Vector512.Create(6.7265770927008700853e+4);
        num = num * r + Vector512.Create(4.5921953931549871457e+4);
        num = num * r + Vector512.Create(1.3731693765509461125e+4);
        num = num * r + Vector512.Create(1.9715909503065514427e+3);
        num = num * r + Vector512.Create(1.3314166789178437745e+2);
        num = num * r + Vector512.Create(3.3871328727963666080e0);
        var den = Vector512.Create(5.2264952788528545610e+3) * r + Vector512.Create(2.8729085735721942674e+4);
        den = den * r + Vector512.Create(3.9307895800092710610e+4);
        den = den * r + Vector512.Create(2.1213794301586595867e+4);
        den = den * r + Vector512.Create(5.3941960214247511077e+3);
        den = den * r + Vector512.Create(6.8718700749205790830e+2);
        den = den * r + Vector512.Create(4.2313330701600911252e+1);
        den = den * r + Vector512.Create(1.0);
        var c = q * num / den;
        if (Vector512.EqualsAll(central.AsInt64(), Vector512<long>.AllBitsSet))
        {
            return c;
        }
        var lower = Vector512.LessThan(q, Vector512<double>.Zero);
        var rr = Vector512.ConditionalSelect(lower, p, Vector512.Create(1.0) - p);
        var s = Vector512.Sqrt(-Log512(rr));
        var x = s - Vector512.Create(1.6);
        num = Vector512.Create(7.74545014278341407640e-4) * x + Vector512.Create(2.27238449892691845833e-2);
        num = num * x + Vector512.Create(2.41780725177450611770e-1);
        num = num * x + Vector512.Create(1.27045825245236838258e0);
        num = num * x + Vector512.Create(3.64784832476320460504e0);
        num = num * x + Vector512.Create(5.76949722146069140550e0);
        num = num * x + Vector512.Create(4.63033784615654529590e0);
        num = num * x + Vector512.Create(1.42343711074968357734e0);
        den = Vector512.Create(1.05075007164441684324e-9) * x + Vector512.Create(5.47593808499534494600e-4);
        den = den * x + Vector512.Create(1.51986665636164571966e-2);
        den = den * x + Vector512.Create(1.48103976427480074590e-1);
        den = den * x + Vector512.Create(6.89767334985100004550e-1);
        den = den * x + Vector512.Create(1.67638483018380384940e0);
        den = den * x + Vector512.Create(2.05319162663775882187e0);
        den = den * x + Vector512.Create(1.0);
        var val = num / den;
        var near = Vector512.LessThanOrEqual(s, Vector512.Create(5.0));
        if (!Vector512.EqualsAll((near | central).AsInt64(), Vector512<long>.AllBitsSet))
        {
            x = s - Vector512.Create(5.0);
            num = Vector512.Create(2.01033439929228813265e-7) * x + Vector512.Create(2.71155556874348757815e-5);
            num = num * x + Vector512.Create(1.24266094738807843860e-3);
            num = num * x + Vector512.Create(2.65321895265761230930e-2);
            num = num * x + Vector512.Create(2.96560571828504891230e-1);
            num = num * x + Vector512.Create(1.78482653991729133580e0);
            num = num * x + Vector512.Create(5.46378491116411436990e0);
            num = num * x + Vector512.Create(6.65790464350110377720e0);
            den = Vector512.Create(2.04426310338993978564e-15) * x + Vector512.Create(1.42151175831644588870e-7);
            den = den * x + Vector512.Create(1.84631831751005468180e-5);
            den = den * x + Vector512.Create(7.86869131145613259100e-4);
            den = den * x + Vector512.Create(1.48753612908506148525e-2);
            den = den * x + Vector512.Create(1.36929880922735805310e-1);
            den = den * x + Vector512.Create(5.99832206555887937690e-1);
            den = den * x + Vector512.Create(1.0);
            val = Vector512.ConditionalSelect(near, val, num / den);
        }
        val = Vector512.ConditionalSelect(lower, -val, val);
        var infinity = Vector512.ConditionalSelect(lower, Vector512.Create(double.NegativeInfinity), Vector512.Create(double.PositiveInfinity));
        val = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(rr, Vector512<double>.Zero), infinity, val);
        return Vector512.ConditionalSelect(Vector512.Equals(p, p), Vector512.ConditionalSelect(central, c, val), Vector512.Create(double.NaN));
    }
}
