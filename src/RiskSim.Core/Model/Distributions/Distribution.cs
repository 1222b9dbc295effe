using System.Globalization;

namespace RiskSim.Core.Model;

/// <summary>
/// A probability distribution of one uncertain input, sampled by its inverse CDF so that a larger
/// driving uniform always gives a larger (or equal) value (the model's correlation convention).
/// </summary>
/// <remarks>
/// Immutable and thread safe. User input goes through each kind's static <c>Create</c>, which adds a
/// <see cref="ScenarioProblem"/> for the first rule its parameters break (<see cref="ScenarioProblem.Field"/> is the
/// parameter's name, e.g. <c>sd</c>, or empty for the distribution as a whole) and returns null exactly when it
/// added one; a degenerate range comes back as a <see cref="ConstantDistribution"/>. Constructors throw
/// <see cref="ArgumentException"/> only for a caller's bug: parameters no factory would have accepted.
/// </remarks>
public abstract class Distribution
{
    /// <summary>Analytic mean.</summary>
    public abstract double Mean { get; }

    /// <summary>Analytic variance.</summary>
    public abstract double Variance { get; }

    /// <summary>Lowest value the distribution can produce (may be -∞).</summary>
    public abstract double SupportMin { get; }

    /// <summary>Highest value the distribution can produce (may be +∞).</summary>
    public abstract double SupportMax { get; }

    /// <summary>The most likely value (the mode), used for the deterministic "plan" case.</summary>
    public abstract double MostLikely { get; }

    /// <summary>True when every draw gives the same value.</summary>
    public bool IsConstant => SupportMin == SupportMax;

    /// <summary>The value at cumulative probability <paramref name="u"/> in (0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>Maps a block of uniforms to values; the hot-loop form of <see cref="Quantile"/>.</summary>
    public virtual void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        for (int i = 0; i < u.Length; i++)
        {
            values[i] = Quantile(u[i]);
        }
    }

    /// <summary>The distribution in words, e.g. "PERT £250k / £397k / £450k".</summary>
    public abstract string Describe(Func<double, string> format);

    /// <summary>Returns the same distribution with every value multiplied by <paramref name="factor"/> (finite, ≥ 0).</summary>
    /// <remarks>Never throws for such a factor: a range that rounding collapses becomes a constant.</remarks>
    public abstract Distribution Scale(double factor);

    /// <summary>
    /// Returns the same distribution moved by <paramref name="offset"/> (finite): every value, and so the most likely
    /// value, plus the offset.
    /// </summary>
    public Distribution Shift(double offset) => offset == 0
        ? this
        : IsConstant ? new ConstantDistribution(SupportMin + offset) : new ShiftedDistribution(this, offset);

    /// <summary>Adds a problem and returns null, so that a factory refuses in one line.</summary>
    private protected static Distribution? Refuse(ICollection<ScenarioProblem> problems, string field, string message)
    {
        problems.Add(new ScenarioProblem(field, message));
        return null;
    }

    /// <summary>True when every number is finite (a distribution of infinities has no meaning).</summary>
    private protected static bool AllFinite(params ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Describe(v => v.ToString("G6", CultureInfo.InvariantCulture));
}
