using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using ScottPlot;

namespace RiskSim.Charts.Tests;

/// <summary>
/// The chart data equals the run's own figures (percentiles, plan, target, sensitivity order, partner exposure),
/// and the plots draw exactly that data. Nothing here looks at pixels.
/// </summary>
public sealed class ChartDataTests
{
    private static RunResult Ict => TestRuns.Ict;

    [Theory]
    [InlineData(MetricNames.CumulativeNetSavings)]
    [InlineData(MetricNames.NetSavings)]
    public void Fan_bands_and_median_are_the_runs_percentiles(string metric)
    {
        var data = metric == MetricNames.CumulativeNetSavings ? FanChartData.CumulativeNetSavings(Ict) : FanChartData.AnnualNetSavings(Ict);
        int h = Ict.Scenario.HorizonYears;

        Assert.Equal(metric, data.Metric);
        Assert.Equal(Enumerable.Range(1, h), data.Years);
        Assert.Equal(["P5–P95", "P10–P90", "P25–P75"], data.Bands.Select(b => b.Label));
        for (int t = 1; t <= h; t++)
        {
            var row = Ict.Row(metric, t);
            Assert.Equal(row.P5, data.Bands[0].Low[t - 1]);
            Assert.Equal(row.P95, data.Bands[0].High[t - 1]);
            Assert.Equal(row.P10, data.Bands[1].Low[t - 1]);
            Assert.Equal(row.P90, data.Bands[1].High[t - 1]);
            Assert.Equal(row.P25, data.Bands[2].Low[t - 1]);
            Assert.Equal(row.P75, data.Bands[2].High[t - 1]);
            Assert.Equal(row.P50, data.Median[t - 1]);
        }
    }

    [Fact]
    public void Fan_labels_financial_years_and_carries_plan_and_target()
    {
        var data = FanChartData.CumulativeNetSavings(Ict);

        Assert.Equal(["2010/11", "2011/12", "2012/13", "2013/14", "2014/15", "2015/16"], data.YearLabels);
        Assert.Equal(Ict.Plan.CumulativeNetSavings, data.Plan);
        Assert.NotNull(data.Target);
        Assert.Equal(4, data.Target.Year);
        Assert.Equal(396874, data.Target.Amount);
        Assert.Equal("Target £397k by the end of 2013/14", data.Target.Label);
    }

    [Fact]
    public void Annual_chart_has_no_target_and_shows_median_costs()
    {
        var data = FanChartData.AnnualNetSavings(Ict);

        Assert.Null(data.Target);
        Assert.Equal(Ict.Plan.NetSavings, data.Plan);
        Assert.NotNull(data.Parts);
        for (int t = 1; t <= Ict.Scenario.HorizonYears; t++)
        {
            Assert.Equal(Ict.Row(MetricNames.Costs, t).P50, data.Parts.Costs[t - 1]);
            Assert.Equal(Ict.Row(MetricNames.GrossSavings, t).P50, data.Parts.GrossSavings[t - 1]);
        }
        // Year 1 carries the set-up costs: its net savings are below zero, and the chart must show it.
        Assert.True(data.Median[0] < 0);
    }

    [Fact]
    public void Fan_plot_draws_the_data_bands_median_and_plan()
    {
        var data = FanChartData.CumulativeNetSavings(Ict);
        using var plot = FanChart.Build(data);

        var fills = plot.GetPlottables<ScottPlot.Plottables.FillY>().ToList();
        Assert.Equal(data.Bands.Select(b => b.Label), fills.Select(f => f.LegendText));
        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToDictionary(s => s.LegendText);
        Assert.Equal(data.Median, lines[FanChart.MedianLabel].Data.GetScatterPoints().Select(p => p.Y));
        Assert.Equal(data.Plan, lines[FanChart.PlanLabel].Data.GetScatterPoints().Select(p => p.Y));
        Assert.Equal(LinePattern.Dashed, lines[FanChart.PlanLabel].LinePattern);
        var target = Assert.Single(plot.GetPlottables<ScottPlot.Plottables.Marker>());
        Assert.Equal(new Coordinates(4, 396874), target.Location);
    }

    [Fact]
    public void Annual_plot_draws_band_columns_from_the_data()
    {
        var data = FanChartData.AnnualNetSavings(Ict);
        using var plot = FanChart.BuildAnnual(data);

        var bars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().ToDictionary(b => b.LegendText);
        foreach (var band in data.Bands)
        {
            Assert.Equal(band.Low, bars[band.Label].Bars.Select(b => b.ValueBase));
            Assert.Equal(band.High, bars[band.Label].Bars.Select(b => b.Value));
        }
        Assert.Equal(data.Costs!.Mean.Select(c => -c), bars[FanChart.CostMeanLabel].Bars.Select(b => b.Value));
        Assert.Equal(data.Costs.P90.Select(c => -c), bars[FanChart.CostP90Label].Bars.Select(b => b.Value));
    }

    [Fact]
    public void Tornado_order_is_the_sensitivity_tables()
    {
        var data = TornadoData.From(Ict, view: TornadoView.Variance);

        Assert.Equal(TornadoData.MaxBars, data.Bars.Count);
        Assert.Equal(Ict.Sensitivity.Take(TornadoData.MaxBars).Select(r => r.Input), data.Bars.Select(b => b.Key));
        Assert.Equal(Ict.Sensitivity.Take(TornadoData.MaxBars).Select(r => r.Share), data.Bars.Select(b => b.Share));
        // Direction: a higher value (or the event happening) raises NPV; leaving is an early notice, so its sign turns.
        Assert.All(data.Bars, b => Assert.Equal(Math.Sign(b.Spearman!.Value) * (b.Key.EndsWith(".withdrawal", StringComparison.Ordinal) ? -1 : 1), b.Direction));

        var rest = Assert.IsType<TornadoBar>(data.Rest);
        Assert.Equal(Ict.Sensitivity.Count - TornadoData.MaxBars, rest.Inputs);
        Assert.Equal(Ict.Sensitivity.Skip(TornadoData.MaxBars).Sum(r => r.Share), rest.Share, 12);
        Assert.Equal(1.0, data.Bars.Sum(b => b.Share) + rest.Share, 9);
    }

    [Fact]
    public void Tornado_plot_draws_bars_top_down_in_table_order_signed_by_direction()
    {
        var data = TornadoData.From(Ict, view: TornadoView.Variance);
        using var plot = TornadoChart.Build(data);
        plot.RenderInMemory(800, 450);

        var drawn = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().SelectMany(p => p.Bars).OrderByDescending(b => b.Position).ToList();
        var expected = TornadoChart.DrawnBars(data);
        Assert.Equal(expected.Count, drawn.Count);
        Assert.Equal(expected.Select(b => b.SignedShare * 100), drawn.Select(b => b.Value));
        var ticks = plot.Axes.Left.TickGenerator.Ticks.OrderByDescending(t => t.Position).Select(t => t.Label);
        Assert.Equal(expected.Select(b => b.Label), ticks);
    }

    [Fact]
    public void Tornado_grouped_by_workstream_sums_each_owners_inputs()
    {
        var data = TornadoData.From(Ict, TornadoGrouping.Workstream, view: TornadoView.Variance);
        var owners = Ict.Sensitivity.GroupBy(r => r.Owner).ToDictionary(g => g.Key, g => g.Sum(r => r.Share));

        Assert.Null(data.Rest);
        Assert.Equal(owners.Count, data.Bars.Count);
        Assert.Equal(owners.OrderByDescending(o => o.Value).Select(o => o.Key), data.Bars.Select(b => b.Key));
        foreach (var bar in data.Bars)
        {
            Assert.Equal(owners[bar.Key], bar.Share, 12);
        }
        Assert.Contains(data.Bars, b => b.Key == "systems" && b.Label == "Harmonised systems, contracts, licences…");
        Assert.Contains(data.Bars, b => b.Key == "city" && b.Label == "Worcester City Council: leaving");
        Assert.Contains(data.Bars, b => b.Key == "migration" && b.Label.StartsWith("Risk: Data migration", StringComparison.Ordinal));
    }

    [Fact]
    public void Tornado_grouped_by_partner_joins_only_withdrawal_inputs()
    {
        var data = TornadoData.From(Ict, TornadoGrouping.Partner, maxBars: 100, view: TornadoView.Variance);
        var partnerIds = Ict.Scenario.Partners.Select(p => p.Id).ToHashSet();

        foreach (var partner in partnerIds.Where(id => Ict.Sensitivity.Any(r => r.Owner == id)))
        {
            var bar = Assert.Single(data.Bars, b => b.Key == partner);
            Assert.Equal(Ict.Sensitivity.Where(r => r.Owner == partner).Sum(r => r.Share), bar.Share, 12);
        }
        // Inputs that would read 0.0% are not drawn on their own.
        var others = Ict.Sensitivity.Where(r => !partnerIds.Contains(r.Owner) && r.Share >= TornadoData.SmallestDrawnShare).Select(r => r.Input).ToHashSet();
        Assert.Equal(others, data.Bars.Where(b => !partnerIds.Contains(b.Key)).Select(b => b.Key).ToHashSet());
        // A group's direction is the sign of its signed shares' sum, a withdrawal notice read as leaving (sign turned).
        foreach (var bar in data.Bars.Where(b => partnerIds.Contains(b.Key)))
        {
            double net = Ict.Sensitivity.Where(r => r.Owner == bar.Key)
                .Sum(r => Math.Sign(r.Role == InputRole.WithdrawalNotice ? -r.Spearman : r.Spearman) * r.Share);
            Assert.Equal(net < 0 ? -1 : 1, bar.Direction);
        }
    }

    [Fact]
    public void Npv_histogram_holds_the_middle_99_percent_and_marks_the_summary_percentiles()
    {
        var data = NpvChartData.From(Ict);
        var npv = Ict.Row(MetricNames.Npv);

        Assert.Equal(0.99, data.Bins.Sum(b => b.Probability), 9);
        Assert.Equal(Ict.NpvQuantiles[1], data.CurveValues[0]);
        Assert.Equal(Ict.NpvQuantiles[199], data.CurveValues[^1]);
        Assert.True(data.Bins[0].Low <= Ict.NpvQuantiles[1] && data.Bins[^1].High >= Ict.NpvQuantiles[199]);
        Assert.InRange(data.Bins.Count, NpvChartData.TargetBinCount / 3, NpvChartData.TargetBinCount + 1);
        double width = data.Bins[0].High - data.Bins[0].Low;
        Assert.All(data.Bins, b => Assert.Equal(width, b.High - b.Low, 6));
        Assert.Equal([("P10", npv.P10), ("P50", npv.P50), ("P90", npv.P90)], data.Marks.Select(m => (m.Label, m.Value)));
        Assert.Equal(Ict.Plan.Npv, data.PlanNpv);
        Assert.True(data.CurveProbabilities.Zip(data.CurveProbabilities.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void Npv_histogram_of_a_uniform_quantile_function_is_flat()
    {
        // Quantiles of a uniform on [0, 1000]: every bin of width 25 holds 2.5% of the trials.
        double[] q = [.. Enumerable.Range(0, 201).Select(i => i * 5.0)];
        var bins = NpvChartData.Bin(q, q[1], q[199]);

        Assert.Equal(25, bins[0].High - bins[0].Low);
        Assert.All(bins.Skip(1).SkipLast(1), b => Assert.Equal(0.025, b.Probability, 12));
        Assert.Equal(0.5, NpvChartData.CumulativeProbability(q, 500), 12);
        Assert.Equal(0.123, NpvChartData.CumulativeProbability(q, 123), 12);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1, 1)]
    [InlineData(1.01, 2)]
    [InlineData(2.4, 2.5)]
    [InlineData(3, 5)]
    [InlineData(7000, 10000)]
    [InlineData(12_345, 20_000)]
    public void Bin_widths_are_tidy_amounts(double raw, double tidy) => Assert.Equal(tidy, NpvChartData.TidyWidth(raw), 9);

    [Fact]
    public void Partner_exposure_is_the_runs_conditional_medians()
    {
        var data = PartnerExposureData.From(Ict);

        Assert.True(data.HasChart);
        Assert.Equal(Ict.PartnerExposures.Select(p => p.PartnerId), data.Partners.Select(p => p.PartnerId));
        foreach (var (bar, run) in data.Partners.Zip(Ict.PartnerExposures))
        {
            Assert.Equal(run.ProbabilityOfExit, bar.ProbabilityOfExit);
            Assert.Equal(run.MedianNpvIfExit, bar.MedianNpvIfLeaves);
            Assert.Equal(run.MedianNpvIfStays, bar.MedianNpvIfStays);
            Assert.Equal(run.MedianNpvIfStays - run.MedianNpvIfExit, bar.MedianCost);
        }
        Assert.Equal(Ict.Row(MetricNames.Npv).P50, data.MedianNpv);
        using var plot = PartnersChart.Build(data);
        var bars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().ToDictionary(b => b.LegendText);
        Assert.Equal(data.Partners.Select(p => p.MedianCost), bars[PartnersChart.ForgoneLabel].Bars.Select(b => b.Value));
    }

    [Fact]
    public void A_scenario_where_no_partner_may_leave_has_no_partner_chart()
    {
        var data = PartnerExposureData.From(TestRuns.Plain);

        Assert.False(data.HasChart);
        Assert.Throws<ArgumentException>(() => PartnersChart.Build(data));
        Assert.DoesNotContain(ChartSet.PartnersFile, ChartSet.Render(TestRuns.Plain, new ChartOptions(Dpi: 72)).Charts.Select(c => c.FileName));
    }

    [Fact]
    public void Target_curve_is_the_runs_quantiles_with_the_reserve_points_on_it()
    {
        var run = TestRuns.Ict;
        var data = TargetCurveData.From(run);
        var curve = Assert.Single(data.Curves);
        Assert.Equal(199, curve.Values.Count);
        Assert.Equal(run.TargetQuantiles.Skip(1).Take(199), curve.Values);
        Assert.Equal(0.005, curve.Probabilities[0], 12);
        Assert.Equal(0.995, curve.Probabilities[^1], 12);
        Assert.Equal(run.Scenario.Target!.CumulativeNetSavings, data.Target);
        var d = run.Decision;
        Assert.Equal([d.CumulativeAtTargetP20!.Value, d.CumulativeAtTargetP10!.Value, d.CumulativeAtTargetP5!.Value], data.Marks.Select(m => m.Value));
        Assert.Equal([0.20, 0.10, 0.05], data.Marks.Select(m => m.Probability));
        // The curve passes through each reserve point to within a quantile step, and the chance of the target read off it
        // is the run's own P(target met) to within one step.
        foreach (var mark in data.Marks)
        {
            Assert.InRange(TargetCurveData.ChanceAtMost(curve, mark.Value), mark.Probability - 0.006, mark.Probability + 0.006);
        }
        Assert.InRange(1 - TargetCurveData.ChanceAtMost(curve, data.Target!.Value), d.ProbabilityTargetMet!.Value - 0.006, d.ProbabilityTargetMet.Value + 0.006);
        Assert.Contains("reserve", data.Marks[0].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_curve_without_a_target_reads_the_last_year()
    {
        var data = TargetCurveData.From(TestRuns.Plain);
        Assert.Null(data.Target);
        Assert.Equal(TestRuns.Plain.Scenario.HorizonYears, TestRuns.Plain.TargetQuantilesYear);
        Assert.Equal(TestRuns.Plain.Row(Core.Engine.MetricNames.CumulativeNetSavings, TestRuns.Plain.Scenario.HorizonYears).P10,
            data.Marks[0].Value);
    }

    [Fact]
    public void Without_a_start_year_years_are_numbered()
    {
        var data = FanChartData.CumulativeNetSavings(TestRuns.Plain);

        Assert.Equal(["Year 1", "Year 2", "Year 3"], data.YearLabels);
        Assert.Null(data.Target);
    }

    [Theory]
    [InlineData("ict.annual_saving", InputRole.AnnualSaving, "ict", "Shared ICT: annual saving")]
    [InlineData("tupe.delay_months.ict", InputRole.RiskDelay, "tupe", "TUPE challenge: delay to Shared ICT")]
    [InlineData("city.withdrawal", InputRole.WithdrawalNotice, "city", "city: time to withdrawal notice")]
    public void Inputs_are_described_in_words(string input, InputRole role, string owner, string expected)
    {
        var scenario = new Scenario
        {
            Name = "s",
            HorizonYears = 3,
            Partners = [new Partner { Id = "city", Share = 1 }],
            Workstreams = [new Workstream { Id = "ict", Name = "Shared ICT", AnnualSaving = new ConstantDistribution(1), DependsOn = [] }],
            Risks = [new Risk { Id = "tupe", Name = "TUPE challenge", Probability = 0.5, FirstYear = 1, LastYear = 1 }],
        };
        Assert.Equal(expected, InputLabels.Describe(scenario, input, role, owner));
    }
}
