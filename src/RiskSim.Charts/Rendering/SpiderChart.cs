using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>Draws <see cref="SpiderData"/>: one line per input, mean NPV against the input's percentile.</summary>
public static class SpiderChart
{
    private static readonly Color[] Colours =
        [ChartPalette.Blue, ChartPalette.Vermillion, ChartPalette.BluishGreen, ChartPalette.Orange, ChartPalette.ReddishPurple, ChartPalette.SkyBlue];

    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp, MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle];

    /// <summary>Builds the plot (not yet rendered).</summary>
    public static Plot Build(SpiderData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        var mean = plot.Add.HorizontalLine(data.MeanNpv, 1.2f, ChartPalette.Grey, LinePattern.Dashed);
        mean.ExcludeFromLegend = true;
        for (int i = 0; i < data.Lines.Count; i++)
        {
            var line = data.Lines[i];
            var scatter = plot.Add.Scatter(line.Percentiles.ToArray(), line.MeanNpv.ToArray(), Colours[i % Colours.Length]);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            scatter.MarkerShape = Shapes[i % Shapes.Length];
            // Two lines (owner, then quantity) keep the legend beside the plot narrow.
            int colon = line.Label.LastIndexOf(": ", StringComparison.Ordinal);
            scatter.LegendText = colon > 0 ? line.Label[..(colon + 1)] + "\n" + line.Label[(colon + 2)..] : line.Label;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int p in new[] { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 })
        {
            ticks.AddMajor(p, p.ToString(CultureInfo.InvariantCulture) + "%");
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        ChartCanvas.MoneyAxis(plot.Axes.Left, data.Currency);
        double low = data.Lines.SelectMany(l => l.MeanNpv).Append(data.MeanNpv).Min();
        double high = data.Lines.SelectMany(l => l.MeanNpv).Append(data.MeanNpv).Max();
        double pad = Math.Max((high - low) * 0.08, Math.Max(1, Math.Abs(data.MeanNpv) * 0.01));
        plot.Axes.SetLimits(0, 100, low - pad, high + pad);
        plot.XLabel("Percentile of the input (each point: one tenth of the trials)");
        plot.YLabel($"Mean NPV (dashed: all trials, {Formats.Money(data.MeanNpv, data.Currency)})\n({ChartCanvas.MoneyUnit(data.Currency, data.PriceBase)})");
        var legend = plot.ShowLegend(Edge.Right).Legend;
        legend.FontSize = ChartCanvas.LegendSize;
        legend.FontName = ChartFont.Family;
        legend.ShadowColor = Colors.Transparent;
        legend.OutlineColor = Color.FromHex("#C8C8C8");
        legend.SetBestFontOnEachRender = false;
        return plot;
    }
}
