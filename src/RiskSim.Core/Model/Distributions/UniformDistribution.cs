using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>Continuous uniform distribution on [min, max].</summary>
public sealed class UniformDistribution : Distribution
{
    /// <summary>A uniform distribution from user input: null with a problem unless min ≤ max, a constant when min = max.</summary>
    public static Distribution? Create(double min, double max, ICollection<ScenarioProblem> problems) =>
        !(min <= max) ? Refuse(problems, "", "needs min <= max")
        : !AllFinite(min, max) ? Refuse(problems, "", "needs finite numbers")
        : min == max ? new ConstantDistribution(min)
        : new UniformDistribution(min, max);

    /// <summary>Creates a uniform distribution; requires min &lt; max (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: parameters <see cref="Create"/> refuses or makes a constant.</exception>
    public UniformDistribution(double min, double max)
    {
        if (!(min < max))
        {
            throw new ArgumentException("uniform needs min < max");
        }
        Min = min;
        Max = max;
    }

    /// <summary>Lower bound.</summary>
    public double Min { get; }

    /// <summary>Upper bound.</summary>
    public double Max { get; }

    /// <inheritdoc />
    public override double MostLikely => (Min + Max) / 2;

    /// <inheritdoc />
    public override double Mean => (Min + Max) / 2;

    /// <inheritdoc />
    public override double Variance => (Max - Min) * (Max - Min) / 12;

    /// <inheritdoc />
    public override double SupportMin => Min;

    /// <inheritdoc />
    public override double SupportMax => Max;

    /// <inheritdoc />
    public override double Quantile(double u) => Min + u * (Max - Min);

    /// <inheritdoc />
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values) => ColumnMath.Affine(u, values, Min, Max - Min);

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) => $"uniform {format(Min)} to {format(Max)}";

    /// <inheritdoc />
    public override Distribution Scale(double factor) =>
        factor == 0 ? new ConstantDistribution(0) : Create(Min * factor, Max * factor, []) ?? new ConstantDistribution(Mean * factor);
}
