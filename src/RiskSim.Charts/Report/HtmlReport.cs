using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Statistics;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page for a section 151 officer with the headline, the decision
/// figures, the charts, the top risks and inputs, each partner's withdrawal exposure, each council's position on
/// its own ledger, the assumptions and the provenance of the run.
/// </summary>
/// <remarks>
/// The page needs nothing from outside: charts are PNG data URIs, the style sheet is inline, and a content
/// security policy forbids any network request. It prints on A4. A five-line inline script (allowed by its hash,
/// nothing else may run) records in <c>#image-check</c> how many images decoded; the page reads the same
/// without it. Every text that comes from the scenario is HTML-encoded.
/// </remarks>
public static partial class HtmlReport
{
    /// <summary>Id of the element whose <c>data-images-loaded</c> attribute says "loaded/total" after the page loads.</summary>
    public const string ImageCheckId = "image-check";

    /// <summary>Id of the paragraph holding the headline sentences.</summary>
    public const string HeadlineId = "headline";

    private const string ImageCheckScript =
        "window.addEventListener('load', function () { var images = document.images, loaded = 0; "
        + "for (var i = 0; i < images.length; i++) { if (images[i].complete && images[i].naturalWidth > 0) { loaded++; } } "
        + "document.getElementById('" + ImageCheckId + "').setAttribute('data-images-loaded', loaded + '/' + images.length); });";

    /// <summary>Builds the page.</summary>
    public static string Build(RunResult result, ChartSet charts, RunProvenance provenance)
    {
        var s = result.Scenario;
        var html = new StringBuilder(1 << 20);
        string scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ImageCheckScript)));
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-")
            .Append(scriptHash).Append("'\">\n")
            .Append("<meta name=\"generator\" content=\"RiskSim ").Append(Html.Escape(provenance.ToolVersion)).Append("\">\n")
            .Append("<title>").Append(Html.Escape(s.Name)).Append(" – RiskSim risk report</title>\n<style>\n").Append(Css).Append(PageMargins(provenance))
            .Append("</style>\n</head>\n<body>\n<main>\n");

        MarkingBanner(html, provenance);
        Summary(html, result, charts, provenance);
        Details(html, result, charts, provenance);

        html.Append("<p id=\"").Append(ImageCheckId).Append("\" data-images-loaded=\"\" hidden></p>\n")
            .Append("</main>\n<script>").Append(ImageCheckScript).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, RunResult result, RunProvenance provenance)
    {
        var s = result.Scenario;
        html.Append("<header>\n<p class=\"kicker\">Risk analysis of the savings case · RiskSim ")
            .Append(E(provenance.ToolVersion)).Append(" · ").Append(provenance.StartedUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
            .Append("</p>\n<h1>").Append(E(s.Name)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(s.Description))
        {
            html.Append("<p class=\"description\">").Append(E(s.Description.Trim())).Append("</p>\n");
        }
        html.Append("<p class=\"method\">").Append(result.Trials.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" simulated outcomes of the programme over ").Append(s.HorizonYears).Append(" years (")
            .Append(E(Span(s))).Append("), in real terms (today's prices). Each outcome draws every uncertain saving, cost, delay, ")
            .Append("risk and partner withdrawal from the ranges in the assumptions below.</p>\n</header>\n");
    }

    private static void HeadlineSection(StringBuilder html, RunResult result)
    {
        var sentences = Headline.Sentences(result);
        html.Append("<section class=\"headline\" aria-label=\"Headline\">\n<p id=\"").Append(HeadlineId).Append("\" class=\"lead\">")
            .Append(E(string.Join(" ", sentences.Take(result.Decision.Target is null ? 1 : 2)))).Append("</p>\n<p>")
            .Append(E(string.Join(" ", sentences.Skip(result.Decision.Target is null ? 1 : 2)))).Append("</p>\n");
        PrecisionWarnings(html, result, "warning headline-warning");
        html.Append("</section>\n");
    }

    private static void DecisionFigures(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        var d = result.Decision;
        string Money(double v) => Formats.Money(v, s.Currency);
        var rows = new List<(string Figure, string Value, string? Interval)>();
        string Chances(Interval ci) => $"{Formats.Percent(ci.Low)} to {Formats.Percent(ci.High)}";
        string Amounts(Interval ci) => $"{Money(ci.Low)} to {Money(ci.High)}";
        if (d.Target is { } target)
        {
            string by = Headline.ByYear(s, target.ByYear);
            rows.Add(("Target", $"cumulative net savings of {Money(target.CumulativeNetSavings)} by {by}", null));
            rows.Add(("Chance of meeting the target", Formats.Chance(d.ProbabilityTargetMet ?? double.NaN),
                d.ProbabilityTargetMetCi95 is { } pt ? Chances(pt) : null));
            rows.Add(($"Cumulative net savings by {by}: P5 / P10 / P20",
                $"{Money(d.CumulativeAtTargetP5 ?? double.NaN)} / {Money(d.CumulativeAtTargetP10 ?? double.NaN)} / {Money(d.CumulativeAtTargetP20 ?? double.NaN)}", null));
            rows.Add(("Reserve for 80% confidence", Money(d.Reserve80 ?? double.NaN), d.ReservesCi95 is { } r80 ? Amounts(r80.Reserve80) : null));
            rows.Add(("Reserve for 90% confidence", Money(d.Reserve90 ?? double.NaN), d.ReservesCi95 is { } r90 ? Amounts(r90.Reserve90) : null));
            rows.Add(("Reserve for 95% confidence", Money(d.Reserve95 ?? double.NaN), d.ReservesCi95 is { } r95 ? Amounts(r95.Reserve95) : null));
            rows.Add(($"Plan (most likely inputs): cumulative net savings by {by}", Money(result.Plan.CumulativeNetSavings[target.ByYear - 1]), null));
        }
        else
        {
            rows.Add(("Target", "none set in the scenario", null));
        }
        rows.Add(("Chance of paying back within the horizon", Formats.Chance(d.ProbabilityOfPayback), Chances(d.ProbabilityOfPaybackCi95)));
        var payback = result.Row(MetricNames.PaybackYear);
        if (payback.Count > 0)
        {
            rows.Add(("Median payback year, when it pays back", Headline.YearName(s, (int)Math.Round(payback.P50)), null));
        }
        var npv = result.Row(MetricNames.Npv);
        rows.Add(("Net present value: P10 / P50 / P90", $"{Money(npv.P10)} / {Money(npv.P50)} / {Money(npv.P90)}", null));
        rows.Add(("Net present value: mean", Money(npv.Mean), Amounts(ConfidenceInterval.Mean(npv.Mean, npv.Sd, npv.Count))));
        rows.Add(("Chance the NPV is below zero", Formats.Chance(NpvChartData.CumulativeProbability(result.NpvQuantiles, 0)), null));
        rows.Add(("Plan (most likely inputs): NPV", Money(result.Plan.Npv), null));
        var total = result.Row(MetricNames.TotalNetSavings);
        rows.Add(($"Total net savings over {s.HorizonYears} years (undiscounted): P10 / P50 / P90",
            $"{Money(total.P10)} / {Money(total.P50)} / {Money(total.P90)}", null));
        foreach (var p in d.PartnerExits.Where(x => s.Partners.Any(q => q.Id == x.PartnerId && q.Withdrawal is not null)))
        {
            rows.Add(($"Chance that {InputLabels.OwnerName(s, p.PartnerId)} leaves within the horizon", Formats.Chance(p.ProbabilityOfExit), Chances(p.Ci95)));
        }

        rows.AddRange(OutcomeRows(result).Select(r => (r.Item1, r.Item2, (string?)null)));
        html.Append("<section>\n<h2>Decision figures</h2>\n<table class=\"figures\">\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\" class=\"num\">95% interval</th></tr></thead>\n<tbody>\n");
        foreach (var (figure, value, interval) in rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(figure)).Append("</th><td class=\"num\">").Append(E(value)).Append("</td><td class=\"num\">")
                .Append(interval is null ? "" : E(interval)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"note\">P10 means that one outcome in ten is lower; the reserve is the shortfall ")
            .Append("against the target at that confidence (zero when the percentile already meets it). The 95% interval is the Monte Carlo ")
            .Append("uncertainty of the figure from the trials run (more trials narrow it). Money is in real terms.</p>\n</section>\n");
    }

    private static void Charts(StringBuilder html, ChartSet charts)
    {
        html.Append("<section>\n<h2>Charts</h2>\n");
        // The fan chart is Figure 1, in the summary.
        int n = 1;
        foreach (var chart in charts.Charts.Where(c => c.FileName != ChartSet.FanFile))
        {
            Figure(html, chart, ++n);
        }
        if (!charts.Partners.HasChart)
        {
            html.Append("<p class=\"note\">No partner has a withdrawal risk in this scenario, so there is no partner withdrawal chart (partners.png).</p>\n");
        }
        if (!charts.Councils.HasChart)
        {
            html.Append("<p class=\"note\">The scenario has a single partner, so there is no chart of each council's own savings (councils.png).</p>\n");
        }
        html.Append("</section>\n");
    }

    private static void Drivers(StringBuilder html, RunResult result, ChartSet charts)
    {
        var s = result.Scenario;
        html.Append("<section>\n<h2>Top risks and inputs by contribution</h2>\n");

        // The risk register, ranked by the combined contribution of each risk's inputs.
        if (s.Risks.Count > 0)
        {
            var frequency = result.Decision.RiskFrequencies.ToDictionary(r => r.RiskId, r => r.Frequency);
            var risks = s.Risks
                .Select(r => (Risk: r, Share: result.Sensitivity.Where(x => x.Owner == r.Id).Sum(x => x.Share)))
                .OrderByDescending(x => x.Share)
                .ToList();
            html.Append("<h3>Risk register</h3>\n<table class=\"risks\">\n<thead><tr><th scope=\"col\">Risk</th>")
                .Append("<th scope=\"col\" class=\"num\">Chance (simulated)</th><th scope=\"col\">When</th><th scope=\"col\">Cost if it happens</th>")
                .Append("<th scope=\"col\" class=\"num\">Share of NPV variance</th></tr></thead>\n<tbody>\n");
            foreach (var (risk, share) in risks)
            {
                string delays = risk.Delays.Count == 0 ? ""
                    : "; delays " + string.Join(", ", risk.Delays.Select(x =>
                        $"{InputLabels.OwnerName(s, x.WorkstreamId)} by {x.Months.Describe(Formats.Number)} months"));
                html.Append("<tr><th scope=\"row\">").Append(E(InputLabels.OwnerName(s, risk.Id))).Append("</th><td class=\"num\">")
                    .Append(E(Formats.Percent(risk.Probability, "0.##"))).Append("<br><span class=\"sub\">(")
                    .Append(E(frequency.TryGetValue(risk.Id, out double f) ? Formats.Chance(f) : "–")).Append(")</span></td><td>")
                    .Append(E(ShortYears(s, risk))).Append("</td><td>").Append(E(risk.Cost.Describe(v => Formats.Money(v, s.Currency)) + delays))
                    .Append("</td><td class=\"num\">").Append(E(Formats.Share(share))).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n<p class=\"note\">Chance: as in the risk register, with the share of trials in which ")
                .Append("the risk happened in brackets. Share of NPV variance: the risk's occurrence, year, cost and delays together.</p>\n");
        }

        // The inputs, one row each, as in the sensitivity table.
        InputsTable(html, result);
        if (charts.Tornado.Grouping != TornadoGrouping.Input)
        {
            html.Append(" The tornado chart groups these inputs ").Append(charts.Tornado.Grouping == TornadoGrouping.Workstream
                ? "by workstream, partner and risk" : "by partner withdrawal").Append('.');
        }
        html.Append("</p>\n</section>\n");
    }

    private static void Partners(StringBuilder html, RunResult result, ChartSet charts)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        html.Append("<section>\n<h2>Partner withdrawal exposure</h2>\n");
        if (!charts.Partners.HasChart)
        {
            html.Append("<p>No partner has a withdrawal risk in this scenario: every partner is assumed to stay for the whole horizon.</p>\n</section>\n");
            return;
        }
        html.Append("<table>\n<thead><tr><th scope=\"col\">Partner</th><th scope=\"col\" class=\"num\">Share</th>")
            .Append("<th scope=\"col\" class=\"num\">Chance of notice in a year</th><th scope=\"col\" class=\"num\">Chance it leaves within the horizon</th>")
            .Append("<th scope=\"col\" class=\"num\">Median NPV if it stays</th><th scope=\"col\" class=\"num\">Median NPV if it leaves</th>")
            .Append("<th scope=\"col\" class=\"num\">NPV forgone if it leaves (median)</th></tr></thead>\n<tbody>\n");
        foreach (var p in charts.Partners.Partners)
        {
            var partner = s.Partners.First(x => x.Id == p.PartnerId);
            html.Append("<tr><th scope=\"row\">").Append(E(p.Name)).Append("</th><td class=\"num\">").Append(E(Formats.Percent(partner.Share)))
                .Append("</td><td class=\"num\">").Append(E(Formats.Percent(partner.Withdrawal?.AnnualProbability ?? 0, "0.##")))
                .Append("</td><td class=\"num\">").Append(E(Formats.Chance(p.ProbabilityOfExit)))
                .Append("</td><td class=\"num\">").Append(E(Money(p.MedianNpvIfStays)))
                .Append("</td><td class=\"num\">").Append(E(Money(p.MedianNpvIfLeaves)))
                .Append("</td><td class=\"num\">").Append(E(Money(p.MedianCost))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"note\">Medians of the NPV over the first ")
            .Append(result.SensitivityTrials.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" trials, split by whether the partner left before the horizon ended (other partners may leave too in either group).</p>\n</section>\n");
    }

    /// <summary>Id of the "Each council's position" section.</summary>
    public const string CouncilsId = "councils";

    private static void Councils(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        var partners = result.Decision.Partners;
        html.Append("<section id=\"").Append(CouncilsId).Append("\">\n<h2>Each council's position</h2>\n");
        if (partners.Count == 0)
        {
            html.Append("<p>The scenario has a single partner: its position is the programme's, above.</p>\n</section>\n");
            return;
        }
        html.Append("<table class=\"councils\">\n<thead><tr><th scope=\"col\">Council</th>")
            .Append("<th scope=\"col\">Year read (its own target year, else the programme's target year, else the last year)</th>")
            .Append("<th scope=\"col\" class=\"num\">Cumulative net savings by that year: median</th>")
            .Append("<th scope=\"col\" class=\"num\">Cumulative net savings by that year: P10</th>")
            .Append("<th scope=\"col\" class=\"num\">Chance of its own target</th>")
            .Append("<th scope=\"col\" class=\"num\">Reserve for 90% confidence (own target)</th>")
            .Append("<th scope=\"col\" class=\"num\">Chance its NPV is below zero</th></tr></thead>\n<tbody>\n");
        foreach (var p in partners)
        {
            var (year, basis) = Headline.PositionYear(s, p);
            var row = result.PartnerRow(p.PartnerId, MetricNames.CumulativeNetSavings, year);
            string chance = p.ProbabilityTargetMet is double met ? Formats.Chance(met) : "no own target";
            string reserve = p.Reserve90 is double r ? Money(r) : "no own target";
            html.Append("<tr><th scope=\"row\">").Append(E(InputLabels.OwnerName(s, p.PartnerId))).Append("</th><td>")
                .Append(E($"{Headline.ByYear(s, year)} ({basis})")).Append("</td><td class=\"num\">").Append(E(Money(row.P50)))
                .Append("</td><td class=\"num\">").Append(E(Money(row.P10)))
                .Append("</td><td class=\"num\">").Append(E(chance))
                .Append("</td><td class=\"num\">").Append(E(reserve))
                .Append("</td><td class=\"num\">").Append(E(Formats.Chance(p.ProbabilityNpvNegative))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<ul class=\"council-sentences\">\n");
        foreach (var p in partners)
        {
            html.Append("<li>").Append(E(Headline.PartnerSentence(result, p))).Append("</li>\n");
        }
        html.Append("</ul>\n<p class=\"note\">Each council's own ledger: its share of every saving and cost under the scenario's ")
            .Append("allocation keys, including exit costs and what changes when a partner leaves. A council's own target is ")
            .Append("separate from the programme's; the reserve is its shortfall against its own target at 90% confidence.</p>\n</section>\n");
    }

    private static void Assumptions(StringBuilder html, RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        html.Append("<section>\n<h2>Assumptions</h2>\n<table>\n<tbody>\n");
        var settings = new List<(string, string)>
        {
            ("Horizon", $"{s.HorizonYears} years, {Span(s)}"),
            ("Discount rate (real)", (s.DiscountRate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% a year; year 1 undiscounted"),
            ("Currency", s.Currency),
            ("Target", s.Target is { } t ? $"cumulative net savings of {Money(t.CumulativeNetSavings)} by {Headline.ByYear(s, t.ByYear)}" : "none"),
        };
        foreach (var (name, value) in settings)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        html.Append("<h3>Partners</h3>\n<table>\n<thead><tr><th scope=\"col\">Partner</th><th scope=\"col\" class=\"num\">Share</th><th scope=\"col\">Withdrawal</th></tr></thead>\n<tbody>\n");
        foreach (var p in s.Partners)
        {
            string withdrawal = p.Withdrawal is { } w
                ? $"notice with {Formats.AChance(w.AnnualProbability)} chance in any one year, leaving {Formats.Number(w.NoticeMonths)} months later; "
                  + $"savings lost: {w.SavingsLost.Describe((v => Formats.Percent(v)))}; exit cost: {w.ExitCost.Describe(Money)}"
                : "not modelled (stays for the whole horizon)";
            html.Append("<tr><th scope=\"row\">").Append(E(InputLabels.OwnerName(s, p.Id))).Append("<br><code>").Append(E(p.Id)).Append("</code></th><td class=\"num\">")
                .Append(E(Formats.Percent(p.Share))).Append("</td><td>").Append(E(withdrawal)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        html.Append("<h3>Workstreams</h3>\n<table>\n<thead><tr><th scope=\"col\">Workstream</th><th scope=\"col\">Go-live and ramp</th><th scope=\"col\">Depends on</th></tr></thead>\n<tbody>\n");
        foreach (var w in s.Workstreams)
        {
            string timing = $"planned go-live at month {Formats.Number(w.GoLiveMonth)}, then a {Formats.Number(w.RampMonths)}-month ramp to the full saving";
            string depends = w.DependsOn.Count == 0 ? "no partner" : string.Join(", ", w.DependsOn.Select(id => InputLabels.OwnerName(s, id)));
            html.Append("<tr><th scope=\"row\">").Append(E(InputLabels.OwnerName(s, w.Id))).Append("<br><code>").Append(E(w.Id)).Append("</code></th><td>")
                .Append(E(timing)).Append("</td><td>").Append(E(depends)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        html.Append("<h3>Uncertain inputs</h3>\n");
        EvidenceNote(html, result);
        html.Append("<table class=\"inputs\">\n<thead><tr><th scope=\"col\">Input</th><th scope=\"col\">What it is</th><th scope=\"col\">Distribution</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
        foreach (var input in InputCatalog.Of(s))
        {
            html.Append("<tr><td><code>").Append(E(input.Name)).Append("</code></td><td>")
                .Append(E(InputLabels.Describe(s, input.Name, input.Role, input.Owner))).Append("</td><td>")
                .Append(E(DescribeInput(s, input))).Append("</td><td>")
                .Append(E(SourcePaths.Find(s, input) ?? "none stated")).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        OtherSources(html, s);

        if (s.Correlations.Count > 0)
        {
            html.Append("<h3>Correlations</h3>\n<table>\n<thead><tr><th scope=\"col\">Between</th><th scope=\"col\" class=\"num\">Rank correlation</th></tr></thead>\n<tbody>\n");
            foreach (var c in s.Correlations)
            {
                html.Append("<tr><td><code>").Append(E(c.First)).Append("</code> and <code>").Append(E(c.Second)).Append("</code></td><td class=\"num\">")
                    .Append(c.Rank.ToString("+0.0#;−0.0#;0", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</section>\n");
    }

    private static void Provenance(StringBuilder html, RunResult result, RunProvenance provenance)
    {
        var rows = new List<(string, string)>
        {
            ("Scenario file", Path.GetFileName(provenance.ScenarioFile)),
            ("Scenario file SHA-256", provenance.ScenarioSha256),
            ("Seed", result.Seed.ToString(CultureInfo.InvariantCulture)),
            ("Trials", result.Trials.ToString("N0", CultureInfo.InvariantCulture)),
            ("Trials used for sensitivity and partner exposure", result.SensitivityTrials.ToString("N0", CultureInfo.InvariantCulture)),
            ("Precision of the decision figures", PrecisionStatement(result)),
            ("RiskSim version", provenance.ToolVersion),
            ("Run started", provenance.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        };
        if (provenance.RegisterFile is { } register)
        {
            rows.Insert(2, ("Risk register", register));
            rows.Insert(3, ("Risk register SHA-256", provenance.RegisterSha256 ?? ""));
        }
        html.Append("<section class=\"provenance\">\n<h2>Provenance</h2>\n<table>\n<tbody>\n");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td><code>").Append(E(value)).Append("</code></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"note\">The same scenario file, seed and number of trials reproduce every figure exactly.</p>\n</section>\n");
    }

    /// <summary>An input's distribution in words, in the unit of its role.</summary>
    internal static string DescribeInput(Scenario scenario, InputDefinition input)
    {
        string Money(double v) => Formats.Money(v, scenario.Currency);
        var risk = scenario.Risks.FirstOrDefault(r => r.Id == input.Owner);
        return input.Role switch
        {
            InputRole.AnnualSaving => input.Distribution.Describe(Money) + " a year",
            InputRole.ImplementationCost or InputRole.RedundancyCostPerHead or InputRole.ExitCost or InputRole.RiskCost
                => input.Distribution.Describe(Money),
            InputRole.DelayCostPerMonth => input.Distribution.Describe(Money) + " a month",
            InputRole.DelayMonths or InputRole.RiskDelay => input.Distribution.Describe(Formats.Number) + " months",
            InputRole.RedundancyHeadcount => input.Distribution.Describe(Formats.Number) + " posts",
            InputRole.SavingsLost => input.Distribution.Describe((v => Formats.Percent(v))),
            InputRole.WithdrawalNotice => input.Distribution.Describe(Formats.Number),
            InputRole.RiskOccurs when risk is not null => $"happens with {Formats.AChance(risk.Probability)} chance",
            InputRole.RiskYear when risk is not null => RiskYears(scenario, risk),
            _ => input.Distribution.Describe(Formats.Number),
        };
    }

    private static string ShortYears(Scenario scenario, Risk risk) => risk.FirstYear == risk.LastYear
        ? scenario.YearLabel(risk.FirstYear)
        : $"{scenario.YearLabel(risk.FirstYear)} to {scenario.YearLabel(risk.LastYear)}";

    private static string RiskYears(Scenario scenario, Risk risk) => risk.FirstYear == risk.LastYear
        ? $"in {scenario.YearLabel(risk.FirstYear)}"
        : $"in any year from {scenario.YearLabel(risk.FirstYear)} to {scenario.YearLabel(risk.LastYear)}, equally likely";

    private static string Span(Scenario s) =>
        s.HorizonYears == 1 ? s.YearLabel(1) : $"{s.YearLabel(1)} to {s.YearLabel(s.HorizonYears)}";

    // Element text: escaped, with every figure kept on one line (attributes and the title use Html.Escape).
    private static string E(string text) => Html.Text(text);
}
