using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>
/// A distribution moved along by a fixed amount: every value of <see cref="Inner"/> plus <see cref="Offset"/>. Its shape
/// and spread are the inner one's; the same uniform gives the inner value plus the offset, so a shifted input keeps
/// its common random numbers.
/// </summary>
public sealed class ShiftedDistribution : Distribution
{
    /// <param name="inner">The distribution moved.</param>
    /// <param name="offset">The amount added to every value (finite).</param>
    /// <exception cref="ArgumentException">The offset is not finite (a caller's bug).</exception>
    public ShiftedDistribution(Distribution inner, double offset)
    {
        if (!double.IsFinite(offset))
        {
            throw new ArgumentException("a shift must be finite", nameof(offset));
        }
        Inner = inner;
        Offset = offset;
    }

    /// <summary>The distribution moved.</summary>
    public Distribution Inner { get; }

    /// <summary>The amount added to every value.</summary>
    public double Offset { get; }

    /// <inheritdoc />
    public override double Mean => Inner.Mean + Offset;

    /// <inheritdoc />
    public override double Variance => Inner.Variance;

    /// <inheritdoc />
    public override double SupportMin => Inner.SupportMin + Offset;

    /// <inheritdoc />
    public override double SupportMax => Inner.SupportMax + Offset;

    /// <inheritdoc />
    public override double MostLikely => Inner.MostLikely + Offset;

    /// <inheritdoc />
    public override double Quantile(double u) => Inner.Quantile(u) + Offset;

    /// <inheritdoc />
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        Inner.Quantiles(u, values);
        // Offset + 1·v is v + Offset exactly.
        ColumnMath.Affine(values[..u.Length], values, Offset, 1);
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) =>
        Offset >= 0 ? $"{Inner.Describe(format)}, plus {format(Offset)}" : $"{Inner.Describe(format)}, less {format(-Offset)}";

    /// <inheritdoc />
    public override Distribution Scale(double factor) => new ShiftedDistribution(Inner.Scale(factor), Offset * factor);
}
