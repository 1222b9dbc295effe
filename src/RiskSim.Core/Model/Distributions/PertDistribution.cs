using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics;

namespace RiskSim.Core.Model;

/// <summary>
/// (Modified) PERT: min + (max − min)·Beta(1 + λ(mode − min)/(max − min), 1 + λ(max − mode)/(max − min)).
/// </summary>
/// <remarks>
/// Sampled through a tabulated Beta CDF: the exact regularised incomplete beta on 4,096 equal steps
/// of the unit interval, inverted by linear interpolation (a piecewise-uniform density that keeps each
/// step's probability exact). Quantile error is below 1e-7 of the range in the body of the distribution.
/// </remarks>
public sealed class PertDistribution : Distribution
{
    private const int Steps = 4096;
    private const int GuideSize = 16384;
    private readonly double[] _cdf;
    private readonly ushort[] _guide; // table indices below Steps = 4,096: 16 bits keep the guide small in the cache

    /// <summary>
    /// A PERT distribution from user input: null with a problem unless min ≤ mode ≤ max and λ is finite and ≥ 0,
    /// a constant when min = max.
    /// </summary>
    public static Distribution? Create(double min, double mode, double max, double lambda, ICollection<ScenarioProblem> problems) =>
        !(min <= mode && mode <= max) ? Refuse(problems, "", "needs min <= mode <= max")
        : !AllFinite(min, mode, max) ? Refuse(problems, "", "needs finite numbers")
        : !(lambda >= 0) || double.IsInfinity(lambda) ? Refuse(problems, "lambda", "pert lambda must be a finite number >= 0")
        : min == max ? new ConstantDistribution(min)
        : new PertDistribution(min, mode, max, lambda);

    /// <summary>Creates a PERT distribution; requires min ≤ mode ≤ max, min &lt; max, λ ≥ 0 (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: parameters <see cref="Create"/> refuses or makes a constant.</exception>
    public PertDistribution(double min, double mode, double max, double lambda = 4)
    {
        if (!(min <= mode && mode <= max) || !(min < max))
        {
            throw new ArgumentException("pert needs min <= mode <= max and min < max");
        }
        if (!(lambda >= 0) || double.IsInfinity(lambda))
        {
            throw new ArgumentException("pert lambda must be a finite number >= 0");
        }
        Min = min;
        Mode = mode;
        Max = max;
        Lambda = lambda;
        Alpha = 1 + lambda * (mode - min) / (max - min);
        Beta = 1 + lambda * (max - mode) / (max - min);
        _cdf = new double[Steps + 1];
        for (int j = 1; j < Steps; j++)
        {
            _cdf[j] = SpecialFunctions.BetaRegularized(Alpha, Beta, (double)j / Steps);
        }
        _cdf[Steps] = 1;
        _guide = new ushort[GuideSize + 1];
        int k = 0;
        for (int g = 0; g <= GuideSize; g++)
        {
            double target = (double)g / GuideSize;
            while (k < Steps - 1 && _cdf[k + 1] <= target)
            {
                k++;
            }
            _guide[g] = (ushort)k;
        }
    }

    /// <summary>Lower bound.</summary>
    public double Min { get; }

    /// <summary>Most likely value.</summary>
    public double Mode { get; }

    /// <summary>Upper bound.</summary>
    public double Max { get; }

    /// <summary>Shape weight λ (4 for the classic PERT).</summary>
    public double Lambda { get; }

    /// <summary>First Beta shape parameter.</summary>
    public double Alpha { get; }

    /// <summary>Second Beta shape parameter.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public override double MostLikely => Mode;

    /// <inheritdoc />
    public override double Mean => Min + (Max - Min) * Alpha / (Alpha + Beta);

    /// <inheritdoc />
    public override double Variance
    {
        get
        {
            double s = Alpha + Beta;
            return (Max - Min) * (Max - Min) * Alpha * Beta / (s * s * (s + 1));
        }
    }

    /// <inheritdoc />
    public override double SupportMin => Min;

    /// <inheritdoc />
    public override double SupportMax => Max;

    /// <inheritdoc />
    public override double Quantile(double u) => Min + (Max - Min) * UnitQuantile(u);

    /// <inheritdoc />
    /// <remarks>
    /// The same values as <see cref="Quantile"/>, bit for bit, with fewer mispredicted branches: in the body of the
    /// distribution a guide cell (a quarter of the table's smallest step in probability or less) holds at most one
    /// table entry, so one branch-free step finds the cell; only the thin tails, where many table steps share a guide
    /// cell, go on stepping (a step past the right cell changes nothing: the table rises and its last entry is 1).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        if (values.Length < u.Length)
        {
            throw new ArgumentException("fewer values than uniforms", nameof(values));
        }
        double min = Min, width = Max - Min;
        ref double cdf = ref MemoryMarshal.GetArrayDataReference(_cdf);
        ref ushort guide = ref MemoryMarshal.GetArrayDataReference(_guide);
        ref double us = ref MemoryMarshal.GetReference(u);
        ref double vs = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < u.Length; i++)
        {
            double x = Unsafe.Add(ref us, i);
            if (!(x >= 0 && x < 1))
            {
                // Outside the open unit interval the bounded loop of Quantile keeps the table indices in range.
                Unsafe.Add(ref vs, i) = Quantile(x);
                continue;
            }
            // 0 ≤ x < 1, so the guide index is below GuideSize and every table index below is within [0, Steps].
            int j = Unsafe.Add(ref guide, (int)(x * GuideSize));
            j += Unsafe.Add(ref cdf, j + 1) <= x ? 1 : 0;
            while (Unsafe.Add(ref cdf, j + 1) <= x)
            {
                j++;
            }
            double lo = Unsafe.Add(ref cdf, j);
            double step = Unsafe.Add(ref cdf, j + 1) - lo;
            double frac = step > 0 ? (x - lo) / step : 0.5;
            Unsafe.Add(ref vs, i) = min + width * ((j + frac) * (1.0 / Steps));
        }
    }

    private double UnitQuantile(double u)
    {
        double[] cdf = _cdf;
        int j = _guide[(int)(u * GuideSize)];
        while (j < Steps - 1 && cdf[j + 1] <= u)
        {
            j++;
        }
        double lo = cdf[j];
        double step = cdf[j + 1] - lo;
        double frac = step > 0 ? (u - lo) / step : 0.5;
        return (j + frac) * (1.0 / Steps);
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) => Lambda == 4
        ? $"PERT {format(Min)} / {format(Mode)} / {format(Max)}"
        : $"PERT {format(Min)} / {format(Mode)} / {format(Max)} (λ = {Lambda.ToString("G4", CultureInfo.InvariantCulture)})";

    /// <inheritdoc />
    public override Distribution Scale(double factor) =>
        factor == 0 ? new ConstantDistribution(0) : Create(Min * factor, Mode * factor, Max * factor, Lambda, []) ?? new ConstantDistribution(Mode * factor);
}
