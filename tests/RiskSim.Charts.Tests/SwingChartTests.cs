using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using ScottPlot;

namespace RiskSim.Charts.Tests;

/// <summary>
/// The charts of the sensitivity in pounds (tornado swing view, spider, scatter) and the two groups' medians: each
/// draws exactly its data, and no end label runs outside the plot.
/// </summary>
public sealed class SwingChartTests
{
    private static RunResult Ict => TestRuns.Ict;

    [Fact]
    public void Swing_tornado_is_the_largest_swings_in_pounds_with_withdrawals_as_yes_or_no()
    {
        var data = TornadoData.From(Ict);

        Assert.Equal(TornadoView.Swing, data.View);
        Assert.Null(data.Rest);
        Assert.Equal(Ict.Row(MetricNames.Npv).Mean, data.BaseNpv);
        Assert.Equal(TornadoData.MaxBars, data.Bars.Count);
        Assert.Equal(Ict.Sensitivity.Count - TornadoData.MaxBars, data.Omitted);
        var expected = Ict.Sensitivity.OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal).Take(TornadoData.MaxBars);
        Assert.Equal(expected.Select(r => r.Input), data.Bars.Select(b => b.Key));
        foreach (var bar in data.Bars)
        {
            var row = Ict.Sensitivity.Single(r => r.Input == bar.Key);
            Assert.Equal(row.NpvMeanLow, bar.NpvLow);
            Assert.Equal(row.NpvMeanHigh, bar.NpvHigh);
            Assert.Equal(row.Role is InputRole.WithdrawalNotice or InputRole.RiskOccurs, bar.IsYesNo);
            Assert.DoesNotContain("higher value", bar.Label, StringComparison.OrdinalIgnoreCase);
        }
        // Every partner that may leave is among the largest here, each read as leaving lowering the NPV.
        foreach (string partner in new[] { "county", "city", "malvern" })
        {
            var bar = Assert.Single(data.Bars, b => b.Key == partner + ".withdrawal");
            Assert.EndsWith(" leaves within the horizon", bar.Label, StringComparison.Ordinal);
            Assert.True(bar.NpvHigh < bar.NpvLow, $"{partner}: leaving should lower the mean NPV");
        }
        Assert.DoesNotContain(data.Bars, b => b.Swing == 0);
    }

    [Fact]
    public void Swing_tornado_draws_each_bar_from_the_mean_npv_to_both_ends_with_labels_inside_the_plot()
    {
        var data = TornadoData.From(Ict);
        using var plot = TornadoChart.Build(data);
        plot.RenderInMemory(ChartOptions.LayoutWidth, ChartOptions.LayoutHeight);

        var bars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().SelectMany(p => p.Bars).ToList();
        Assert.Equal(2 * data.Bars.Count, bars.Count);
        Assert.All(bars, b => Assert.Equal(data.BaseNpv, b.ValueBase));
        for (int i = 0; i < data.Bars.Count; i++)
        {
            double y = data.Bars.Count - i;
            var ends = bars.Where(b => b.Position == y).Select(b => b.Value).Order().ToList();
            Assert.Equal(new[] { data.Bars[i].NpvLow, data.Bars[i].NpvHigh }.Order(), ends);
        }
        var ticks = plot.Axes.Left.TickGenerator.Ticks.OrderByDescending(t => t.Position).Select(t => t.Label);
        Assert.Equal(data.Bars.Select(b => b.Label), ticks);

        // Each end label, measured in the chart font, stays within the plot's horizontal limits.
        var limits = plot.Axes.GetLimits();
        double perPixel = (limits.Right - limits.Left) / plot.LastRender.DataRect.Width;
        var texts = plot.GetPlottables<ScottPlot.Plottables.Text>().ToList();
        Assert.Equal(2 * data.Bars.Count, texts.Count);
        foreach (var text in texts)
        {
            double width = (TornadoChart.TextWidth(text.LabelText, ChartCanvas.LegendSize) + 4) * perPixel;
            if (text.LabelAlignment == Alignment.MiddleRight)
            {
                Assert.True(text.Location.X - width >= limits.Left, $"'{text.LabelText}' runs off the left");
            }
            else
            {
                Assert.True(text.Location.X + width <= limits.Right, $"'{text.LabelText}' runs off the right");
            }
        }
        Assert.Contains(texts, t => t.LabelText.StartsWith("yes £", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.LabelText.StartsWith("no £", StringComparison.Ordinal));
    }

    [Fact]
    public void Grouped_swing_tornado_has_one_bar_per_owner()
    {
        var data = TornadoData.From(Ict, TornadoGrouping.Workstream, maxBars: 100);
        Assert.Equal(Ict.SensitivityGroups.Count(g => g.Swing != 0), data.Bars.Count);
        var city = Assert.Single(data.Bars, b => b.Key == "city");
        Assert.Equal("Worcester City Council leaves within the horizon", city.Label);
        Assert.Equal(SwingSplit.Leaves, city.Split);
        var row = Ict.Sensitivity.Single(r => r.Input == "city.withdrawal");
        Assert.Equal(row.NpvMeanLow, city.NpvLow, 6);
        Assert.Equal(row.NpvMeanHigh, city.NpvHigh, 6);
        var systems = Assert.Single(data.Bars, b => b.Key == "systems");
        Assert.Equal(SwingSplit.GroupScore, systems.Split);
        Assert.EndsWith("(all inputs)", systems.Label, StringComparison.Ordinal);
        Assert.True(systems.NpvHigh > systems.NpvLow, "the favourable end of a group's score raises NPV");
    }

    [Fact]
    public void Variance_view_drops_bars_that_would_read_zero()
    {
        var data = TornadoData.From(Ict, maxBars: 100, view: TornadoView.Variance);
        Assert.All(data.Bars, b => Assert.True(b.Share >= TornadoData.SmallestDrawnShare, $"{b.Key}: {b.Share}"));
    }

    [Fact]
    public void Spider_draws_the_six_largest_continuous_inputs_by_tenth()
    {
        var data = SpiderData.From(Ict);
        Assert.Equal(SpiderData.MaxLines, data.Lines.Count);
        var expected = Ict.Sensitivity.Where(r => r.Split == SwingSplit.Deciles)
            .OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal).Take(SpiderData.MaxLines);
        Assert.Equal(expected.Select(r => r.Input), data.Lines.Select(l => l.Input));
        foreach (var line in data.Lines)
        {
            Assert.Equal([5, 15, 25, 35, 45, 55, 65, 75, 85, 95], line.Percentiles);
            Assert.Equal(Ict.Sensitivity.Single(r => r.Input == line.Input).DecileMeans, line.MeanNpv);
        }
        using var plot = SpiderChart.Build(data);
        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(data.Lines.Count, lines.Count);
    }

    [Fact]
    public void Scatter_draws_the_largest_driver_against_npv_coloured_by_the_partner_whose_exit_matters_most()
    {
        var data = ScatterData.From(Ict);
        var sc = Assert.IsType<SensitivityScatter>(Ict.Scatter);
        Assert.Equal(SensitivityScatter.MaxPoints, data.Values.Count);
        var driver = Ict.Sensitivity.Where(r => r.Split == SwingSplit.Deciles).MaxBy(r => Math.Abs(r.Swing))!;
        Assert.Equal(driver.Input, sc.Input);
        var partner = Ict.Sensitivity.Where(r => r.Split == SwingSplit.Leaves).MaxBy(r => Math.Abs(r.Swing))!;
        Assert.Equal(partner.Owner, sc.PartnerId);
        Assert.Equal("Worcestershire County Council (host)", data.PartnerName);
        using var plot = ScatterChart.Build(data);
        var markers = plot.GetPlottables<ScottPlot.Plottables.Markers>().ToList();
        Assert.Equal(2, markers.Count);
        Assert.Equal(data.Values.Count, markers.Sum(m => m.Data.GetScatterPoints().Count));
        Assert.Equal(data.Left.Count(l => l), markers.Single(m => m.LegendText.Contains("leaves", StringComparison.Ordinal)).Data.GetScatterPoints().Count);
    }

    [Fact]
    public void Charts_of_a_two_outcome_run_show_each_groups_median()
    {
        var result = Simulation.Run(IO.Scenarios.ScenarioReader.ReadFile(Path.Combine(TestPaths.Scenarios, "hartlepool-darlington-shared-services.yaml")),
            new SimulationOptions(20_000, 1));
        var split = Assert.Single(result.TwoOutcomes, t => t.Metric == MetricNames.Npv);

        var npv = NpvChartData.From(result);
        var medians = Assert.IsType<ConditionalMedians>(npv.Split);
        Assert.Equal(split.MedianYes, medians.Yes[0]);
        Assert.Equal(split.MedianNo, medians.No[0]);
        Assert.StartsWith("Median if Darlington Borough Council leaves (", medians.YesLabel, StringComparison.Ordinal);
        using (var plot = NpvChart.Build(npv))
        {
            var lines = plot.GetPlottables<ScottPlot.Plottables.VerticalLine>().Select(l => l.X).ToList();
            Assert.Contains(split.MedianYes, lines);
            Assert.Contains(split.MedianNo, lines);
        }

        var fan = FanChartData.CumulativeNetSavings(result);
        var byYear = Assert.IsType<ConditionalMedians>(fan.Split);
        Assert.Equal(split.CumulativeMedianNo, byYear.No);
        using (var plot = FanChart.Build(fan))
        {
            var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().Select(s => s.Data.GetScatterPoints().Select(p => p.Y).ToList()).ToList();
            Assert.Contains(lines, l => l.SequenceEqual(split.CumulativeMedianYes));
            Assert.Contains(lines, l => l.SequenceEqual(split.CumulativeMedianNo));
        }
        // The headline gives each group's median instead of the overall one.
        var sentences = Report.Headline.Sentences(result);
        Assert.Contains(sentences, s => s.StartsWith("The NPV falls into two groups, depending on whether Darlington Borough Council leaves", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, s => s.StartsWith("The net present value is", StringComparison.Ordinal));
        // A run that does not split draws neither.
        Assert.Null(NpvChartData.From(Ict).Split);
        Assert.Null(FanChartData.CumulativeNetSavings(Ict).Split);
    }
}
