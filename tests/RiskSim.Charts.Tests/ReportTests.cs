using System.Globalization;
using System.Text.RegularExpressions;
using RiskSim.Charts.Data;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using RiskSim.IO.Results;

namespace RiskSim.Charts.Tests;

/// <summary>
/// <c>report.html</c>: its words and figures, that it is self-contained and escapes scenario text, and that a real
/// browser, with the network disabled, loads every image and shows the headline.
/// </summary>
public sealed partial class ReportTests
{
    internal static readonly RunProvenance Provenance =
        new("scenarios/worcestershire-shared-ict.yaml", "ab12cd34".PadRight(64, 'e'), "1.2.3", new DateTimeOffset(2025, 6, 30, 14, 5, 0, TimeSpan.Zero));

    private static string IctReport => HtmlReport.Build(TestRuns.Ict, TestRuns.IctChartSet, Provenance);

    [Fact]
    public void Headline_gives_the_chance_of_the_target_and_the_reserve_for_90_percent_confidence()
    {
        var d = TestRuns.Ict.Decision;
        string chance = Math.Round(d.ProbabilityTargetMet!.Value * 100).ToString(CultureInfo.InvariantCulture);
        string reserve = Formats.Money(d.Reserve90!.Value);
        var sentences = Headline.Sentences(TestRuns.Ict);

        Assert.Equal($"There is a {chance}% chance that cumulative net savings reach £397k by the end of 2013/14.", sentences[0]);
        Assert.Equal($"To be 90% confident of covering the shortfall against that target, hold {reserve} in reserve.", sentences[1]);
        Assert.Contains(Html.Text(sentences[0] + " " + sentences[1]), IctReport, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_target_the_headline_says_so_and_leads_with_payback_and_npv()
    {
        var run = TestRuns.Plain;
        var npv = run.Row(MetricNames.Npv);
        var sentences = Headline.Sentences(run);

        Assert.Equal("The scenario sets no savings target, so no reserve is calculated.", sentences[0]);
        Assert.StartsWith($"There is a {Formats.Chance(run.Decision.ProbabilityOfPayback)} chance that the programme pays back within the 3-year horizon (by the end of year 3).",
            sentences[1], StringComparison.Ordinal);
        Assert.Contains($"{Formats.Money(npv.P50)} at the median", sentences[2], StringComparison.Ordinal);
        Assert.Contains($"less than {Formats.Money(npv.P10)}", sentences[2], StringComparison.Ordinal);
        Assert.Contains($"more than {Formats.Money(npv.P90)}", sentences[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.72, "72%")]
    [InlineData(0.004, "less than 0.5%")]
    [InlineData(0.0001, "less than 0.5%")]
    [InlineData(0.9999, "more than 99.5%")]
    [InlineData(0.995, "99.5%")]
    [InlineData(1.0, "more than 99.5%")]
    [InlineData(0.0, "0%")]
    public void Percentages_never_round_a_tail_to_certainty(double p, string text) => Assert.Equal(text, Formats.Chance(p));

    [Fact]
    public void Report_is_self_contained_with_every_chart_inlined()
    {
        string html = IctReport;

        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*\"(?!data:)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'; img-src data:", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);
        var images = InlinePngs().Matches(html).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(TestRuns.IctChartSet.Charts.Select(c => c.Png), images);
    }

    [Fact]
    public void Report_has_decision_figures_drivers_partners_assumptions_and_provenance()
    {
        string html = IctReport;
        var d = TestRuns.Ict.Decision;

        foreach (string heading in new[] { "Decision figures", "Charts", "Top risks and inputs by contribution", "Partner withdrawal exposure", "Assumptions", "Provenance" })
        {
            Assert.Contains($"<h2>{heading}</h2>", html, StringComparison.Ordinal);
        }
        Assert.Contains($"<th scope=\"row\">Reserve for 95% confidence</th><td class=\"num\">{Html.Text(Formats.Money(d.Reserve95!.Value))}</td>", html, StringComparison.Ordinal);
        // Inputs that move the NPV most, largest swing in pounds first; a withdrawal reads as leaving, yes or no.
        int last = -1;
        var bars = TornadoData.From(TestRuns.Ict).Bars;
        Assert.Equal(TornadoData.MaxBars, bars.Count);
        foreach (var bar in bars)
        {
            int at = html.IndexOf($"<code>{bar.Key}</code></td>", StringComparison.Ordinal);
            Assert.True(at > last, $"{bar.Key} out of order");
            last = at;
        }
        var city = TestRuns.Ict.Sensitivity.Single(r => r.Input == "city.withdrawal");
        Assert.Contains($"<td>Worcester City Council leaves within the horizon<br><code>city.withdrawal</code></td><td class=\"num\">"
            + Html.Text($"no {Formats.Money(city.NpvMeanLow)} / yes {Formats.Money(city.NpvMeanHigh)}") + "</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Effect of a higher value", html, StringComparison.Ordinal);
        // Where the business case falls, counted over every trial.
        var plan = TestRuns.Ict.PlanStanding!;
        Assert.Contains($"<th scope=\"row\">{Html.Escape("Trials whose NPV reaches or beats the plan's")}</th><td class=\"num\">{OutcomeSentences.Precise(plan.NpvReached)} (95% interval ",
            html, StringComparison.Ordinal);
        Assert.Contains(Html.Text(OutcomeSentences.Plan(TestRuns.Ict)[0]), html, StringComparison.Ordinal);
        // Assumptions in words, money as £k.
        Assert.Contains("<td><code>staffing.annual_saving</code></td><td>Single ICT structure (four FTE posts deleted): annual saving</td><td>" + Html.Text("PERT £117k / £156k / £175k a year") + "</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>triangular 0 / 3 / 12 months</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>happens with a 15% chance</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>in any year from 2010/11 to 2011/12, equally likely</td>", html, StringComparison.Ordinal);
        Assert.Contains("savings lost: uniform 10% to 20%", html, StringComparison.Ordinal);
        // Partner exposure.
        foreach (var p in TestRuns.Ict.PartnerExposures)
        {
            Assert.Contains(Formats.Money(p.MedianNpvIfStays - p.MedianNpvIfExit), html, StringComparison.Ordinal);
        }
        // Provenance.
        Assert.Contains(Provenance.ScenarioSha256, html, StringComparison.Ordinal);
        Assert.Contains("<code>20,000</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>7</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>1.2.3</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>2025-06-30 14:05 UTC</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_text_is_html_encoded_and_a_missing_partner_chart_is_explained()
    {
        var charts = ChartSet.Render(TestRuns.Plain, new ChartOptions(Dpi: 72));
        string html = HtmlReport.Build(TestRuns.Plain, charts, Provenance);

        Assert.Contains("<h1>Tiny &lt;b&gt;shared&lt;/b&gt; back office &amp; &quot;friends&quot;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>shared", html, StringComparison.Ordinal);
        Assert.Contains("North &amp; &lt;Co&gt;", html, StringComparison.Ordinal);
        Assert.Contains("No partner has a withdrawal risk in this scenario", html, StringComparison.Ordinal);
        // fan, annual, npv, tornado, target, spider, scatter, councils and the risk matrix (no partner chart).
        Assert.Equal(9, InlinePngs().Count(html));
        Assert.Contains("none set in the scenario", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_loads_every_image_offline_and_shows_the_headline()
    {
        string chromium = Browser.Find();
        string folder = TestPaths.NewTempFolder("browser");
        using (var output = OutputFolder.Open(folder))
        {
            ReportWriter.Write(TestRuns.Ict, output.Stage, new ChartOptions(), Provenance);
            output.Commit();
        }
        string report = Path.Combine(folder, ReportWriter.ReportFile);

        string dom = await Browser.DumpDomAsync(chromium, report);
        Assert.Contains($"data-images-loaded=\"{TestRuns.IctChartSet.Charts.Count}/{TestRuns.IctChartSet.Charts.Count}\"", dom, StringComparison.Ordinal);
        Assert.Contains(Html.Text(Headline.Sentences(TestRuns.Ict)[0]), dom, StringComparison.Ordinal);

        // The CI artefact: the first A4-shaped screen of the report, next to the TRX file.
        string screenshot = Path.Combine(TestPaths.Artefacts, "report-screenshot.png");
        File.Delete(screenshot);
        await Browser.ScreenshotAsync(chromium, report, screenshot, 1240, 1754);
        File.Copy(report, Path.Combine(TestPaths.Artefacts, "report.html"), overwrite: true);
        using var png = PngImage.Load(screenshot);
        Assert.Equal((1240, 1754), (png.Width, png.Height));
        Assert.True(png.DistinctColours() > 100, "the screenshot is blank");
        Assert.True(png.DarkPixels(0, 400) > 2000, "no text at the top of the screenshot");
    }

    [Fact]
    public async Task Browser_check_counts_an_image_that_does_not_load()
    {
        string chromium = Browser.Find();
        string folder = TestPaths.NewTempFolder("browser-broken");
        string html = HtmlReport.Build(TestRuns.Plain, ChartSet.Render(TestRuns.Plain, new ChartOptions(Dpi: 72)), Provenance);
        // Corrupt the first image: the page's check must then report one image fewer.
        var first = InlinePngs().Match(html);
        html = string.Concat(html.AsSpan(0, first.Groups[1].Index), "AAAA", html.AsSpan(first.Groups[1].Index + first.Groups[1].Length));
        string report = Path.Combine(folder, "broken.html");
        File.WriteAllText(report, html);

        string dom = await Browser.DumpDomAsync(chromium, report);
        Assert.Contains("data-images-loaded=\"8/9\"", dom, StringComparison.Ordinal);
    }

    [GeneratedRegex("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex InlinePngs();
}
