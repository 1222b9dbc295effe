using System.Globalization;
using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>
/// Exponential waiting time (years) with P(T ≤ 1) = the annual probability; used for partner notice times.
/// </summary>
public sealed class AnnualHazardDistribution : Distribution
{
    /// <summary>The waiting time from user input: null with a problem unless the annual probability is within [0, 1].</summary>
    public static Distribution? Create(double annualProbability, ICollection<ScenarioProblem> problems) =>
        annualProbability is >= 0 and <= 1
            ? new AnnualHazardDistribution(annualProbability)
            : Refuse(problems, "", "annual probability must be within [0, 1]");

    /// <summary>Creates the waiting time for an annual probability in [0, 1] (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: a probability <see cref="Create"/> refuses.</exception>
    public AnnualHazardDistribution(double annualProbability)
    {
        if (!(annualProbability >= 0 && annualProbability <= 1))
        {
            throw new ArgumentException("annual probability must be within [0, 1]");
        }
        AnnualProbability = annualProbability;
        Rate = annualProbability >= 1 ? double.PositiveInfinity : -Math.Log(1 - annualProbability);
    }

    /// <summary>P(notice within any one year).</summary>
    public double AnnualProbability { get; }

    /// <summary>Hazard rate λ per year.</summary>
    public double Rate { get; }

    /// <summary>The plan assumes the partner stays (no notice ever) unless withdrawal is certain.</summary>
    public override double MostLikely => double.IsPositiveInfinity(Rate) ? 0 : double.PositiveInfinity;

    /// <inheritdoc />
    public override double Mean => Rate == 0 ? double.PositiveInfinity : 1 / Rate;

    /// <inheritdoc />
    public override double Variance => Rate == 0 ? double.PositiveInfinity : 1 / (Rate * Rate);

    /// <inheritdoc />
    public override double SupportMin => Rate == 0 ? double.PositiveInfinity : 0;

    /// <inheritdoc />
    public override double SupportMax => double.IsPositiveInfinity(Rate) ? 0 : double.PositiveInfinity;

    /// <inheritdoc />
    public override double Quantile(double u)
    {
        if (Rate == 0)
        {
            return double.PositiveInfinity;
        }
        return double.IsPositiveInfinity(Rate) ? 0 : -ColumnMath.LogScalar(1 - u) / Rate;
    }

    /// <inheritdoc />
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        if (Rate == 0 || double.IsPositiveInfinity(Rate))
        {
            values[..u.Length].Fill(Quantile(0.5));
            return;
        }
        // −ln(1 − u)·(1/λ), as ln(1 − u)·(−1/λ): the same bits.
        var y = values[..u.Length];
        ColumnMath.Affine(u, y, 1, -1);
        ColumnMath.Log(y, y);
        ColumnMath.Scale(y, y, -(1 / Rate));
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) =>
        $"notice {(AnnualProbability * 100).ToString("0.##", CultureInfo.InvariantCulture)}% a year";

    /// <summary>
    /// The waiting time stretched by <paramref name="factor"/>: still exponential, with rate λ / factor, so the
    /// annual probability becomes 1 − exp(−λ / factor); a factor of 0 gives notice at once.
    /// </summary>
    public override Distribution Scale(double factor)
    {
        if (factor == 0)
        {
            return new ConstantDistribution(0);
        }
        // Rate 0 (never) and +∞ (at once) are unchanged by any stretch.
        return Rate == 0 || double.IsPositiveInfinity(Rate)
            ? this
            : new AnnualHazardDistribution(-double.ExpM1(-Rate / factor));
    }
}
