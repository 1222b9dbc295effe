using RiskSim.Core.Model;

namespace RiskSim.Core.Engine;

/// <summary>
/// One financial year of a savings profile as a budget book shows it: the cumulative figure promised by the end of
/// the year, the chance of meeting it and the shortfall to hold in reserve for 80%, 90% and 95% confidence.
/// </summary>
/// <param name="Year">Year 1..H.</param>
/// <param name="Target">Cumulative net savings promised by the end of the year.</param>
/// <param name="ProbabilityMet">P(cumulative net savings at the year end ≥ <paramref name="Target"/>).</param>
/// <param name="CumulativeP20">20th percentile of cumulative net savings at the year end.</param>
/// <param name="CumulativeP10">10th percentile.</param>
/// <param name="CumulativeP5">5th percentile.</param>
/// <param name="Reserve80">max(0, target − p20).</param>
/// <param name="Reserve90">max(0, target − p10).</param>
/// <param name="Reserve95">max(0, target − p5).</param>
public sealed record ProfileYearFigure(int Year, double Target, double ProbabilityMet, double CumulativeP20, double CumulativeP10,
    double CumulativeP5, double Reserve80, double Reserve90, double Reserve95);

/// <summary>
/// The distribution of the peak funding requirement: the largest cumulative deficit at a year end before the savings
/// arrive, the cash a council must find up front (0 in a trial whose cumulative net savings never fall below 0).
/// </summary>
/// <param name="Mean">Mean over the trials.</param>
/// <param name="P50">Median.</param>
/// <param name="P80">Enough in 80% of trials.</param>
/// <param name="P90">Enough in 90% of trials.</param>
/// <param name="P95">Enough in 95% of trials.</param>
/// <param name="Max">Largest over the trials.</param>
/// <param name="ProbabilityNeeded">P(any funding is needed): the share of trials with a deficit at some year end.</param>
public sealed record PeakFundingFigure(double Mean, double P50, double P80, double P90, double P95, double Max, double ProbabilityNeeded);

/// <summary>The decision figures of a run: savings profile and peak funding.</summary>
public sealed partial record DecisionFigures
{
    /// <summary>Each year of the target's savings profile; empty when the target is a single figure or there is none.</summary>
    public IReadOnlyList<ProfileYearFigure> Profile { get; init; } = [];

    /// <summary>The programme's peak funding requirement.</summary>
    public PeakFundingFigure? PeakFunding { get; init; }
}

/// <summary>One partner's decision figures: its own savings profile and peak funding.</summary>
public sealed partial record PartnerDecision
{
    /// <summary>Each year of the partner's own savings profile; empty without one.</summary>
    public IReadOnlyList<ProfileYearFigure> Profile { get; init; } = [];

    /// <summary>The partner's own peak funding requirement, from its own ledger.</summary>
    public PeakFundingFigure? PeakFunding { get; init; }
}

/// <summary>The immutable outcome of one run: the S-curve of the target year.</summary>
public sealed partial record RunResult
{
    /// <summary>
    /// Cumulative net savings at the target year (the last year without a target) at p = 0, 0.005, …, 1 (201 values),
    /// for the S-curve of <c>target.png</c>.
    /// </summary>
    public IReadOnlyList<double> TargetQuantiles { get; init; } = [];

    /// <summary>The year whose cumulative net savings <see cref="TargetQuantiles"/> describes.</summary>
    public int TargetQuantilesYear => Scenario.Target?.ByYear ?? Scenario.HorizonYears;
}
