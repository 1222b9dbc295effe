using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>Names of the summary metrics (the results of a run).</summary>
public static class MetricNames
{
    /// <summary>Gross savings in a year.</summary>
    public const string GrossSavings = "gross_savings";

    /// <summary>The five cost terms of a year.</summary>
    public const string Costs = "costs";

    /// <summary>Gross savings less costs in a year.</summary>
    public const string NetSavings = "net_savings";

    /// <summary>Net savings summed to the end of a year.</summary>
    public const string CumulativeNetSavings = "cumulative_net_savings";

    /// <summary>Discounted net savings over the horizon.</summary>
    public const string Npv = "npv";

    /// <summary>Undiscounted net savings over the horizon.</summary>
    public const string TotalNetSavings = "total_net_savings";

    /// <summary>First year from which cumulative net savings stay ≥ 0.</summary>
    public const string PaybackYear = "payback_year";

    /// <summary>Largest cumulative deficit at a year end before the savings arrive: the cash to find up front.</summary>
    public const string PeakFunding = "peak_funding";
}

/// <summary>One row of the summary table: the distribution of a metric in a year (or over the horizon).</summary>
public sealed record SummaryRow(
    string Metric, int? Year, long Count, double Mean, double Sd, double Min, double Max,
    double P5, double P10, double P25, double P50, double P75, double P90, double P95)
{
    /// <summary>The reported percentiles in order p5..p95.</summary>
    public IReadOnlyList<double> PercentileValues => [P5, P10, P25, P50, P75, P90, P95];

    /// <summary>The partner whose own ledger the row describes; null for the programme.</summary>
    public string? Partner { get; init; }
}

/// <summary>One partner's decision figures from its own ledger (each partner's own ledger).</summary>
/// <param name="PartnerId">Partner id.</param>
/// <param name="Name">Partner name.</param>
/// <param name="Target">The partner's own target, or null.</param>
/// <param name="ProbabilityOfPayback">P(its cumulative net savings pay back within the horizon).</param>
/// <param name="ProbabilityNpvNegative">P(its NPV &lt; 0).</param>
/// <param name="ProbabilityTargetMet">P(its cumulative net savings reach its target by the target year); null without a target.</param>
/// <param name="CumulativeAtTargetP20">20th percentile of its cumulative net savings at its target year.</param>
/// <param name="CumulativeAtTargetP10">10th percentile.</param>
/// <param name="CumulativeAtTargetP5">5th percentile.</param>
/// <param name="Reserve80">max(0, target − p20).</param>
/// <param name="Reserve90">max(0, target − p10).</param>
/// <param name="Reserve95">max(0, target − p5).</param>
public sealed partial record PartnerDecision(
    string PartnerId, string Name, SavingsTarget? Target, double ProbabilityOfPayback, double ProbabilityNpvNegative,
    double? ProbabilityTargetMet, double? CumulativeAtTargetP20, double? CumulativeAtTargetP10, double? CumulativeAtTargetP5,
    double? Reserve80, double? Reserve90, double? Reserve95)
{
    /// <summary>95% Monte Carlo interval of <see cref="ProbabilityOfPayback"/> (Wilson).</summary>
    public Interval ProbabilityOfPaybackCi95 { get; init; }

    /// <summary>95% Monte Carlo interval of <see cref="ProbabilityNpvNegative"/> (Wilson).</summary>
    public Interval ProbabilityNpvNegativeCi95 { get; init; }

    /// <summary>95% Monte Carlo interval of <see cref="ProbabilityTargetMet"/> (Wilson); null without a target.</summary>
    public Interval? ProbabilityTargetMetCi95 { get; init; }

    /// <summary>95% Monte Carlo intervals of the reserves at 80%, 90% and 95% confidence; null without a target.</summary>
    public ReserveIntervals? ReservesCi95 { get; init; }
}

/// <summary>
/// The 95% Monte Carlo intervals of the three reserves and of the percentiles they are read from (order statistics
/// at the ranks n·q ± 1.96·√(n·q·(1−q))).
/// </summary>
/// <param name="P20">Interval of the 20th percentile of cumulative net savings at the target year.</param>
/// <param name="P10">Of the 10th percentile.</param>
/// <param name="P5">Of the 5th percentile.</param>
/// <param name="Reserve80">Of max(0, target − p20).</param>
/// <param name="Reserve90">Of max(0, target − p10).</param>
/// <param name="Reserve95">Of max(0, target − p5).</param>
public sealed record ReserveIntervals(Interval P20, Interval P10, Interval P5, Interval Reserve80, Interval Reserve90, Interval Reserve95);

/// <summary>P(exit within the horizon) of one partner.</summary>
public sealed record PartnerExitFigure(string PartnerId, string Name, double ProbabilityOfExit)
{
    /// <summary>95% Monte Carlo interval of <see cref="ProbabilityOfExit"/> (Wilson).</summary>
    public Interval Ci95 { get; init; }
}

/// <summary>Realised frequency of one risk.</summary>
public sealed record RiskFrequencyFigure(string RiskId, string Name, double Frequency)
{
    /// <summary>95% Monte Carlo interval of <see cref="Frequency"/> (Wilson).</summary>
    public Interval Ci95 { get; init; }
}

/// <summary>The decision figures of a run.</summary>
/// <param name="Target">The target, or null when the scenario has none.</param>
/// <param name="ProbabilityTargetMet">P(cumulative net savings ≥ target at the target year).</param>
/// <param name="CumulativeAtTargetP20">20th percentile of cumulative net savings at the target year.</param>
/// <param name="CumulativeAtTargetP10">10th percentile of cumulative net savings at the target year.</param>
/// <param name="CumulativeAtTargetP5">5th percentile of cumulative net savings at the target year.</param>
/// <param name="Reserve80">max(0, target − p20): reserve for 80% confidence.</param>
/// <param name="Reserve90">max(0, target − p10).</param>
/// <param name="Reserve95">max(0, target − p5).</param>
/// <param name="ProbabilityOfPayback">P(payback within the horizon).</param>
/// <param name="PartnerExits">Per partner (0 for a partner without a withdrawal risk).</param>
/// <param name="RiskFrequencies">Per risk.</param>
public sealed partial record DecisionFigures(
    SavingsTarget? Target,
    double? ProbabilityTargetMet,
    double? CumulativeAtTargetP20,
    double? CumulativeAtTargetP10,
    double? CumulativeAtTargetP5,
    double? Reserve80,
    double? Reserve90,
    double? Reserve95,
    double ProbabilityOfPayback,
    IReadOnlyList<PartnerExitFigure> PartnerExits,
    IReadOnlyList<RiskFrequencyFigure> RiskFrequencies)
{
    /// <summary>Each partner's figures from its own ledger, in scenario order; empty when the run keeps no ledgers (one partner).</summary>
    public IReadOnlyList<PartnerDecision> Partners { get; init; } = [];

    /// <summary>95% Monte Carlo interval of <see cref="ProbabilityTargetMet"/> (Wilson); null without a target.</summary>
    public Interval? ProbabilityTargetMetCi95 { get; init; }

    /// <summary>95% Monte Carlo intervals of the reserves and their percentiles; null without a target.</summary>
    public ReserveIntervals? ReservesCi95 { get; init; }

    /// <summary>95% Monte Carlo interval of <see cref="ProbabilityOfPayback"/> (Wilson).</summary>
    public Interval ProbabilityOfPaybackCi95 { get; init; }
}

/// <summary>Spearman rank correlation of one uncertain input with NPV and its share of the total.</summary>
/// <param name="Input">Dotted input name.</param>
/// <param name="Role">What kind of input it is.</param>
/// <param name="Owner">Workstream, partner or risk id.</param>
/// <param name="Spearman">Rank correlation with NPV.</param>
/// <param name="Share">ρ² / Σρ² over all uncertain inputs (tornado weight).</param>
public sealed record SensitivityRow(string Input, InputRole Role, string Owner, double Spearman, double Share)
{
    /// <summary>How the trials were split for the swing: deciles, or yes/no for a withdrawal notice or a risk's occurrence.</summary>
    public SwingSplit Split { get; init; } = SwingSplit.Deciles;

    /// <summary>Mean NPV of the trials in the input's lowest 10% (for a yes/no split: the "no" trials).</summary>
    public double NpvMeanLow { get; init; } = double.NaN;

    /// <summary>Mean NPV of the trials in the input's highest 10% (for a yes/no split: the "yes" trials).</summary>
    public double NpvMeanHigh { get; init; } = double.NaN;

    /// <summary>For a yes/no split, the share of trials in "yes"; NaN otherwise.</summary>
    public double YesFraction { get; init; } = double.NaN;

    /// <summary>Mean NPV in each tenth of the input's ranked values, lowest first (empty for a yes/no split).</summary>
    public IReadOnlyList<double> DecileMeans { get; init; } = [];

    /// <summary>The swing in mean NPV: <see cref="NpvMeanHigh"/> − <see cref="NpvMeanLow"/>.</summary>
    public double Swing => NpvMeanHigh - NpvMeanLow;

    /// <summary>Every field equal, the tenths' means element by element (NaN equal to NaN).</summary>
    public bool Equals(SensitivityRow? other) =>
        other is not null && Input == other.Input && Role == other.Role && Owner == other.Owner
        && Spearman.Equals(other.Spearman) && Share.Equals(other.Share) && Split == other.Split
        && NpvMeanLow.Equals(other.NpvMeanLow) && NpvMeanHigh.Equals(other.NpvMeanHigh)
        && YesFraction.Equals(other.YesFraction) && DecileMeans.SequenceEqual(other.DecileMeans);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Input, Spearman, Share, NpvMeanLow, NpvMeanHigh);
}

/// <summary>
/// The deterministic "plan": one trial with every input at its most likely value (PERT and triangular
/// modes, normal means, the likeliest discrete value), no partner leaving, and each risk occurring only
/// if it is more likely than not. It stands for the business case's own profile.
/// </summary>
/// <param name="GrossSavings">Per year (index 0 = year 1).</param>
/// <param name="Costs">Per year.</param>
/// <param name="NetSavings">Per year.</param>
/// <param name="CumulativeNetSavings">Per year.</param>
/// <param name="Npv">Discounted net savings.</param>
/// <param name="PaybackYear">First year from which cumulative stays ≥ 0, or null.</param>
public sealed record PlanCase(IReadOnlyList<double> GrossSavings, IReadOnlyList<double> Costs, IReadOnlyList<double> NetSavings,
    IReadOnlyList<double> CumulativeNetSavings, double Npv, int? PaybackYear);

/// <summary>What one partner's withdrawal does to NPV, from the trials used for sensitivity.</summary>
/// <param name="PartnerId">Partner id.</param>
/// <param name="Name">Partner name.</param>
/// <param name="ProbabilityOfExit">P(exit within the horizon) over the whole run.</param>
/// <param name="TrialsWithExit">Sensitivity trials in which the partner left.</param>
/// <param name="MedianNpvIfExit">Median NPV of those trials (NaN when none).</param>
/// <param name="MedianNpvIfStays">Median NPV of the trials where it stayed (NaN when none).</param>
/// <param name="MeanNpvIfExit">Mean NPV when it left.</param>
/// <param name="MeanNpvIfStays">Mean NPV when it stayed.</param>
public sealed record PartnerExposure(string PartnerId, string Name, double ProbabilityOfExit, long TrialsWithExit,
    double MedianNpvIfExit, double MedianNpvIfStays, double MeanNpvIfExit, double MeanNpvIfStays);

/// <summary>How long each stage of a run took.</summary>
public sealed record RunTimings(TimeSpan Simulation, TimeSpan Statistics, TimeSpan Sensitivity);

/// <summary>The immutable outcome of one run; every writer only reads it.</summary>
public sealed partial record RunResult
{
    /// <summary>The scenario simulated.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Trials simulated.</summary>
    public required long Trials { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Worker threads used (does not affect results).</summary>
    public required int Threads { get; init; }

    /// <summary>Rows per metric and year, then whole-horizon metrics.</summary>
    public required IReadOnlyList<SummaryRow> Summary { get; init; }

    /// <summary>Decision figures.</summary>
    public required DecisionFigures Decision { get; init; }

    /// <summary>Sensitivity of NPV to every uncertain input, largest share first.</summary>
    public required IReadOnlyList<SensitivityRow> Sensitivity { get; init; }

    /// <summary>Trials the sensitivity was computed on (the first ones of the run).</summary>
    public required long SensitivityTrials { get; init; }

    /// <summary>Largest certified error of any reported percentile, in percentile points.</summary>
    public required double PercentileErrorBound { get; init; }

    /// <summary>Whether an exact second pass was needed to meet the percentile accuracy.</summary>
    public required bool ExactPercentilePass { get; init; }

    /// <summary>NPV quantiles at p = 0, 0.005, …, 1 (201 values) for histograms and S-curves.</summary>
    public required IReadOnlyList<double> NpvQuantiles { get; init; }

    /// <summary>NPV of each of the first <see cref="SimulationOptions.PairedTrials"/> trials (empty when not asked).</summary>
    public IReadOnlyList<double> PairedNpv { get; init; } = [];

    /// <summary>Cumulative net savings at the target year (else the last year) of the same trials.</summary>
    public IReadOnlyList<double> PairedCumulative { get; init; } = [];

    /// <summary>The deterministic most-likely case.</summary>
    public required PlanCase Plan { get; init; }

    /// <summary>Per partner with a withdrawal risk, NPV with and without its exit.</summary>
    public required IReadOnlyList<PartnerExposure> PartnerExposures { get; init; }

    /// <summary>The quantified risk register and the value of each mitigation; null when the scenario has no risks.</summary>
    public RiskRegisterResult? RiskRegister { get; init; }

    /// <summary>The swing in NPV of each owner's inputs taken together (workstream, partner, risk), largest first.</summary>
    public IReadOnlyList<SensitivityGroup> SensitivityGroups { get; init; } = [];

    /// <summary>NPV against the largest continuous driver, for the scatter chart; null when no input is uncertain.</summary>
    public SensitivityScatter? Scatter { get; init; }

    /// <summary>Results that fall into two groups because of a partner leaving or a risk occurring (NPV first).</summary>
    public IReadOnlyList<TwoOutcomeSplit> TwoOutcomes { get; init; } = [];

    /// <summary>Where the plan's NPV and cumulative net savings fall among all the trials.</summary>
    public PlanStanding? PlanStanding { get; init; }

    /// <summary>Stage timings.</summary>
    public required RunTimings Timings { get; init; }

    /// <summary>How a run to a stated precision ended (<see cref="SimulationOptions.Precision"/>); null for a fixed run.</summary>
    public PrecisionOutcome? Precision { get; init; }

    /// <summary>The programme's row for a metric and year (year null for whole-horizon metrics).</summary>
    public SummaryRow Row(string metric, int? year = null) =>
        Summary.First(r => r.Metric == metric && r.Year == year && r.Partner is null);

    /// <summary>A partner's row for a metric and year, from its own ledger.</summary>
    public SummaryRow PartnerRow(string partner, string metric, int? year = null) =>
        Summary.First(r => r.Metric == metric && r.Year == year && r.Partner == partner);
}
