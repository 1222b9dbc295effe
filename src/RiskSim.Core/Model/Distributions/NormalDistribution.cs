using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>Normal distribution, optionally truncated to [min, max].</summary>
public sealed class NormalDistribution : Distribution
{
    private readonly double _cdfLow;
    private readonly double _cdfWidth;
    private readonly bool _mirrored;

    /// <summary>
    /// A (truncated) normal from user input: null with a problem unless sd ≥ 0 and the range [min, max] holds
    /// probability; a constant when min = max.
    /// </summary>
    public static Distribution? Create(double mean, double sd, double? min, double? max, ICollection<ScenarioProblem> problems)
    {
        if (!(sd >= 0) || double.IsInfinity(sd))
        {
            return Refuse(problems, "sd", "sd must be >= 0");
        }
        if (min is double lo && max is double hi && lo == hi)
        {
            return new ConstantDistribution(lo);
        }
        double low = min ?? double.NegativeInfinity, high = max ?? double.PositiveInfinity;
        if (!(low < high))
        {
            return Refuse(problems, "", "normal min must be below max");
        }
        if (sd > 0 && !(Truncation(mean, sd, low, high).Width > 0))
        {
            return Refuse(problems, "", "normal truncation range holds no probability (min/max too far from the mean)");
        }
        if (sd == 0 && !(mean >= low && mean <= high))
        {
            return Refuse(problems, "", "normal with sd 0 has its mean outside min/max");
        }
        return new NormalDistribution(mean, sd, min, max);
    }

    /// <summary>Creates a (truncated) normal; requires sd ≥ 0 and, when truncated, a non-empty range (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: parameters <see cref="Create"/> refuses or makes a constant.</exception>
    public NormalDistribution(double mean, double sd, double? min = null, double? max = null)
    {
        if (!(sd >= 0) || double.IsInfinity(sd))
        {
            throw new ArgumentException("normal sd must be >= 0");
        }
        Location = mean;
        Sd = sd;
        TruncateMin = min ?? double.NegativeInfinity;
        TruncateMax = max ?? double.PositiveInfinity;
        if (!(TruncateMin < TruncateMax))
        {
            throw new ArgumentException("normal min must be below max");
        }
        if (sd > 0)
        {
            (_mirrored, _cdfLow, _cdfWidth) = Truncation(mean, sd, TruncateMin, TruncateMax);
            if (!(_cdfWidth > 0))
            {
                throw new ArgumentException("normal truncation range holds no probability (min/max too far from the mean)");
            }
        }
        else if (mean < TruncateMin || mean > TruncateMax)
        {
            throw new ArgumentException("normal with sd 0 has its mean outside min/max");
        }
    }

    /// <summary>Where the range [min, max] lies on the CDF: the probability below it and the probability in it.</summary>
    private static (bool Mirrored, double Low, double Width) Truncation(double mean, double sd, double min, double max)
    {
        // A range in the upper tail is sampled as the mirror image of the lower tail, where the
        // normal CDF keeps full relative precision (Φ near 1 would not).
        bool mirrored = min > mean;
        double low = mirrored ? NormalMath.Cdf((mean - max) / sd) : NormalMath.Cdf((min - mean) / sd);
        double high = mirrored ? NormalMath.Cdf((mean - min) / sd) : NormalMath.Cdf((max - mean) / sd);
        return (mirrored, low, high - low);
    }

    /// <summary>Mean of the untruncated normal.</summary>
    public double Location { get; }

    /// <summary>Standard deviation of the untruncated normal.</summary>
    public double Sd { get; }

    /// <summary>Lower truncation point (−∞ when untruncated).</summary>
    public double TruncateMin { get; }

    /// <summary>Upper truncation point (+∞ when untruncated).</summary>
    public double TruncateMax { get; }

    private bool IsTruncated => !double.IsNegativeInfinity(TruncateMin) || !double.IsPositiveInfinity(TruncateMax);

    /// <inheritdoc />
    public override double MostLikely => Math.Clamp(Location, TruncateMin, TruncateMax);

    /// <inheritdoc />
    public override double Mean
    {
        get
        {
            if (Sd == 0 || !IsTruncated)
            {
                return Location;
            }
            (double pa, double pb) = DensitiesAtBounds();
            return Location + Sd * (pa - pb) / _cdfWidth;
        }
    }

    /// <inheritdoc />
    public override double Variance
    {
        get
        {
            if (Sd == 0)
            {
                return 0;
            }
            if (!IsTruncated)
            {
                return Sd * Sd;
            }
            double a = (TruncateMin - Location) / Sd;
            double b = (TruncateMax - Location) / Sd;
            (double pa, double pb) = DensitiesAtBounds();
            double aTerm = double.IsInfinity(a) ? 0 : a * pa;
            double bTerm = double.IsInfinity(b) ? 0 : b * pb;
            double shift = (pa - pb) / _cdfWidth;
            return Sd * Sd * (1 + (aTerm - bTerm) / _cdfWidth - shift * shift);
        }
    }

    private (double Pa, double Pb) DensitiesAtBounds()
    {
        double a = (TruncateMin - Location) / Sd;
        double b = (TruncateMax - Location) / Sd;
        return (double.IsInfinity(a) ? 0 : NormalMath.Pdf(a), double.IsInfinity(b) ? 0 : NormalMath.Pdf(b));
    }

    /// <inheritdoc />
    public override double SupportMin => Sd == 0 ? Location : TruncateMin;

    /// <inheritdoc />
    public override double SupportMax => Sd == 0 ? Location : TruncateMax;

    /// <inheritdoc />
    public override double Quantile(double u)
    {
        if (Sd == 0)
        {
            return Location;
        }
        double x = _mirrored
            ? Location - Sd * NormalMath.InvCdf(_cdfLow + (1 - u) * _cdfWidth)
            : Location + Sd * NormalMath.InvCdf(_cdfLow + u * _cdfWidth);
        return Math.Clamp(x, TruncateMin, TruncateMax);
    }

    /// <inheritdoc />
    /// <remarks>The same values as <see cref="Quantile"/>, bit for bit, a column at a time.</remarks>
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        var y = values[..u.Length];
        if (Sd == 0)
        {
            y.Fill(Location);
            return;
        }
        if (_mirrored)
        {
            // _cdfLow + (1 − u)·_cdfWidth, as two passes of a + b·x.
            ColumnMath.Affine(u, y, 1, -1);
            ColumnMath.Affine(y, y, _cdfLow, _cdfWidth);
            ColumnMath.NormalInvCdf(y, y);
            ColumnMath.Affine(y, y, Location, -Sd);
        }
        else
        {
            ColumnMath.Affine(u, y, _cdfLow, _cdfWidth);
            ColumnMath.NormalInvCdf(y, y);
            ColumnMath.Affine(y, y, Location, Sd);
        }
        ColumnMath.Clamp(y, TruncateMin, TruncateMax);
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format)
    {
        string text = $"normal mean {format(Location)}, sd {format(Sd)}";
        if (!double.IsNegativeInfinity(TruncateMin))
        {
            text += $", min {format(TruncateMin)}";
        }
        if (!double.IsPositiveInfinity(TruncateMax))
        {
            text += $", max {format(TruncateMax)}";
        }
        return text;
    }

    /// <inheritdoc />
    public override Distribution Scale(double factor) => factor == 0
        ? new ConstantDistribution(0)
        : Create(Location * factor, Sd * factor,
            double.IsNegativeInfinity(TruncateMin) ? null : TruncateMin * factor,
            double.IsPositiveInfinity(TruncateMax) ? null : TruncateMax * factor, []) ?? new ConstantDistribution(MostLikely * factor);
}
