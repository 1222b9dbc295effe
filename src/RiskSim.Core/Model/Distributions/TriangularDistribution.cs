using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>Triangular distribution on [min, max] with the given mode.</summary>
public sealed class TriangularDistribution : Distribution
{
    private readonly double _fc;

    /// <summary>
    /// A triangular distribution from user input: null with a problem unless min ≤ mode ≤ max, a constant when
    /// min = max.
    /// </summary>
    public static Distribution? Create(double min, double mode, double max, ICollection<ScenarioProblem> problems) =>
        !(min <= mode && mode <= max) ? Refuse(problems, "", "needs min <= mode <= max")
        : !AllFinite(min, mode, max) ? Refuse(problems, "", "needs finite numbers")
        : min == max ? new ConstantDistribution(min)
        : new TriangularDistribution(min, mode, max);

    /// <summary>Creates a triangular distribution; requires min ≤ mode ≤ max and min &lt; max (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: parameters <see cref="Create"/> refuses or makes a constant.</exception>
    public TriangularDistribution(double min, double mode, double max)
    {
        if (!(min <= mode && mode <= max) || !(min < max))
        {
            throw new ArgumentException("triangular needs min <= mode <= max and min < max");
        }
        Min = min;
        Mode = mode;
        Max = max;
        _fc = (mode - min) / (max - min);
    }

    /// <summary>Lower bound.</summary>
    public double Min { get; }

    /// <summary>Most likely value.</summary>
    public double Mode { get; }

    /// <summary>Upper bound.</summary>
    public double Max { get; }

    /// <inheritdoc />
    public override double MostLikely => Mode;

    /// <inheritdoc />
    public override double Mean => (Min + Mode + Max) / 3;

    /// <inheritdoc />
    public override double Variance =>
        (Min * Min + Mode * Mode + Max * Max - Min * Mode - Min * Max - Mode * Max) / 18;

    /// <inheritdoc />
    public override double SupportMin => Min;

    /// <inheritdoc />
    public override double SupportMax => Max;

    /// <inheritdoc />
    public override double Quantile(double u) => u < _fc
        ? Min + Math.Sqrt(u * ((Max - Min) * (Mode - Min)))
        : Max - Math.Sqrt((1 - u) * ((Max - Min) * (Max - Mode)));

    /// <inheritdoc />
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values) =>
        ColumnMath.Triangular(u, values, _fc, Min, (Max - Min) * (Mode - Min), Max, (Max - Min) * (Max - Mode));

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) =>
        $"triangular {format(Min)} / {format(Mode)} / {format(Max)}";

    /// <inheritdoc />
    public override Distribution Scale(double factor) =>
        factor == 0 ? new ConstantDistribution(0) : Create(Min * factor, Mode * factor, Max * factor, []) ?? new ConstantDistribution(Mode * factor);
}
