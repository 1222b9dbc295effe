using System.Globalization;
using System.Text;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

/// <summary>The report's figures on where the business case falls and on results that split in two.</summary>
public static partial class HtmlReport
{
    // Decision-figure rows: the share of trials reaching the plan's figures, and each group's median of a split result.
    private static IEnumerable<(string Figure, string Value)> OutcomeRows(RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        if (result.PlanStanding is { } plan)
        {
            var (low, high) = plan.NpvInterval;
            yield return ("Trials whose NPV reaches or beats the plan's",
                $"{OutcomeSentences.Precise(plan.NpvReached)} (95% interval {OutcomeSentences.Interval(low, high)})");
            (low, high) = plan.CumulativeInterval;
            yield return ($"Trials whose cumulative net savings by {Headline.ByYear(s, plan.Year)} reach or beat the plan's "
                + $"{Money(plan.PlanCumulative)}",
                $"{OutcomeSentences.Precise(plan.CumulativeReached)} (95% interval {OutcomeSentences.Interval(low, high)})");
        }
        foreach (var split in result.TwoOutcomes)
        {
            string what = split.Metric == MetricNames.Npv ? "NPV" : $"Cumulative net savings by {Headline.ByYear(s, split.Year ?? s.HorizonYears)}";
            var (yes, no) = split.Kind == OutcomeDriverKind.PartnerLeaves
                ? ($"{split.DriverName} leaves", $"{split.DriverName} stays")
                : ($"the risk '{split.DriverName}' occurs", $"the risk '{split.DriverName}' does not occur");
            yield return ($"{what}, median if {no} ({Formats.Chance(1 - split.YesFraction)} of trials)", Money(split.MedianNo));
            yield return ($"{what}, median if {yes} ({Formats.Chance(split.YesFraction)} of trials)", Money(split.MedianYes));
        }
    }

    // The inputs that move the NPV most, in pounds: the mean NPV at each end of the input's range (or "no" and "yes"
    // for a withdrawal or a risk), the swing, and the share of variance. Leaves the note's paragraph open.
    private static void InputsTable(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        var inputs = TornadoData.From(result, TornadoGrouping.Input, view: TornadoView.Swing);
        var byInput = result.Sensitivity.ToDictionary(r => r.Input);
        html.Append("<h3>Inputs that move the NPV most</h3>\n<table>\n<thead><tr><th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Input</th>")
            .Append("<th scope=\"col\" class=\"num\">Mean NPV: lowest 10% / highest 10% (or no / yes)</th>")
            .Append("<th scope=\"col\" class=\"num\">Swing</th>")
            .Append("<th scope=\"col\" class=\"num\">Share of NPV variance</th></tr></thead>\n<tbody>\n");
        int rank = 0;
        foreach (var bar in inputs.Bars)
        {
            rank++;
            var row = byInput[bar.Key];
            string name = row.Split switch
            {
                SwingSplit.Leaves => $"{InputLabels.OwnerName(s, row.Owner)} leaves within the horizon",
                SwingSplit.Occurs => $"Risk: {InputLabels.OwnerName(s, row.Owner)} occurs",
                _ => InputLabels.Describe(s, row.Input, row.Role, row.Owner),
            };
            string ends = bar.IsYesNo
                ? $"no {Money(row.NpvMeanLow)} / yes {Money(row.NpvMeanHigh)}"
                : $"{Money(row.NpvMeanLow)} / {Money(row.NpvMeanHigh)}";
            html.Append("<tr><td class=\"num\">").Append(rank).Append("</td><td>").Append(E(name))
                .Append("<br><code>").Append(E(row.Input)).Append("</code></td><td class=\"num\">").Append(E(ends))
                .Append("</td><td class=\"num\">").Append(E((row.Swing > 0 ? "+" : "") + Money(row.Swing)))
                .Append("</td><td class=\"num\">").Append(E(Formats.Share(row.Share))).Append("</td></tr>\n");
        }
        if (inputs.Omitted > 0)
        {
            html.Append("<tr class=\"rest\"><td></td><td>").Append(E($"{inputs.Omitted} other inputs")).Append("</td><td></td><td class=\"num\">")
                .Append(E($"{Money(inputs.LargestOmittedSwing)} or less each")).Append("</td><td></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"note\">Over the first ")
            .Append(result.SensitivityTrials.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" trials: the mean NPV of the trials in which the input is in its lowest 10% and in its highest 10%; for a ")
            .Append("partner's withdrawal, the trials in which it stays (no) and leaves within the horizon (yes); for a risk, those in ")
            .Append("which it does not occur (no) and occurs (yes). The swing is the second less the first. The share of NPV variance ")
            .Append("is the input's squared Spearman rank correlation with the NPV as a share of the sum over all inputs.");
    }
}
