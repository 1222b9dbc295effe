using RiskSim.Core.Model;

namespace RiskSim.Core.Engine;

/// <summary>How the trials are split to measure an input's swing in NPV.</summary>
public enum SwingSplit
{
    /// <summary>The trials in the input's lowest 10% against those in its highest 10% (ranked, ties by trial order).</summary>
    Deciles,

    /// <summary>The trials in which the partner leaves within the horizon ("yes") against those in which it stays ("no").</summary>
    Leaves,

    /// <summary>The trials in which the risk occurs ("yes") against those in which it does not ("no").</summary>
    Occurs,

    /// <summary>
    /// A workstream's (or other owner's) inputs together: the trials whose summed score Σ sign(ρ)·rank over its inputs
    /// is in the lowest 10% against those in the highest 10%.
    /// </summary>
    GroupScore,
}

/// <summary>The swing in mean NPV of one owner's inputs taken together (a workstream, partner or risk).</summary>
/// <param name="Owner">Workstream, partner or risk id.</param>
/// <param name="Split">How the trials were split: <see cref="SwingSplit.Leaves"/> for a partner that may withdraw,
/// <see cref="SwingSplit.Occurs"/> for a risk that may occur, otherwise <see cref="SwingSplit.GroupScore"/>.</param>
/// <param name="NpvMeanLow">Mean NPV of the low (or "no") trials.</param>
/// <param name="NpvMeanHigh">Mean NPV of the high (or "yes") trials.</param>
/// <param name="YesFraction">For a yes/no split, the share of trials in "yes"; NaN otherwise.</param>
/// <param name="Inputs">Uncertain inputs of the owner.</param>
public sealed record SensitivityGroup(string Owner, SwingSplit Split, double NpvMeanLow, double NpvMeanHigh, double YesFraction, int Inputs)
{
    /// <summary>Mean NPV high (or "yes") less mean NPV low (or "no").</summary>
    public double Swing => NpvMeanHigh - NpvMeanLow;
}

/// <summary>
/// NPV against the largest continuous driver for a scatter chart: the first trials of the sensitivity sample.
/// </summary>
/// <param name="Input">Dotted input name of the driver.</param>
/// <param name="Role">Its role.</param>
/// <param name="Owner">Its owner id.</param>
/// <param name="PartnerId">The partner whose withdrawal moves NPV most, or null when no partner may withdraw.</param>
/// <param name="Values">The driver's value in each trial.</param>
/// <param name="Npv">NPV of each trial.</param>
/// <param name="Left">Whether <paramref name="PartnerId"/> left within the horizon in each trial (all false without one).</param>
public sealed record SensitivityScatter(string Input, InputRole Role, string Owner, string? PartnerId,
    IReadOnlyList<double> Values, IReadOnlyList<double> Npv, IReadOnlyList<bool> Left)
{
    /// <summary>Most trials kept for the scatter chart.</summary>
    public const int MaxPoints = 4000;
}

/// <summary>What a two-outcome split is driven by.</summary>
public enum OutcomeDriverKind
{
    /// <summary>A partner leaving within the horizon.</summary>
    PartnerLeaves,

    /// <summary>A risk occurring.</summary>
    RiskOccurs,
}

/// <summary>
/// A result that falls into two groups because of one yes/no event (a partner leaving, a risk occurring), found
/// from the trials of the sensitivity sample (the criterion is in docs/model.md, "Two-outcome results").
/// </summary>
/// <param name="Metric"><see cref="MetricNames.Npv"/> or <see cref="MetricNames.CumulativeNetSavings"/>.</param>
/// <param name="Year">The target year for cumulative net savings; null for NPV.</param>
/// <param name="Kind">What the event is.</param>
/// <param name="DriverId">Partner or risk id.</param>
/// <param name="DriverName">Partner or risk name.</param>
/// <param name="YesFraction">Share of the sample's trials in which the event happened.</param>
/// <param name="MedianYes">Median of the metric when it happened.</param>
/// <param name="MedianNo">Median when it did not.</param>
/// <param name="Median">Median of all the sample's trials.</param>
/// <param name="Separation">Ashman's D from robust figures: |median yes − median no| / √((s_yes² + s_no²)/2), s = IQR/1.349.</param>
/// <param name="DipRatio">Trials near the overall median over the fewer near either group's median (same window).</param>
/// <param name="CumulativeMedianYes">Median cumulative net savings of each year (index 0 = year 1) when it happened.</param>
/// <param name="CumulativeMedianNo">The same when it did not.</param>
public sealed record TwoOutcomeSplit(string Metric, int? Year, OutcomeDriverKind Kind, string DriverId, string DriverName,
    double YesFraction, double MedianYes, double MedianNo, double Median, double Separation, double DipRatio,
    IReadOnlyList<double> CumulativeMedianYes, IReadOnlyList<double> CumulativeMedianNo)
{
    /// <summary>Least share of trials in each group for a split to count.</summary>
    public const double MinGroupShare = 0.05;

    /// <summary>Least <see cref="Separation"/> for two groups (two equal normal components are bimodal from D &gt; 2).</summary>
    public const double MinSeparation = 2.0;

    /// <summary>Most <see cref="DipRatio"/>: the overall median must sit where trials are less than half as dense.</summary>
    public const double MaxDipRatio = 0.5;

    /// <summary>Every field equal, the yearly medians element by element (NaN equal to NaN).</summary>
    public bool Equals(TwoOutcomeSplit? other) =>
        other is not null && Metric == other.Metric && Year == other.Year && Kind == other.Kind && DriverId == other.DriverId
        && DriverName == other.DriverName && YesFraction.Equals(other.YesFraction) && MedianYes.Equals(other.MedianYes)
        && MedianNo.Equals(other.MedianNo) && Median.Equals(other.Median) && Separation.Equals(other.Separation)
        && DipRatio.Equals(other.DipRatio) && CumulativeMedianYes.SequenceEqual(other.CumulativeMedianYes)
        && CumulativeMedianNo.SequenceEqual(other.CumulativeMedianNo);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Metric, DriverId, MedianYes, MedianNo);
}

/// <summary>Where the business case's own figures (the plan) fall among all the trials of a run, counted exactly.</summary>
/// <param name="Trials">Trials of the run.</param>
/// <param name="PlanNpv">The plan's NPV.</param>
/// <param name="TrialsNpvAtLeast">Trials whose NPV is at least the plan's.</param>
/// <param name="Year">The year of the cumulative figure: the target year, else the last year.</param>
/// <param name="PlanCumulative">The plan's cumulative net savings at <paramref name="Year"/>.</param>
/// <param name="TrialsCumulativeAtLeast">Trials whose cumulative net savings at that year are at least the plan's.</param>
public sealed record PlanStanding(long Trials, double PlanNpv, long TrialsNpvAtLeast, int Year, double PlanCumulative, long TrialsCumulativeAtLeast)
{
    /// <summary>Share of trials whose NPV reaches or beats the plan's.</summary>
    public double NpvReached => (double)TrialsNpvAtLeast / Trials;

    /// <summary>Share of trials whose cumulative net savings at <see cref="Year"/> reach or beat the plan's.</summary>
    public double CumulativeReached => (double)TrialsCumulativeAtLeast / Trials;

    /// <summary>95% Wilson score interval of <see cref="NpvReached"/>.</summary>
    public (double Low, double High) NpvInterval => Wilson(TrialsNpvAtLeast, Trials);

    /// <summary>95% Wilson score interval of <see cref="CumulativeReached"/>.</summary>
    public (double Low, double High) CumulativeInterval => Wilson(TrialsCumulativeAtLeast, Trials);

    /// <summary>The 95% Wilson score interval of <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    internal static (double Low, double High) Wilson(long successes, long n)
    {
        const double z = 1.959963984540054;
        double p = (double)successes / n, z2 = z * z / n;
        double centre = (p + z2 / 2) / (1 + z2);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n)) / (1 + z2);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
