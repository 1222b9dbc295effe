using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>Normal distribution, optionally truncated to [min, max].</summary>
public sealed class NormalDistribution : Distribution
{
    private readonly double _cdfLow;
    private readonly double _cdfWidth;
    private readonly bool _mirrored;

    /// <summary>Creates a (truncated) normal; requires sd ≥ 0 and, when truncated, a non-empty range.</summary>
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
            // A range in the upper tail is sampled as the mirror image of the lower tail, where the
            // normal CDF keeps full relative precision (Φ near 1 would not).
            _mirrored = TruncateMin > mean;
            _cdfLow = _mirrored ? NormalMath.Cdf((mean - TruncateMax) / sd) : NormalMath.Cdf((TruncateMin - mean) / sd);
            double high = _mirrored ? NormalMath.Cdf((mean - TruncateMin) / sd) : NormalMath.Cdf((TruncateMax - mean) / sd);
            _cdfWidth = high - _cdfLow;
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
        : new NormalDistribution(Location * factor, Sd * factor,
            double.IsNegativeInfinity(TruncateMin) ? null : TruncateMin * factor,
            double.IsPositiveInfinity(TruncateMax) ? null : TruncateMax * factor);
}
