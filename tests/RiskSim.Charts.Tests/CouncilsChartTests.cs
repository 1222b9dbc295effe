using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Core.Engine;

namespace RiskSim.Charts.Tests;

/// <summary>
/// <c>councils.png</c>: one panel per partner drawing that partner's own cumulative net savings percentiles and its
/// own target, every panel on the same money axis; no chart (and a note) when the run keeps no partner ledgers.
/// </summary>
public sealed class CouncilsChartTests
{
    private static RunResult Ledger => TestRuns.Ledger;

    [Fact]
    public void Each_panel_is_the_partners_own_percentiles_in_scenario_order()
    {
        var data = CouncilsChartData.From(Ledger);

        Assert.True(data.HasChart);
        Assert.Equal(["county", "city", "east", "west"], data.Panels.Select(p => p.PartnerId));
        Assert.Equal(["County council", "City council", "East district", "West district"], data.Panels.Select(p => p.Name));
        Assert.Equal(["2025/26", "2026/27", "2027/28", "2028/29", "2029/30", "2030/31"], data.YearLabels);
        foreach (var panel in data.Panels)
        {
            Assert.Equal(["P5–P95", "P10–P90", "P25–P75"], panel.Bands.Select(b => b.Label));
            for (int t = 1; t <= 6; t++)
            {
                var row = Ledger.PartnerRow(panel.PartnerId, MetricNames.CumulativeNetSavings, t);
                Assert.Equal(row.P5, panel.Bands[0].Low[t - 1]);
                Assert.Equal(row.P95, panel.Bands[0].High[t - 1]);
                Assert.Equal(row.P10, panel.Bands[1].Low[t - 1]);
                Assert.Equal(row.P90, panel.Bands[1].High[t - 1]);
                Assert.Equal(row.P25, panel.Bands[2].Low[t - 1]);
                Assert.Equal(row.P75, panel.Bands[2].High[t - 1]);
                Assert.Equal(row.P50, panel.Median[t - 1]);
            }
        }
        // The partner's figures, not the programme's.
        Assert.NotEqual(Ledger.Row(MetricNames.CumulativeNetSavings, 6).P50, data.Panels[0].Median[5]);
    }

    [Fact]
    public void Own_targets_are_marked_and_partners_without_one_have_none()
    {
        var data = CouncilsChartData.From(Ledger);

        var county = data.Panels[0].Target;
        Assert.NotNull(county);
        Assert.Equal((4, 200_000.0, "own target £200k by the end of 2028/29"), (county.Year, county.Amount, county.Label));
        Assert.Null(data.Panels[1].Target);
        Assert.Null(data.Panels[2].Target);
        Assert.Equal(40_000, data.Panels[3].Target!.Amount);
    }

    [Fact]
    public void Every_panel_shares_one_money_axis_that_holds_every_band_target_and_zero()
    {
        var data = CouncilsChartData.From(Ledger);

        double low = data.Panels.SelectMany(p => p.Bands[0].Low).Append(0).Min();
        double high = data.Panels.SelectMany(p => p.Bands[0].High).Append(200_000).Max();
        double span = high - low;
        Assert.Equal(low - span * CouncilsChartData.Margin, data.AxisLow, 6);
        Assert.Equal(high + span * CouncilsChartData.Margin, data.AxisHigh, 6);

        using var figure = CouncilsChart.Build(data);
        Assert.Equal(4, figure.Panels.Count);
        Assert.Equal(2, figure.Columns);
        foreach (var plot in figure.Panels)
        {
            var limits = plot.Axes.GetLimits();
            Assert.Equal((data.AxisLow, data.AxisHigh), (limits.Bottom, limits.Top));
        }
        // The bands drawn are the data's.
        var fills = figure.Panels[0].GetPlottables<ScottPlot.Plottables.FillY>().ToList();
        Assert.Equal(3, fills.Count);
        var widest = fills[0].GetAxisLimits();
        Assert.Equal((data.Panels[0].Bands[0].Low.Min(), data.Panels[0].Bands[0].High.Max()), (widest.Bottom, widest.Top));
        Assert.Equal([CouncilsChart.TargetLabel], figure.Legend.Where(e => e.Kind == LegendKind.Diamond).Select(e => e.Label));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(9, 3)]
    [InlineData(10, 4)]
    public void Panels_sit_in_a_row_up_to_three_then_in_a_near_square_grid(int panels, int columns) =>
        Assert.Equal(columns, CouncilsChart.ColumnsFor(panels));

    [Fact]
    public void The_image_is_a_1600_by_900_png_with_colour_and_text()
    {
        var set = ChartSet.Render(Ledger, new ChartOptions(Svg: true));
        var chart = set.Charts.Single(c => c.FileName == ChartSet.CouncilsFile);
        using var png = PngImage.Decode(chart.Png);

        Assert.Equal((1600, 900), (png.Width, png.Height));
        Assert.True(png.DistinctColours() >= 100, $"only {png.DistinctColours()} distinct colours");
        ChartImageTests.AssertTitleAndFooterHaveText(png, ChartSet.CouncilsFile);
        Assert.Contains("County council", chart.Svg, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", chart.Svg, StringComparison.Ordinal);
        // The last chart but the risk matrix, which follows whenever the scenario has risks.
        Assert.Equal(ChartSet.CouncilsFile, set.Charts[^2].FileName);
        Assert.Equal(ChartSet.RiskMatrixFile, set.Charts[^1].FileName);
    }

    [Fact]
    public void A_single_partner_run_has_no_councils_chart_and_says_so()
    {
        var data = CouncilsChartData.From(TestRuns.Single);

        Assert.False(data.HasChart);
        Assert.Throws<ArgumentException>(() => CouncilsChart.Build(data));
        string output = TestPaths.NewTempFolder("single-charts");
        var provenance = new RunProvenance("single.yaml", new string('0', 64), "9.9.9", DateTimeOffset.UnixEpoch);
        using var folder = IO.Results.OutputFolder.Open(output);
        var written = ReportWriter.Write(TestRuns.Single, folder.Stage, new ChartOptions(Dpi: 72), provenance);
        Assert.DoesNotContain(ChartSet.CouncilsFile, written.Files);
        Assert.Contains(written.Notes, n => n.StartsWith(ChartSet.CouncilsFile + " not drawn", StringComparison.Ordinal));
    }

    [Fact]
    public void A_panel_title_that_would_not_fit_goes_on_two_lines_and_a_long_name_is_shortened()
    {
        var bands = CouncilsChartData.From(Ledger).Panels[0].Bands;
        CouncilPanel Panel(string name, TargetMark? target) => new("p", name, bands, [0, 0, 0, 0, 0, 0], target);

        Assert.Equal("East district: no own target", CouncilsChart.PanelTitle(Panel("East district", null), 2));
        Assert.Equal("Worcestershire County Council (host)\nno own target",
            CouncilsChart.PanelTitle(Panel("Worcestershire County Council (host)", null), 2));
        string longName = CouncilsChart.PanelTitle(Panel(new string('x', 80), new TargetMark(4, 1, "own target £1 by 2028/29")), 3);
        Assert.All(longName.Split('\n'), line => Assert.True(line.Length <= 30, line));
        Assert.EndsWith("…\nown target £1 by 2028/29", longName, StringComparison.Ordinal);

        // One two-line title puts every title on two lines, so every panel's plot area has the same height.
        var data = CouncilsChartData.From(Ledger);
        data = data with { Panels = [data.Panels[0] with { Name = "Worcestershire County Council (host)" }, .. data.Panels.Skip(1)] };
        var titles = CouncilsChart.PanelTitles(data, 2);
        Assert.All(titles, t => Assert.Single(t, '\n'));
        Assert.Equal("East district\nno own target", titles[2]);
        // Titles that fit stay on one line: "County council: own target £200k by the end of 2028/29" fits a full-width panel.
        Assert.All(CouncilsChart.PanelTitles(CouncilsChartData.From(Ledger), 1), t => Assert.DoesNotContain('\n', t));
    }
}
