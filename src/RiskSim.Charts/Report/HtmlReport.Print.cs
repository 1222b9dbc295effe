using System.Globalization;
using System.Text;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

// The committee pack: a summary of at most two printed A4 pages, then the detail from page 3; the protective
// marking and the page furniture (scenario, run date, page numbers) in the page margins.
public static partial class HtmlReport
{
    /// <summary>Id of the summary section (headline, decision figures, fan chart, top risks): the first two printed pages.</summary>
    public const string SummaryId = "summary";

    /// <summary>Id of the part after the summary, which starts on a new printed page.</summary>
    public const string DetailsId = "details";

    /// <summary>Class of the protective marking shown at the top of the screen view.</summary>
    public const string MarkingClass = "marking";

    /// <summary>Largest drivers of the NPV listed in the summary.</summary>
    public const int SummaryDrivers = 4;

    /// <summary>Risks of the register listed in the summary.</summary>
    public const int SummaryRisks = 3;

    /// <summary>
    /// The summary, in reading order. Each block is its own method writing its own element, so a new statement
    /// for the committee is one more line here.
    /// </summary>
    private static void Summary(StringBuilder html, RunResult result, ChartSet charts, RunProvenance provenance)
    {
        html.Append("<section id=\"").Append(SummaryId).Append("\" class=\"summary\" aria-label=\"Summary\">\n");
        Header(html, result, provenance);
        HeadlineSection(html, result);
        DecisionFigures(html, result);
        SummaryFan(html, charts);
        TopRisks(html, result);
        html.Append("</section>\n");
    }

    /// <summary>Everything after the summary: from page 3 when printed.</summary>
    private static void Details(StringBuilder html, RunResult result, ChartSet charts, RunProvenance provenance)
    {
        html.Append("<div id=\"").Append(DetailsId).Append("\" class=\"details\">\n");
        PrecisionSection(html, result);
        ProfileAndFunding(html, result);
        Charts(html, charts);
        Drivers(html, result, charts);
        ValueOfMitigation(html, result);
        Partners(html, result, charts);
        Councils(html, result);
        Assumptions(html, result);
        Provenance(html, result, provenance);
        html.Append("</div>\n");
    }

    private static void SummaryFan(StringBuilder html, ChartSet charts)
    {
        if (charts.Charts.FirstOrDefault(c => c.FileName == ChartSet.FanFile) is { } fan)
        {
            html.Append("<section class=\"summary-fan\">\n");
            Figure(html, fan, 1);
            html.Append("</section>\n");
        }
    }

    /// <summary>The largest drivers of the NPV and the register's risks with the largest expected cost, briefly.</summary>
    private static void TopRisks(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        html.Append("<section class=\"top-risks\">\n<h2>Top risks</h2>\n<h3>What moves the NPV most</h3>\n<table class=\"drivers\">\n")
            .Append("<thead><tr><th scope=\"col\">Input</th><th scope=\"col\" class=\"num\">Mean NPV: lowest 10% / highest 10% (or no / yes)</th>")
            .Append("<th scope=\"col\" class=\"num\">Swing</th></tr></thead>\n<tbody>\n");
        // The largest swings in pounds, as the tornado draws them; a withdrawal or a risk reads as the event, no / yes.
        foreach (var row in result.Sensitivity.Where(r => double.IsFinite(r.Swing) && r.Swing != 0)
            .OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal).Take(SummaryDrivers))
        {
            string label = row.Split switch
            {
                SwingSplit.Leaves => $"{InputLabels.OwnerName(s, row.Owner)} leaves within the horizon",
                SwingSplit.Occurs => $"Risk: {InputLabels.OwnerName(s, row.Owner)} occurs",
                _ => InputLabels.Describe(s, row.Input, row.Role, row.Owner),
            };
            string ends = row.Split == SwingSplit.Deciles
                ? $"{Money(row.NpvMeanLow)} / {Money(row.NpvMeanHigh)}"
                : $"no {Money(row.NpvMeanLow)} / yes {Money(row.NpvMeanHigh)}";
            html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td class=\"num\">").Append(E(ends))
                .Append("</td><td class=\"num\">").Append(E(Money(row.Swing))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        if (s.Risks.Count > 0)
        {
            var frequency = result.Decision.RiskFrequencies.ToDictionary(r => r.RiskId, r => r.Frequency);
            var risks = s.Risks
                .Select(r => (Risk: r, Frequency: frequency.GetValueOrDefault(r.Id), Expected: frequency.GetValueOrDefault(r.Id) * r.Cost.Mean))
                .OrderByDescending(x => x.Expected)
                .ThenBy(x => x.Risk.Id, StringComparer.Ordinal)
                .Take(SummaryRisks)
                .ToList();
            html.Append("<h3>Risks with the largest expected cost</h3>\n<table class=\"summary-risks\">\n<thead><tr><th scope=\"col\">Risk</th>")
                .Append("<th scope=\"col\" class=\"num\">How often it happened</th><th scope=\"col\">Cost if it happens</th>")
                .Append("<th scope=\"col\" class=\"num\">Expected cost</th></tr></thead>\n<tbody>\n");
            foreach (var (risk, f, expected) in risks)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(InputLabels.OwnerName(s, risk.Id))).Append("</th><td class=\"num\">")
                    .Append(E(Formats.Chance(f))).Append("</td><td>").Append(E(risk.Cost.Describe(v => Formats.Money(v, s.Currency))))
                    .Append("</td><td class=\"num\">").Append(E(Formats.Money(expected, s.Currency))).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n<p class=\"note\">How often it happened: the share of simulated outcomes in which the risk ")
                .Append("occurred. Expected cost: that share times the average cost if it happens. The full register and every input ")
                .Append("follow the summary.</p>\n");
        }
        html.Append("</section>\n");
    }

    private static void Figure(StringBuilder html, RenderedChart chart, int number) =>
        html.Append("<figure>\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(chart.Png))
            .Append("\" alt=\"").Append(Html.Escape(chart.Title + ". " + chart.Description)).Append("\">\n<figcaption><strong>Figure ")
            .Append(number).Append(". ").Append(E(chart.Title)).Append(".</strong> ").Append(E(chart.Description))
            .Append(" <span class=\"file\">(").Append(E(chart.FileName)).Append(")</span></figcaption>\n</figure>\n");

    /// <summary>The marking at the top of the screen view (print shows it in every page's margins instead).</summary>
    private static void MarkingBanner(StringBuilder html, RunProvenance provenance)
    {
        if (provenance.Marking is { } marking)
        {
            html.Append("<p class=\"").Append(MarkingClass).Append("\">").Append(E(marking)).Append("</p>\n");
        }
    }

    /// <summary>
    /// The printed page's margins: the marking top and bottom centre, the run date bottom left, "Page n of m"
    /// bottom right. Every text is a CSS string with each character other than a
    /// letter, digit or space escaped, so no scenario name can end the string or the style sheet.
    /// </summary>
    private static string PageMargins(RunProvenance provenance)
    {
        var css = new StringBuilder("@page {\n");
        string date = provenance.StartedUtc.ToUniversalTime().ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        css.Append("  @bottom-left { content: ").Append(CssString("RiskSim risk report · run " + date)).Append("; }\n");
        css.Append("  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); }\n");
        if (provenance.Marking is { } marking)
        {
            css.Append("  @top-center { content: ").Append(CssString(marking)).Append("; }\n");
            css.Append("  @bottom-center { content: ").Append(CssString(marking)).Append("; }\n");
        }
        return css.Append("}\n").ToString();
    }

    /// <summary>
    /// A CSS string literal: letters, digits and spaces as they are, every other character as a six-digit escape
    /// followed by the space that ends it (CSS swallows that one space).
    /// </summary>
    internal static string CssString(string text)
    {
        var css = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == ' '))
            {
                css.Append((char)rune.Value);
            }
            else
            {
                css.Append('\\').Append(rune.Value.ToString("X6", CultureInfo.InvariantCulture)).Append(' ');
            }
        }
        return css.Append('"').ToString();
    }
}
