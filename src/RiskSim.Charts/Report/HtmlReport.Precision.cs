using System.Globalization;
using System.Text;
using RiskSim.Core.Engine;
using RiskSim.Core.Statistics;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

public static partial class HtmlReport
{
    /// <summary>Id of the section on the Monte Carlo precision of the decision figures.</summary>
    public const string PrecisionId = "precision";

    /// <summary>
    /// The precision section: each decision figure with its 95% Monte Carlo interval, a plain warning for every figure
    /// less precise than the limits (or a sentence that all are within them),.
    /// </summary>
    private static void PrecisionSection(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        var d = result.Decision;
        string Money(double v) => Formats.Money(v, s.Currency);
        string Chance(Interval ci) => $"{Formats.Percent(ci.Low)} to {Formats.Percent(ci.High)}";
        string Cash(Interval ci) => $"{Money(ci.Low)} to {Money(ci.High)}";
        var rows = new List<(string Figure, string Value, string Interval)>();
        if (d.ProbabilityTargetMet is double met && d.ProbabilityTargetMetCi95 is { } metCi && d.ReservesCi95 is { } r)
        {
            rows.Add(("Chance of meeting the target", Formats.Chance(met), Chance(metCi)));
            rows.Add(("Reserve for 80% confidence", Money(d.Reserve80 ?? double.NaN), Cash(r.Reserve80)));
            rows.Add(("Reserve for 90% confidence", Money(d.Reserve90 ?? double.NaN), Cash(r.Reserve90)));
            rows.Add(("Reserve for 95% confidence", Money(d.Reserve95 ?? double.NaN), Cash(r.Reserve95)));
        }
        rows.Add(("Chance of paying back within the horizon", Formats.Chance(d.ProbabilityOfPayback), Chance(d.ProbabilityOfPaybackCi95)));
        var npv = result.Row(MetricNames.Npv);
        rows.Add(("Net present value: mean", Money(npv.Mean), Cash(ConfidenceInterval.Mean(npv.Mean, npv.Sd, npv.Count))));
        foreach (var p in d.PartnerExits.Where(x => s.Partners.Any(q => q.Id == x.PartnerId && q.Withdrawal is not null)))
        {
            rows.Add(($"Chance that {Data.InputLabels.OwnerName(s, p.PartnerId)} leaves within the horizon", Formats.Chance(p.ProbabilityOfExit), Chance(p.Ci95)));
        }
        foreach (var risk in d.RiskFrequencies)
        {
            rows.Add(($"Risk '{Data.InputLabels.OwnerName(s, risk.RiskId)}' happens", Formats.Chance(risk.Frequency), Chance(risk.Ci95)));
        }
        foreach (var p in d.Partners)
        {
            string name = Data.InputLabels.OwnerName(s, p.PartnerId);
            if (p.ProbabilityTargetMet is double own && p.ProbabilityTargetMetCi95 is { } ownCi && p.ReservesCi95 is { } pr)
            {
                rows.Add(($"{name}: chance of meeting its own target", Formats.Chance(own), Chance(ownCi)));
                rows.Add(($"{name}: reserve for 90% confidence", Money(p.Reserve90 ?? double.NaN), Cash(pr.Reserve90)));
            }
            rows.Add(($"{name}: chance its own NPV is below zero", Formats.Chance(p.ProbabilityNpvNegative), Chance(p.ProbabilityNpvNegativeCi95)));
        }

        html.Append("<section id=\"").Append(PrecisionId).Append("\">\n<h2>Precision of the figures</h2>\n");
        if (result.Precision is { } outcome)
        {
            html.Append("<p>").Append(E(outcome.Sentence(result.Trials))).Append("</p>\n");
        }
        PrecisionWarnings(html, result, "warning");
        html.Append("<table class=\"figures\">\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">Value</th>")
            .Append("<th scope=\"col\" class=\"num\">95% interval</th></tr></thead>\n<tbody>\n");
        foreach (var (figure, value, interval) in rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(figure)).Append("</th><td class=\"num\">").Append(E(value))
                .Append("</td><td class=\"num\">").Append(E(interval)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"note\">Each figure comes from ")
            .Append(result.Trials.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" simulated outcomes, so it carries a small sampling error: with 95% confidence the figure a run of unlimited ")
            .Append("length would give lies in the interval shown (Wilson intervals for chances, order-statistic intervals for ")
            .Append("reserves, ±1.96 standard errors for a mean). More trials narrow every interval.</p>\n");
        html.Append("</section>\n");
    }

    /// <summary>
    /// The plain precision warnings as one paragraph each (<see cref="DecisionPrecision.Warnings"/>); with none, a sentence
    /// that the chance of meeting the target and the reserves are within the limits (when there is a target).
    /// </summary>
    private static void PrecisionWarnings(StringBuilder html, RunResult result, string cssClass)
    {
        var warnings = DecisionPrecision.Warnings(result);
        // One box for all of them: a short run can have several, and each on its own would crowd the summary page.
        if (warnings.Count > 0)
        {
            html.Append("<p class=\"").Append(cssClass).Append("\">").Append(string.Join("<br>\n", warnings.Select(E))).Append("</p>\n");
        }
        if (warnings.Count == 0 && result.Decision.Target is not null && cssClass == "warning")
        {
            html.Append("<p>The chance of meeting the target is known to within ±1 percentage point and each reserve to within ")
                .Append("±2% at 95% confidence.</p>\n");
        }
    }

    /// <summary>The provenance line that replaces the percentile error bound: how precise the decision figures are.</summary>
    private static string PrecisionStatement(RunResult result)
    {
        var warnings = DecisionPrecision.Warnings(result);
        if (warnings.Count > 0)
        {
            return string.Join(" ", warnings);
        }
        return result.Decision.Target is null
            ? "no target: see the intervals under Precision of the figures"
            : "chance of meeting the target within ±1 percentage point, each reserve within ±2% (95% confidence)";
    }
}
