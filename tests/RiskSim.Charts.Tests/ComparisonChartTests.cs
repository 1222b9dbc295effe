using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Tests;

/// <summary>
/// The batch comparison chart draws each variant's paired NPV difference from its base (the batch's own figures),
/// one panel per scenario file with the base at zero.
/// </summary>
public sealed class ComparisonChartTests
{
    private static ComparisonRow Row(string file, string scenario, string variant, double npvP50, PairedDifference? paired, string? partner = null) =>
        new(scenario, variant, file, file + (variant.Length > 0 ? "--" + variant : ""), "GBP", 1000, 7, npvP50, npvP50 - 1, npvP50, npvP50 + 1,
            null, null, null, null, 0.9, paired, null)
        { Partner = partner };

    // Hand-made per-trial NPVs: the variant loses exactly 100 + i in trial i of 100 against its base.
    private static readonly double[] BaseNpv = [.. Enumerable.Range(0, 100).Select(i => 1000.0 * i)];
    private static readonly double[] CutNpv = [.. Enumerable.Range(0, 100).Select(i => 1000.0 * i - 100 - i)];

    private static IReadOnlyList<ComparisonRow> Rows()
    {
        var cut = PairedDifference.Of("npv", CutNpv, BaseNpv);
        var same = PairedDifference.Of("npv", BaseNpv, BaseNpv);
        return
        [
            Row("a.yaml", "Alpha", "", 5e6, null),
            Row("a.yaml", "Alpha", "", 2e6, null, partner: "county"),
            Row("a.yaml", "Alpha", "cut", 4e6, cut),
            Row("a.yaml", "Alpha", "same", 5e6, same),
            Row("b.yaml", "Beta", "", 1e6, null),
        ];
    }

    [Fact]
    public void Each_variant_carries_its_paired_difference_and_the_base_sits_at_zero()
    {
        var data = ComparisonChartData.From(Rows(), file => file == "a.yaml" ? "2010/11" : null);

        Assert.Equal(["a.yaml", "b.yaml"], data.Panels.Select(p => p.File));
        var alpha = data.Panels[0];
        Assert.Equal(("Alpha", 5e6, "2010/11"), (alpha.Scenario, alpha.BaseNpvP50, alpha.PriceBase));
        Assert.Equal(["base", "cut", "same"], alpha.Runs.Select(r => r.Label));
        var baseRun = alpha.Runs[0];
        Assert.True(baseRun.IsBase);
        Assert.Equal([0.0, 0, 0, 0, 0], [baseRun.Mean, baseRun.P10, baseRun.P50, baseRun.P90, baseRun.ProbabilityWorse]);

        // Trial i loses 100 + i: mean 149.5, every trial worse, percentiles of 100..199.
        var cut = alpha.Runs[1];
        Assert.Equal(-149.5, cut.Mean, 9);
        Assert.Equal(1.0, cut.ProbabilityWorse);
        Assert.InRange(cut.P90, -111, -109);
        Assert.InRange(cut.P10, -191, -189);
        Assert.Equal(0, alpha.Runs[2].Mean);
        Assert.Equal(0, alpha.Runs[2].ProbabilityWorse);

        // The partner row is not a run; a file without variants has nothing to compare.
        Assert.Single(data.Panels[1].Runs);
        Assert.Equal(["a.yaml"], data.Compared.Select(p => p.File));
        Assert.Null(data.Panels[1].PriceBase);
    }

    [Fact]
    public void The_plot_draws_the_differences_on_a_money_axis_of_changes_with_labels_and_no_legend_over_the_data()
    {
        var data = ComparisonChartData.From(Rows(), _ => "2010/11");
        using var figure = ComparisonChart.Build(data);

        var panel = Assert.Single(figure.Panels);
        var bars = Assert.Single(panel.GetPlottables<ScottPlot.Plottables.BarPlot>());
        var cut = data.Panels[0].Runs[1];
        Assert.Equal([cut.P10, 0], bars.Bars.Select(b => b.ValueBase));
        Assert.Equal([cut.P90, 0], bars.Bars.Select(b => b.Value));
        var means = panel.GetPlottables<ScottPlot.Plottables.Marker>().Where(m => m.Color == ChartPalette.Vermillion).Select(m => m.Location.X);
        Assert.Equal([cut.Mean, 0], means);
        Assert.Equal("NPV change from the base (£, 2010/11 prices)", panel.Axes.Bottom.Label.Text);
        Assert.False(panel.Legend.IsVisible);
        Assert.Equal([ComparisonChart.RangeLabel, ComparisonChart.MedianLabel, ComparisonChart.MeanLabel], figure.Legend.Select(e => e.Label));

        panel.RenderInMemory(800, 450);
        var ticks = panel.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Contains($"base: median NPV {Formats.Money(5e6)}", ticks);
        Assert.Contains("cut · worse in more than 99.5%", ticks);
        Assert.Contains("same · worse in 0%", ticks);

        // Zero and every range lie inside the axis.
        var limits = panel.Axes.GetLimits();
        Assert.True(limits.Left < cut.P10 && limits.Right > 0);

        byte[] png = ComparisonChart.Png(data, "RiskSim batch comparison · 3 runs", new ChartOptions(72));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public void A_batch_without_variants_draws_a_single_panel_saying_there_is_nothing_to_compare()
    {
        var data = ComparisonChartData.From([Row("b.yaml", "Beta", "", 1e6, null)]);
        using var figure = ComparisonChart.Build(data);

        var panel = Assert.Single(figure.Panels);
        var text = Assert.Single(panel.GetPlottables<ScottPlot.Plottables.Text>());
        Assert.StartsWith("No scenario in this batch declares variants", text.LabelText, StringComparison.Ordinal);
        Assert.Empty(figure.Legend);
    }

    [Fact]
    public void Long_scenario_and_variant_names_are_shortened_to_fit_their_panel()
    {
        var paired = PairedDifference.Of("npv", CutNpv, BaseNpv);
        string name = new('s', 200);
        var data = ComparisonChartData.From([Row("a.yaml", name, "", 1e6, null), Row("a.yaml", name, new string('v', 60), 1e6, paired)]);
        using var figure = ComparisonChart.Build(data);

        string title = figure.Panels[0].Axes.Title.Label.Text;
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.True(title.Length * 8.8 < ChartOptions.LayoutWidth, title);
        var label = ComparisonChart.RowLabel(data.Panels[0], data.Panels[0].Runs[1]);
        Assert.StartsWith(new string('v', ComparisonChart.NameLength - 1) + "…", label, StringComparison.Ordinal);
    }
}
