using System.Globalization;
using System.Text;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

// The "Value of mitigation" section: what each mitigation (and all of them together) is worth.
public static partial class HtmlReport
{
    /// <summary>Id of the "Value of mitigation" section.</summary>
    public const string MitigationId = "mitigation";

    private static void ValueOfMitigation(StringBuilder html, RunResult result)
    {
        if (result.RiskRegister?.Mitigation is not { } summary)
        {
            return;
        }
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        string Range(double low, double high) => $"{Money(low)} to {Money(high)}";
        var register = result.RiskRegister.Risks.ToDictionary(r => r.RiskId);
        bool target = s.Target is not null;
        html.Append("<section id=\"").Append(MitigationId).Append("\">\n<h2>Value of mitigation</h2>\n");
        html.Append("<table class=\"mitigation\">\n<thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Action</th>")
            .Append("<th scope=\"col\" class=\"num\">Cost</th><th scope=\"col\" class=\"num\">Chance before → after</th>")
            .Append("<th scope=\"col\" class=\"num\">Expected cost before → after</th>");
        if (target)
        {
            html.Append("<th scope=\"col\" class=\"num\">Change in the 90% reserve (95% interval)</th>");
        }
        html.Append("<th scope=\"col\" class=\"num\">Change in mean NPV (95% interval)</th>")
            .Append("<th scope=\"col\" class=\"num\">Net value (95% interval)</th></tr></thead>\n<tbody>\n");
        void Row(MitigationValue v, string chance, bool all)
        {
            html.Append(all ? "<tr class=\"rest\">" : "<tr>").Append("<th scope=\"row\">").Append(E(v.Name)).Append("</th><td>").Append(E(v.Action))
                .Append("</td><td class=\"num\">").Append(E(Money(v.Cost)))
                .Append("</td><td class=\"num\">").Append(E(chance))
                .Append("</td><td class=\"num\">").Append(E($"{Money(v.ExpectedCostBefore)} → {Money(v.ExpectedCostAfter)}"));
            if (target)
            {
                html.Append("</td><td class=\"num\">").Append(E(Money(v.Reserve90Change!.Value))).Append("<br><span class=\"sub\">(")
                    .Append(E(Range(v.Reserve90ChangeLow!.Value, v.Reserve90ChangeHigh!.Value))).Append(")</span>");
            }
            html.Append("</td><td class=\"num\">").Append(E(Money(v.MeanNpvChange))).Append("<br><span class=\"sub\">(")
                .Append(E(Range(v.MeanNpvChangeLow, v.MeanNpvChangeHigh))).Append(")</span>")
                .Append("</td><td class=\"num\"><strong>").Append(E(Money(v.NetValue))).Append("</strong><br><span class=\"sub\">(")
                .Append(E(Range(v.NetValueLow, v.NetValueHigh))).Append(")</span></td></tr>\n");
        }
        foreach (var v in summary.Each)
        {
            var r = register[v.RiskId];
            Row(v, $"{Formats.Chance(r.Probability)} → {Formats.Chance(r.ProbabilityAfter ?? r.Probability)}", false);
        }
        Row(summary.All, "", true);
        html.Append("</tbody>\n</table>\n<ul class=\"mitigation-sentences\">\n");
        html.Append("<li>").Append(E(MitigationSentences.Of(summary.Each[0], s.Currency))).Append("</li>\n");
        if (summary.Each.Count > 1)
        {
            html.Append("<li>").Append(E(MitigationSentences.Of(summary.Each[^1], s.Currency))).Append("</li>\n");
        }
        html.Append("</ul>\n<p class=\"note\">Sorted by net value. Each mitigated case is simulated on the same first ")
            .Append(summary.Trials.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" trials as the base case, with the same random numbers, so each difference is the mitigation's own effect. ")
            .Append("Change in mean NPV: the loss the mitigation avoids, before its cost. Net value: that change less the cost, ")
            .Append("which is paid at the start of year 1.");
        if (target)
        {
            html.Append(" Change in the 90% reserve: the reserve with the mitigation in place, its cost included, less the reserve ")
                .Append("as it stands; negative when the reserve falls (interval from ")
                .Append(summary.BootstrapReplicates.ToString(CultureInfo.InvariantCulture)).Append(" bootstrap resamples of the trials).");
        }
        html.Append(" Mitigations interact, so the last row, all of them together, need not be the sum of the others.</p>\n</section>\n");
    }
}
