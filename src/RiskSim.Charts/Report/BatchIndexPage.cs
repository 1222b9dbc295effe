using System.Text;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

/// <summary>
/// Writes a batch's index.html: one line per run linking its report (or its folder), each partner's own target
/// chance and 90% reserve in a line under it, and the failures.
/// </summary>
public static partial class BatchIndexPage
{
    /// <summary>Writes index.html: one line per run linking its report (or its folder), its partners under it, and the failures.</summary>
    /// <param name="rows">Per run, its programme row and then its partner rows (<see cref="ComparisonRow.Partner"/>).</param>
    /// <param name="failures">Scenario files that failed, and why.</param>
    /// <param name="charts">Whether comparison.png and each run's report.html were written.</param>
    /// <param name="path">Where to write.</param>
    /// <param name="variantCurves">Base run folders holding <see cref="VariantCurvesFile"/> (the S-curves of a base and its variants).</param>
    /// <param name="marking">Protective marking shown at the top and bottom of the page (and of every printed page), or null.</param>
    public static void Write(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<(string File, string Why)> failures, bool charts, string path,
        IReadOnlyCollection<string>? variantCurves = null, string? marking = null)
    {
        string markingLine = marking is null ? "" : $"<p class=\"{HtmlReport.MarkingClass}\">{Html.Escape(marking)}</p>";
        static string P(double? p) => p is double v ? Html.Text(Formats.Chance(v)) : "–";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RiskSim batch comparison</title><style>")
            .Append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}td:first-child,td:nth-child(2),th{text-align:left}")
            .Append("img{max-width:100%}.fig{white-space:nowrap}.failed{color:#a00}tr.partners td{text-align:left;font-size:90%;color:#444;border-top:none}")
            .Append(".marking{text-align:center;font-weight:bold;letter-spacing:0.05em}</style></head><body>").Append(markingLine)
            .Append("<h1>RiskSim batch comparison</h1>");
        if (charts)
        {
            html.Append("<p><img src=\"comparison.png\" alt=\"Each variant's NPV difference from its base run, trial by trial: P10 to P90, median and mean, one panel per scenario\"></p>");
        }
        html.Append("<p>95% Monte Carlo intervals are shown in brackets under the chance of meeting the target and the reserve.</p>");
        html.Append("<table><tr><th>Scenario</th><th>Variant</th><th>NPV P10</th><th>NPV P50</th><th>NPV P90</th><th>P(target)</th>")
            .Append("<th>Reserve 90%</th><th>P(payback)</th><th>NPV change vs base (mean)</th><th>P(worse than base)</th><th>Files</th></tr>");
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Partner is not null)
            {
                continue;
            }
            string folder = Uri.EscapeDataString(r.Folder);
            string files = charts ? $"<a href=\"{folder}/report.html\">report</a> · <a href=\"{folder}/\">folder</a>" : $"<a href=\"{folder}/\">folder</a>";
            html.Append("<tr><td>").Append(Html.Escape(r.Scenario)).Append("</td><td>").Append(Html.Escape(r.Variant.Length == 0 ? "base" : r.Variant))
                .Append("</td><td>").Append(M(r, r.NpvP10)).Append("</td><td>").Append(M(r, r.NpvP50)).Append("</td><td>").Append(M(r, r.NpvP90))
                .Append("</td><td>").Append(P(r.ProbabilityTargetMet)).Append(Range(r.Ci95?.ProbabilityTargetMet, v => P(v)))
                .Append("</td><td>").Append(M(r, r.Reserve90)).Append(Range(r.Ci95?.Reserve90, v => M(r, v)))
                .Append("</td><td>").Append(P(r.ProbabilityOfPayback)).Append("</td><td>").Append(M(r, r.PairedNpv?.Mean))
                .Append("</td><td>").Append(P(r.PairedNpv?.ProbabilityWorse))
                .Append("</td><td>").Append(files).Append("</td></tr>");
            if (r.Ci95 is { } ci && !ci.WithinLimits(r))
            {
                html.Append("<tr class=\"partners\"><td></td><td colspan=\"10\" class=\"failed\">Only ")
                    .Append(r.Trials.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(" trials: the chance of meeting the target or a reserve is less precise than ±1 percentage point / ±2% ")
                    .Append("(95% intervals in brackets); run more trials.</td></tr>");
            }
            var partners = rows.Skip(i + 1).TakeWhile(x => x.Partner is not null).ToList();
            if (partners.Count > 0)
            {
                html.Append("<tr class=\"partners\"><td></td><td colspan=\"10\">Each partner's own target: ")
                    .Append(string.Join("; ", partners.Select(x => Html.Escape(x.Partner!) + " " + (x.ProbabilityTargetMet is double met
                        ? $"P(target) {P(met)}, reserve 90% {M(x, x.Reserve90)}"
                        : "no own target"))))
                    .Append("</td></tr>");
            }
        }
        html.Append("</table>");
        VariantCurves(html, rows, variantCurves ?? []);
        if (failures.Count > 0)
        {
            html.Append("<h2 class=\"failed\">Failed</h2><ul>");
            foreach (var (file, why) in failures)
            {
                html.Append("<li class=\"failed\">").Append(Html.Escape(file)).Append(": ").Append(Html.Escape(why)).Append("</li>");
            }
            html.Append("</ul>");
        }
        html.Append(markingLine).Append("</body></html>\n");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }

    // A 95% interval in brackets under its figure, or nothing.
    private static string Range(Core.Statistics.Interval? ci, Func<double, string> format) =>
        ci is { } c ? $"<br><small>({Html.Escape(format(c.Low))} to {Html.Escape(format(c.High))})</small>" : "";

    // Money in the run's own currency.
    private static string M(ComparisonRow row, double? money) => money is double v ? Html.Text(Formats.Money(v, row.Currency)) : "–";
}
