using RiskSim.Core.Engine;

namespace RiskSim.Charts.Data;

/// <summary>
/// The medians of the two groups of a result that falls into two (<see cref="TwoOutcomeSplit"/>), as the fan and NPV
/// charts draw them.
/// </summary>
/// <param name="YesLabel">Legend text of the group in which the event happens, e.g. "Median if Darlington leaves (42%)".</param>
/// <param name="NoLabel">Legend text of the other group.</param>
/// <param name="Yes">Median when the event happens: per year for the fan chart, one value for the NPV chart.</param>
/// <param name="No">Median when it does not.</param>
public sealed record ConditionalMedians(string YesLabel, string NoLabel, IReadOnlyList<double> Yes, IReadOnlyList<double> No)
{
    /// <summary>
    /// The fan chart's conditional medians of cumulative net savings by year: from the split of the target year's
    /// cumulative net savings when there is one, else from the split of the NPV; null when nothing splits.
    /// </summary>
    public static ConditionalMedians? ForFan(RunResult result)
    {
        var split = result.TwoOutcomes.FirstOrDefault(t => t.Metric == MetricNames.CumulativeNetSavings)
            ?? result.TwoOutcomes.FirstOrDefault(t => t.Metric == MetricNames.Npv);
        if (split is null)
        {
            return null;
        }
        var (yes, no) = Labels(split);
        return new ConditionalMedians(yes, no, split.CumulativeMedianYes, split.CumulativeMedianNo);
    }

    /// <summary>The NPV chart's two medians, when the NPV splits; null otherwise.</summary>
    public static ConditionalMedians? ForNpv(RunResult result, string currency)
    {
        if (result.TwoOutcomes.FirstOrDefault(t => t.Metric == MetricNames.Npv) is not { } split)
        {
            return null;
        }
        var (yes, no) = Labels(split);
        return new ConditionalMedians($"{yes}: {Core.Text.Formats.Money(split.MedianYes, currency)}",
            $"{no}: {Core.Text.Formats.Money(split.MedianNo, currency)}", [split.MedianYes], [split.MedianNo]);
    }

    /// <summary>The two outcomes of a split in words: ("Darlington leaves", "Darlington stays") or ("… occurs", "… does not occur").</summary>
    public static (string Yes, string No) OutcomeNames(TwoOutcomeSplit split) => split.Kind == OutcomeDriverKind.PartnerLeaves
        ? ($"{InputLabels.Shorten(split.DriverName)} leaves", $"{InputLabels.Shorten(split.DriverName)} stays")
        : ($"{InputLabels.Shorten(split.DriverName)} occurs", $"{InputLabels.Shorten(split.DriverName)} does not occur");

    private static (string Yes, string No) Labels(TwoOutcomeSplit split)
    {
        var (yes, no) = OutcomeNames(split);
        return ($"Median if {yes} ({Core.Text.Formats.Chance(split.YesFraction)})", $"Median if {no} ({Core.Text.Formats.Chance(1 - split.YesFraction)})");
    }
}
