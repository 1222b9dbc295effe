namespace RiskSim.Core.Model;

/// <summary>A fixed value.</summary>
public sealed class ConstantDistribution(double value) : Distribution
{
    /// <summary>The value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc />
    public override double MostLikely => Value;

    /// <inheritdoc />
    public override double Mean => Value;

    /// <inheritdoc />
    public override double Variance => 0;

    /// <inheritdoc />
    public override double SupportMin => Value;

    /// <inheritdoc />
    public override double SupportMax => Value;

    /// <inheritdoc />
    public override double Quantile(double u) => Value;

    /// <inheritdoc />
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values) => values[..u.Length].Fill(Value);

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) => format(Value);

    /// <inheritdoc />
    public override Distribution Scale(double factor) => new ConstantDistribution(Value * factor);
}
