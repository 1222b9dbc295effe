namespace RiskSim.Core.Model;

/// <summary>Continuous uniform distribution on [min, max].</summary>
public sealed class UniformDistribution : Distribution
{
    /// <summary>Creates a uniform distribution; requires min &lt; max.</summary>
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
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        double width = Max - Min;
        for (int i = 0; i < u.Length; i++)
        {
            values[i] = Min + u[i] * width;
        }
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) => $"uniform {format(Min)} to {format(Max)}";

    /// <inheritdoc />
    public override Distribution Scale(double factor) =>
        factor == 0 ? new ConstantDistribution(0) : new UniformDistribution(Min * factor, Max * factor);
}
