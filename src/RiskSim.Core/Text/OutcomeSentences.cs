using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Core.Text;

/// <summary>
/// Plain sentences on two findings of a run, shared by the report and the console: where the business case's own
/// figures fall among the trials, and a result that falls into two groups because of one yes/no event.
/// </summary>
public static class OutcomeSentences
{
    /// <summary>
    /// Where the plan's NPV and cumulative net savings fall ("The business case's own NPV of £15.2m (every input at
    /// its most likely value) is reached or beaten in 11% of trials (95% interval 10%–11%), about the 89th percentile
    /// of the simulated NPV."); empty when the run has no <see cref="RunResult.PlanStanding"/>.
    /// </summary>
    public static IReadOnlyList<string> Plan(RunResult result)
    {
        if (result.PlanStanding is not { } plan)
        {
            return [];
        }
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        var (npvLow, npvHigh) = plan.NpvInterval;
        var (cumLow, cumHigh) = plan.CumulativeInterval;
        return
        [
            $"The business case's own NPV of {Money(plan.PlanNpv)} (every input at its most likely value) is reached or beaten in "
                + $"{Precise(plan.NpvReached)} of trials (95% interval {Interval(npvLow, npvHigh)}), {Position(plan.NpvReached)}.",
            $"Its cumulative net savings of {Money(plan.PlanCumulative)} by {ByYear(s, plan.Year)} are reached or beaten in "
                + $"{Precise(plan.CumulativeReached)} of trials (95% interval {Interval(cumLow, cumHigh)}).",
        ];
    }

    /// <summary>
    /// A result that falls into two groups ("The NPV falls into two groups, depending on whether Darlington Borough
    /// Council leaves within the horizon: if it stays (58% of trials) the median NPV is £12.4m; if it leaves,
    /// -£1.33m. The overall median of £8.08m lies in the gap between them, where few trials fall.").
    /// </summary>
    public static string TwoOutcome(RunResult result, TwoOutcomeSplit split)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        bool npv = split.Metric == MetricNames.Npv;
        string what = npv ? "The NPV" : $"Cumulative net savings by {ByYear(s, split.Year ?? s.HorizonYears)}";
        string median = npv ? "the median NPV" : "the median";
        string no = Formats.Chance(1 - split.YesFraction);
        string body = split.Kind == OutcomeDriverKind.PartnerLeaves
            ? $"{what} falls into two groups, depending on whether {split.DriverName} leaves within the horizon: if it stays "
              + $"({no} of trials) {median} is {Money(split.MedianNo)}; if it leaves, {Money(split.MedianYes)}."
            : $"{what} falls into two groups, depending on whether the risk '{split.DriverName}' occurs: if it does not "
              + $"({no} of trials) {median} is {Money(split.MedianNo)}; if it does, {Money(split.MedianYes)}.";
        return body + $" The overall median of {Money(split.Median)} lies in the gap between them, where few trials fall.";
    }

    /// <summary>The two-outcome sentences of a run, NPV first (empty when no result splits).</summary>
    public static IReadOnlyList<string> TwoOutcomes(RunResult result) => result.TwoOutcomes.Select(t => TwoOutcome(result, t)).ToList();

    // "about the 89th percentile" from the share of trials at or above the plan.
    private static string Position(double reached)
    {
        int percentile = (int)Math.Round((1 - reached) * 100);
        if (percentile >= 100)
        {
            return "higher than almost every simulated outcome";
        }
        if (percentile <= 0)
        {
            return "lower than almost every simulated outcome";
        }
        return $"about the {Ordinal(percentile)} percentile of the simulated NPV";
    }

    private static string Ordinal(int n)
    {
        string suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>A share of trials to one decimal ("10.6%"), as <see cref="Formats.Chance"/> in the far tails.</summary>
    public static string Precise(double p) => p is >= 0.001 and <= 0.999 ? Formats.Percent(p, "0.0") : Formats.Chance(p);

    /// <summary>An interval of shares, "10.4%–10.8%".</summary>
    public static string Interval(double low, double high) => $"{Precise(low)}–{Precise(high)}";

    // "the end of 2015/16" (or "the end of year 3" without a start year), as the headline writes a year.
    private static string ByYear(Scenario scenario, int year) =>
        "the end of " + (scenario.StartYear is null ? $"year {year.ToString(CultureInfo.InvariantCulture)}" : scenario.YearLabel(year));
}
