using System.Text.RegularExpressions;
using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Tests;

/// <summary>
/// What a committee reads on the charts and in the report: costs that rare risks cause, the NPV forgone if a partner
/// leaves, the price base on every money axis, a footer that keeps its seed, figures that never break across lines
/// and chances that never read 100%.
/// </summary>
public sealed class WordingAndAxesTests
{
    private static RunResult Ict => TestRuns.Ict;

    [Fact]
    public void Annual_chart_draws_the_mean_and_P90_of_each_years_costs_below_zero_in_colours_of_their_own()
    {
        var data = FanChartData.AnnualNetSavings(Ict);
        Assert.NotNull(data.Costs);
        for (int t = 1; t <= Ict.Scenario.HorizonYears; t++)
        {
            Assert.Equal(Ict.Row(MetricNames.Costs, t).Mean, data.Costs.Mean[t - 1]);
            Assert.Equal(Ict.Row(MetricNames.Costs, t).P90, data.Costs.P90[t - 1]);
        }
        // The risks of the last years happen in few trials: the median cost is nil but the mean shows them.
        int last = Ict.Scenario.HorizonYears;
        Assert.True(Ict.Row(MetricNames.Costs, last).P50 < data.Costs.Mean[last - 1], "the mean should show the rare risk costs");

        using var plot = FanChart.BuildAnnual(data);
        var bars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().ToDictionary(b => b.LegendText);
        Assert.All(bars[FanChart.CostMeanLabel].Bars, b => Assert.Equal(ChartPalette.CostMean, b.FillColor));
        Assert.All(bars[FanChart.CostP90Label].Bars, b => Assert.Equal(ChartPalette.CostP90, b.FillColor));

        // No other colour of the palette, nor anything else on any chart of the run, uses the cost colours.
        var others = typeof(ChartPalette).GetFields().Where(f => f.FieldType == typeof(Color) && f.Name is not nameof(ChartPalette.CostMean) and not nameof(ChartPalette.CostP90))
            .Select(f => (Color)f.GetValue(null)!).Concat(ChartPalette.Bands).Select(c => c.WithAlpha(1)).ToList();
        Assert.DoesNotContain(ChartPalette.CostMean.WithAlpha(1), others.Where(c => c != ChartPalette.ReddishPurple));
        Assert.NotEqual(ChartPalette.CostMean, ChartPalette.CostP90);
        using var fan = FanChart.Build(FanChartData.CumulativeNetSavings(Ict));
        using var npv = NpvChart.Build(NpvChartData.From(Ict));
        using var partners = PartnersChart.Build(PartnerExposureData.From(Ict));
        foreach (var other in new[] { fan, npv, partners })
        {
            Assert.DoesNotContain(other.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().SelectMany(b => b.Bars),
                b => b.FillColor == ChartPalette.CostMean || b.FillColor == ChartPalette.CostP90);
        }
        Assert.DoesNotContain(bars.Where(kv => kv.Key != FanChart.CostMeanLabel && kv.Key != FanChart.CostP90Label).SelectMany(kv => kv.Value.Bars),
            b => b.FillColor == ChartPalette.CostMean || b.FillColor == ChartPalette.CostP90);
    }

    [Fact]
    public void Partners_chart_and_report_say_NPV_forgone_if_the_partner_leaves()
    {
        var data = PartnerExposureData.From(Ict);
        using var plot = PartnersChart.Build(data);
        plot.RenderInMemory(800, 450);
        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        foreach (var p in data.Partners)
        {
            Assert.Contains($"NPV forgone if {InputLabels.Shorten(p.Name)} leaves\n{Formats.AChance(p.ProbabilityOfExit)} chance it leaves", ticks);
        }
        Assert.StartsWith("NPV forgone if the partner leaves (£, 2010/11 prices)", plot.Axes.Bottom.Label.Text, StringComparison.Ordinal);
        string report = HtmlReport.Build(Ict, TestRuns.IctChartSet, ReportTests.Provenance);
        Assert.Contains(">NPV forgone if it leaves (median)</th>", report, StringComparison.Ordinal);
        Assert.Contains(Html.Text(Formats.Money(data.Partners[0].MedianCost)) + "</td></tr>", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_money_axis_states_the_price_base_and_just_the_currency_without_a_start_year()
    {
        const string Base = "(£, 2010/11 prices)";
        using var fan = FanChart.Build(FanChartData.CumulativeNetSavings(Ict));
        using var annual = FanChart.BuildAnnual(FanChartData.AnnualNetSavings(Ict));
        using var npv = NpvChart.Build(NpvChartData.From(Ict));
        using var partners = PartnersChart.Build(PartnerExposureData.From(Ict));
        using var councils = CouncilsChart.Build(CouncilsChartData.From(Ict));
        Assert.Equal("Cumulative net savings\n" + Base, fan.Axes.Left.Label.Text);
        Assert.Equal("Net savings in the year\n" + Base, annual.Axes.Left.Label.Text);
        Assert.EndsWith(Base, npv.Axes.Bottom.Label.Text, StringComparison.Ordinal);
        Assert.EndsWith(Base, partners.Axes.Bottom.Label.Text, StringComparison.Ordinal);
        Assert.All(councils.Panels, p => Assert.Equal("£, 2010/11 prices", p.Axes.Left.Label.Text));

        // The plain scenario has no start year: its money is in pounds of no named year.
        using var plainFan = FanChart.Build(FanChartData.CumulativeNetSavings(TestRuns.Plain));
        using var plainNpv = NpvChart.Build(NpvChartData.From(TestRuns.Plain));
        Assert.Equal("Cumulative net savings\n(£)", plainFan.Axes.Left.Label.Text);
        Assert.EndsWith("(£)", plainNpv.Axes.Bottom.Label.Text, StringComparison.Ordinal);
        Assert.Equal("€, 2020/21 prices", ChartCanvas.MoneyUnit("EUR", "2020/21"));
        Assert.Equal("XYZ", ChartCanvas.MoneyUnit("XYZ", null));
    }

    [Theory]
    [InlineData(72)]
    [InlineData(ChartOptions.DefaultDpi)]
    public void A_footer_with_a_very_long_scenario_name_shortens_the_name_and_keeps_trials_and_seed(int dpi)
    {
        string footer = $"{string.Join(" ", Enumerable.Repeat("Hartlepool, Darlington and Stockton shared services", 8))} · 1,000,000 trials · seed 18446744073709551615";
        string drawn = ChartCanvas.FooterAsDrawn(footer, new ChartOptions(dpi));

        Assert.EndsWith("… · 1,000,000 trials · seed 18446744073709551615", drawn, StringComparison.Ordinal);
        Assert.StartsWith("Hartlepool, Darlington", drawn, StringComparison.Ordinal);
        Assert.True(drawn.Length < footer.Length);
        // A short footer is drawn whole.
        Assert.Equal(ChartSet.Footer(Ict), ChartCanvas.FooterAsDrawn(ChartSet.Footer(Ict), new ChartOptions(dpi)));
    }

    [Fact]
    public void Footer_fitting_keeps_the_tail_of_other_footers_and_cuts_only_what_cannot_fit()
    {
        static float Measure(string text) => text.Length;
        Assert.Equal("A very long b… · 20 runs", ChartCanvas.FitFooter("A very long batch name indeed · 20 runs", Measure, 24));
        Assert.Equal("Name · 7 trials · seed 1", ChartCanvas.FitFooter("Name · 7 trials · seed 1", Measure, 40));
        Assert.Equal("x… · 7 trials · seed 12345", ChartCanvas.FitFooter("xxxxxxxx · 7 trials · seed 12345", Measure, 26));
        // Too narrow even for the trials and seed: the whole footer is cut from the end.
        Assert.EndsWith("…", ChartCanvas.FitFooter("xxxxxxxx · 7 trials · seed 12345", Measure, 10), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ict")]
    [InlineData("ledger")]
    [InlineData("plain")]
    public void No_figure_in_the_report_can_break_across_lines_and_no_chance_reads_100_percent(string run)
    {
        var result = run switch { "ict" => Ict, "ledger" => TestRuns.Ledger, _ => TestRuns.Plain };
        string html = HtmlReport.Build(result, ChartSet.Render(result, new ChartOptions(72)), ReportTests.Provenance);
        string body = Regex.Replace(html[html.IndexOf("<body>", StringComparison.Ordinal)..], "<script>.*?</script>", "", RegexOptions.Singleline);

        // Every money figure and chance phrase is a whole nowrap span: once those spans and the tags are gone, none is
        // left in the text.
        string outside = Regex.Replace(body, "<span class=\"fig\">[^<]*</span>", " ");
        outside = Regex.Replace(outside, "<[^>]*>", " ");
        var loose = Html.Figure().Matches(outside).Select(m => m.Value).ToList();
        Assert.True(loose.Count == 0, "figures outside a nowrap span: " + string.Join(", ", loose.Take(10)));
        Assert.Contains("<span class=\"fig\">", body, StringComparison.Ordinal);
        Assert.Contains(".fig { white-space: nowrap; }", html, StringComparison.Ordinal);

        // Negative money takes a true minus sign; no chance reads 100%.
        string text = Regex.Replace(body, "<[^>]*>", " ");
        Assert.DoesNotMatch(@"-[£€$]\d", text);
        Assert.DoesNotMatch(@"100(\.0)?%\s+(chance|of trials)", text);
        // Every row whose figure is a chance (decision figures, partner exposure) reads below 100%.
        var chances = Regex.Matches(body, "<th scope=\"row\">([^<]*[Cc]hance[^<]*)</th><td class=\"num\">(.*?)</td>");
        Assert.NotEmpty(chances);
        Assert.All(chances, m => Assert.DoesNotMatch("^(<[^>]*>)?100", m.Groups[2].Value));
        Assert.DoesNotContain("by 20", text.Replace("by the end of 20", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_figure_reads_with_a_true_minus_sign_in_the_report()
    {
        string html = HtmlReport.Build(Ict, TestRuns.IctChartSet, ReportTests.Provenance);
        // Year 1 carries the set-up costs: its P10 cumulative savings are below zero in the charts' data and the report's figures.
        Assert.Matches("<span class=\"fig\">\u2212£[0-9.]+k</span>", html);
        Assert.Equal("<span class=\"fig\">\u2212£45k</span> and <span class=\"fig\">more than 99.5%</span>",
            Html.Text("\u2212£45k and more than 99.5%"));
        Assert.Equal("a &lt;b&gt; <span class=\"fig\">€1.2m</span>", Html.Text("a <b> €1.2m"));
    }

    [Fact]
    public void The_median_payback_year_has_its_own_form_and_targets_read_by_the_end_of_a_year()
    {
        var s = Ict.Scenario;
        Assert.Equal("the end of 2013/14", Headline.ByYear(s, 4));
        Assert.Equal("pays back in 2012/13", Headline.PaysBackIn(s, 3));
        Assert.Equal("the end of year 3", Headline.ByYear(TestRuns.Plain.Scenario, 3));
        Assert.Equal("pays back in year 2", Headline.PaysBackIn(TestRuns.Plain.Scenario, 2));
        string html = HtmlReport.Build(Ict, TestRuns.IctChartSet, ReportTests.Provenance);
        var payback = Ict.Row(MetricNames.PaybackYear);
        Assert.Contains($"Median payback year, when it pays back</th><td class=\"num\">{Headline.YearName(s, (int)Math.Round(payback.P50))}</td>", html, StringComparison.Ordinal);
        Assert.Contains("by the end of 2013/14", html, StringComparison.Ordinal);
    }
}
