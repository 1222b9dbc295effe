using System.Text;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

// The report's savings profile by financial year and the peak funding requirement.
public static partial class HtmlReport
{
    /// <summary>Id of the section with the savings profile and the peak funding requirement.</summary>
    public const string FundingId = "funding";

    private static void ProfileTable(StringBuilder html, RunResult result, IReadOnlyList<ProfileYearFigure> profile, string caption)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        html.Append("<table class=\"profile\">\n<caption>").Append(E(caption)).Append("</caption>\n")
            .Append("<thead><tr><th scope=\"col\">Financial year</th><th scope=\"col\" class=\"num\">Target (cumulative)</th>")
            .Append("<th scope=\"col\" class=\"num\">Chance of meeting it</th><th scope=\"col\" class=\"num\">Reserve for 80% confidence</th>")
            .Append("<th scope=\"col\" class=\"num\">Reserve for 90% confidence</th><th scope=\"col\" class=\"num\">Reserve for 95% confidence</th></tr></thead>\n<tbody>\n");
        foreach (var y in profile)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(s.YearLabel(y.Year))).Append("</th><td class=\"num\">").Append(E(Money(y.Target)))
                .Append("</td><td class=\"num\">").Append(E(Formats.Chance(y.ProbabilityMet)))
                .Append("</td><td class=\"num\">").Append(E(Money(y.Reserve80)))
                .Append("</td><td class=\"num\">").Append(E(Money(y.Reserve90)))
                .Append("</td><td class=\"num\">").Append(E(Money(y.Reserve95))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void ProfileAndFunding(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        var d = result.Decision;
        string Money(double v) => Formats.Money(v, s.Currency);
        html.Append("<section id=\"").Append(FundingId).Append("\">\n<h2>Savings profile and funding</h2>\n");
        if (d.Profile.Count > 0)
        {
            ProfileTable(html, result, d.Profile, "Savings profile by financial year: cumulative net savings promised by the end of each year"
                + (d.Target?.Basis == Core.Model.TargetBasis.Annual ? " (given as annual figures, summed)" : ""));
        }
        foreach (var p in d.Partners.Where(p => p.Profile.Count > 0))
        {
            ProfileTable(html, result, p.Profile, $"{InputLabels.OwnerName(s, p.PartnerId)}'s own savings profile, on its own ledger"
                + (p.Target?.Basis == Core.Model.TargetBasis.Annual ? " (given as annual figures, summed)" : ""));
        }
        if (d.PeakFunding is { } f)
        {
            html.Append("<table class=\"funding\">\n<caption>Peak funding requirement: the cash to find before the savings arrive</caption>\n")
                .Append("<thead><tr><th scope=\"col\">Ledger</th><th scope=\"col\" class=\"num\">Mean</th>")
                .Append("<th scope=\"col\" class=\"num\">Enough for 80% confidence</th><th scope=\"col\" class=\"num\">90%</th>")
                .Append("<th scope=\"col\" class=\"num\">95%</th><th scope=\"col\" class=\"num\">Chance any is needed</th></tr></thead>\n<tbody>\n");
            void Row(string name, PeakFundingFigure x) =>
                html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td class=\"num\">").Append(E(Money(x.Mean)))
                    .Append("</td><td class=\"num\">").Append(E(Money(x.P80))).Append("</td><td class=\"num\">").Append(E(Money(x.P90)))
                    .Append("</td><td class=\"num\">").Append(E(Money(x.P95))).Append("</td><td class=\"num\">")
                    .Append(E(Formats.Chance(x.ProbabilityNeeded))).Append("</td></tr>\n");
            Row("The programme", f);
            foreach (var p in d.Partners.Where(p => p.PeakFunding is not null))
            {
                Row($"{InputLabels.OwnerName(s, p.PartnerId)} (own ledger)", p.PeakFunding!);
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("<p class=\"note\">A year's reserve is its shortfall against that year's figure at the stated confidence (zero when ")
            .Append("the percentile already meets it). The peak funding requirement is the largest cumulative deficit at any year end ")
            .Append("before the savings arrive (zero when cumulative net savings never fall below zero); the amount for 80% confidence ")
            .Append("is enough in 80% of the simulated outcomes. Money is in real terms.</p>\n</section>\n");
    }
}
