using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// The 95% Monte Carlo intervals of one row of a batch comparison (<see cref="ComparisonRow"/>): of its chance of meeting
/// the target and reserves (null without a target), its chance of paying back and its mean NPV.
/// </summary>
/// <param name="Target">The target amount the reserves are against; null without a target.</param>
/// <param name="ProbabilityTargetMet">Interval of P(target).</param>
/// <param name="Reserve80">Interval of the reserve for 80% confidence.</param>
/// <param name="Reserve90">For 90%.</param>
/// <param name="Reserve95">For 95%.</param>
/// <param name="ProbabilityOfPayback">Interval of P(payback within the horizon).</param>
/// <param name="NpvMean">mean ± 1.96·sd/√n of the NPV.</param>
public sealed record ComparisonIntervals(double? Target, Interval? ProbabilityTargetMet, Interval? Reserve80, Interval? Reserve90,
    Interval? Reserve95, Interval ProbabilityOfPayback, Interval NpvMean)
{
    /// <summary>The intervals of the programme's figures of a run.</summary>
    public static ComparisonIntervals Programme(RunResult result)
    {
        var d = result.Decision;
        var npv = result.Row(MetricNames.Npv);
        return new ComparisonIntervals(d.Target?.CumulativeNetSavings, d.ProbabilityTargetMetCi95, d.ReservesCi95?.Reserve80,
            d.ReservesCi95?.Reserve90, d.ReservesCi95?.Reserve95, d.ProbabilityOfPaybackCi95, ConfidenceInterval.Mean(npv.Mean, npv.Sd, npv.Count));
    }

    /// <summary>The intervals of one partner's figures from its own ledger.</summary>
    public static ComparisonIntervals Partner(RunResult result, PartnerDecision partner)
    {
        var npv = result.PartnerRow(partner.PartnerId, MetricNames.Npv);
        return new ComparisonIntervals(partner.Target?.CumulativeNetSavings, partner.ProbabilityTargetMetCi95, partner.ReservesCi95?.Reserve80,
            partner.ReservesCi95?.Reserve90, partner.ReservesCi95?.Reserve95, partner.ProbabilityOfPaybackCi95,
            ConfidenceInterval.Mean(npv.Mean, npv.Sd, npv.Count));
    }

    /// <summary>
    /// Whether the chance of meeting the target and the reserves are within the limits (±1 percentage point, ±2%);
    /// true without a target.
    /// </summary>
    public bool WithinLimits(ComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Target is not double target)
        {
            return true;
        }
        bool Reserve(double? value, Interval? ci) =>
            value is not double v || ci is not { } c || DecisionPrecision.ReserveKnown(v, c, target, DecisionPrecision.ReserveLimit);
        return (row.ProbabilityTargetMet is not double p || ProbabilityTargetMet is not { } pc
                || DecisionPrecision.ProbabilityKnown(p, pc, DecisionPrecision.ProbabilityLimit))
            && Reserve(row.Reserve80, Reserve80) && Reserve(row.Reserve90, Reserve90) && Reserve(row.Reserve95, Reserve95);
    }
}
