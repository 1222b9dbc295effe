using RiskSim.Core.Model;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>One scenario or variant in a batch comparison.</summary>
/// <param name="Label">Short name of the run (its folder: scenario file name, then <c>--variant</c>).</param>
/// <param name="NpvP10">10th percentile of NPV.</param>
/// <param name="NpvP50">Median NPV.</param>
/// <param name="NpvP90">90th percentile of NPV.</param>
/// <param name="ProbabilityTargetMet">P(target met), or null without a target.</param>
public sealed record ComparisonEntry(string Label, double NpvP10, double NpvP50, double NpvP90, double? ProbabilityTargetMet);

/// <summary>
/// Draws <c>comparison.png</c> of a batch: on the left each run's NPV range (P10 to P90, median marked),
/// on the right its chance of meeting its target, rows in the same order.
/// </summary>
public static class ComparisonChart
{
    /// <summary>The two panels (not yet rendered).</summary>
    public static (Plot Npv, Plot Target) Build(IReadOnlyList<ComparisonEntry> entries, string currency = "GBP")
    {
        int n = entries.Count;
        var npv = ChartCanvas.NewPlot("NPV (P10 to P90, median)");
        var target = ChartCanvas.NewPlot("P(target met)");
        npv.Axes.Title.FullFigureCenter = false;
        target.Axes.Title.FullFigureCenter = false;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var ranges = new List<Bar>();
        var chances = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var e = entries[i];
            double y = n - i;
            ranges.Add(new Bar { Position = y, ValueBase = e.NpvP10, Value = e.NpvP90, Size = 0.55, FillColor = ChartPalette.SkyBlue, LineWidth = 0 });
            chances.Add(new Bar
            {
                Position = y,
                Value = (e.ProbabilityTargetMet ?? 0) * 100,
                Size = 0.55,
                FillColor = ChartPalette.Blue,
                LineWidth = 0,
                Label = e.ProbabilityTargetMet is double p ? $"{p * 100:0}%" : "no target",
            });
            ticks.AddMajor(y, e.Label.Length > 44 ? e.Label[..43] + "…" : e.Label);
        }
        var rangeBars = npv.Add.Bars(ranges);
        rangeBars.Horizontal = true;
        rangeBars.LegendText = "P10 to P90";
        var medians = npv.Add.Markers(entries.Select(e => e.NpvP50).ToArray(), Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray(),
            MarkerShape.VerticalBar, 14, ChartPalette.Ink);
        medians.LegendText = "Median";
        npv.Axes.Left.TickGenerator = ticks;
        ChartCanvas.MoneyAxis(npv.Axes.Bottom, currency);
        npv.Axes.Bottom.Label.Text = "Net present value";
        double low = entries.Count == 0 ? 0 : entries.Min(e => e.NpvP10), high = entries.Count == 0 ? 1 : entries.Max(e => e.NpvP90);
        double pad = Math.Max(1, (high - low) * 0.08);
        npv.Axes.SetLimits(Math.Min(0, low - pad), high + pad, 0.4, n + 0.6);
        var zero = npv.Add.VerticalLine(0, 1, ChartPalette.Grey);
        zero.ExcludeFromLegend = true;
        npv.Legend.Alignment = Alignment.LowerRight;

        var chanceBars = target.Add.Bars(chances);
        chanceBars.Horizontal = true;
        chanceBars.ValueLabelStyle.FontSize = ChartCanvas.LegendSize;
        chanceBars.ValueLabelStyle.FontName = ChartFont.Family;
        target.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        target.Axes.Bottom.Label.Text = "Chance, %";
        target.Axes.SetLimits(0, 110, 0.4, n + 0.6);
        return (npv, target);
    }

    /// <summary>Renders both panels side by side as PNG bytes.</summary>
    public static byte[] Png(IReadOnlyList<ComparisonEntry> entries, string footer, ChartOptions options, string currency = "GBP")
    {
        var (npv, target) = Build(entries, currency);
        return ChartCanvas.Png([(npv, 0f, 0.66f), (target, 0.66f, 1f)], footer, options);
    }
}
