using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="TornadoData"/>: horizontal bars, largest at the top, to the right when a higher value raises
/// NPV and to the left when it lowers it, with the rest summed in grey at the bottom.
/// </summary>
public static class TornadoChart
{
    /// <summary>Legend text of bars that raise NPV.</summary>
    public const string RaisesLabel = "Higher value raises NPV";

    /// <summary>Legend text of bars that lower NPV.</summary>
    public const string LowersLabel = "Higher value lowers NPV";

    /// <summary>The bars in drawing order, top first: the data's bars, then the rest bar.</summary>
    public static IReadOnlyList<TornadoBar> DrawnBars(TornadoData data) =>
        data.Rest is { } rest ? [.. data.Bars, rest] : data.Bars;

    /// <summary>Builds the plot (not yet rendered).</summary>
    public static Plot Build(TornadoData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        var drawn = DrawnBars(data);
        int n = drawn.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var raises = new List<Bar>();
        var lowers = new List<Bar>();
        var rest = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var bar = drawn[i];
            double y = n - i;
            bool isRest = data.Rest is not null && i == n - 1;
            var color = isRest ? ChartPalette.LightGrey : bar.Direction < 0 ? ChartPalette.Vermillion : ChartPalette.Blue;
            var b = new Bar
            {
                Position = y,
                Value = bar.SignedShare * 100,
                Size = 0.7,
                FillColor = color,
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
                Label = Formats.Share(bar.Share),
            };
            (isRest ? rest : bar.Direction < 0 ? lowers : raises).Add(b);
            ticks.AddMajor(y, bar.Label);
        }
        ChartCanvas.AddHorizontalBars(plot, raises, ChartPalette.Blue, RaisesLabel);
        ChartCanvas.AddHorizontalBars(plot, lowers, ChartPalette.Vermillion, LowersLabel);
        ChartCanvas.AddHorizontalBars(plot, rest, ChartPalette.LightGrey, "All other inputs together");

        var zero = plot.Add.VerticalLine(0, 1.2f, ChartPalette.Ink);
        zero.ExcludeFromLegend = true;

        double extent = Math.Max(1, drawn.Count == 0 ? 1 : drawn.Max(b => b.Share) * 100) * 1.3;
        plot.Axes.SetLimits(-extent, extent, 0.4, n + 0.6);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => Math.Abs(v).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        };
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.XLabel("Share of NPV variance (squared rank correlation)");
        ChartCanvas.LegendBelow(plot);
        return plot;
    }
}
