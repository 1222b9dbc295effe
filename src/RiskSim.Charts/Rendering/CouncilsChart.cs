using RiskSim.Charts.Data;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="CouncilsChartData"/>: one small fan per partner (median, P25–P75, P10–P90 and P5–P95 of its
/// own cumulative net savings) in a grid, every panel on the same money axis, each with its own target marked.
/// </summary>
public static class CouncilsChart
{
    /// <summary>Legend text of the target diamond.</summary>
    public const string TargetLabel = "Council's own target";

    /// <summary>Panels in a row for <paramref name="panels"/> panels: all in one row up to three, else a near-square grid.</summary>
    public static int ColumnsFor(int panels) => panels <= 3 ? Math.Max(1, panels) : (int)Math.Ceiling(Math.Sqrt(panels));

    /// <summary>
    /// A panel's title: the partner's name and its own target (or "no own target") on one line when they fit the
    /// panel's width, else on two lines, the name shortened with an ellipsis when it alone is too long.
    /// </summary>
    public static string PanelTitle(CouncilPanel panel, int columns) => PanelTitle(panel, columns, twoLines: false);

    /// <summary>
    /// Every panel's title, all on two lines when any needs two: panels whose titles differ in height would get
    /// plot areas of different heights, and one money axis would then look like different scales.
    /// </summary>
    public static IReadOnlyList<string> PanelTitles(CouncilsChartData data, int columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        var titles = data.Panels.Select(p => PanelTitle(p, columns)).ToList();
        return titles.Any(t => t.Contains('\n', StringComparison.Ordinal))
            ? [.. data.Panels.Select(p => PanelTitle(p, columns, twoLines: true))]
            : titles;
    }

    private static string PanelTitle(CouncilPanel panel, int columns, bool twoLines)
    {
        ArgumentNullException.ThrowIfNull(panel);
        // About 8.8 layout units a character at the panel title's size (DejaVu Sans, 15 units).
        int fits = Math.Max(12, (int)(ChartOptions.LayoutWidth / (double)Math.Max(1, columns) / 8.8));
        string name = InputLabels.Shorten(panel.Name, fits);
        string target = panel.Target is { } t ? t.Label : "no own target";
        string line = $"{name}: {target}";
        return line.Length <= fits && !twoLines ? line : $"{name}\n{target}";
    }

    /// <summary>Builds the figure (not yet rendered); requires <see cref="CouncilsChartData.HasChart"/>.</summary>
    public static PanelFigure Build(CouncilsChartData data)
    {
        if (!data.HasChart)
        {
            throw new ArgumentException("the run keeps no partner ledgers: there is nothing to draw", nameof(data));
        }
        int columns = ColumnsFor(data.Panels.Count);
        int rows = (data.Panels.Count + columns - 1) / columns;
        double[] xs = [.. data.Years.Select(y => (double)y)];
        var plots = new List<Plot>();
        var titles = PanelTitles(data, columns);
        foreach (var (panel, title) in data.Panels.Zip(titles))
        {
            var plot = ChartCanvas.NewPlot(title);
            plot.Axes.Title.Label.FontSize = ChartCanvas.AxisLabelSize;
            plot.Axes.Title.FullFigureCenter = false;
            for (int i = 0; i < panel.Bands.Count; i++)
            {
                var band = panel.Bands[i];
                var fill = plot.Add.FillY(xs, [.. band.Low], [.. band.High]);
                fill.FillColor = ChartPalette.Bands[i];
                fill.LineWidth = 0;
            }
            var zero = plot.Add.HorizontalLine(0, 1.2f, ChartPalette.Ink.WithAlpha(0.7));
            zero.ExcludeFromLegend = true;
            var median = plot.Add.Scatter(xs, panel.Median.ToArray(), ChartPalette.Median);
            median.LineWidth = 2.5f;
            median.MarkerSize = 5;
            if (panel.Target is { } mark)
            {
                plot.Add.HorizontalLine(mark.Amount, 1.5f, ChartPalette.Ink, LinePattern.Dotted);
                plot.Add.Marker(mark.Year, mark.Amount, MarkerShape.FilledDiamond, 12, ChartPalette.Ink);
            }

            // Year labels thinned to what a panel's width holds (about 62 layout units each).
            double width = ChartOptions.LayoutWidth / (double)columns;
            int most = Math.Max(2, (int)((width - 90) / 62));
            int step = Math.Max(1, (int)Math.Ceiling(data.Years.Count / (double)most));
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int i = 0; i < data.Years.Count; i += step)
            {
                ticks.AddMajor(data.Years[i], data.YearLabels[i]);
            }
            plot.Axes.Bottom.TickGenerator = ticks;
            ChartCanvas.MoneyAxis(plot.Axes.Left, data.Currency);
            // The unit on every panel's axis; from three rows of panels on, on two lines to fit the shorter panels.
            string unit = ChartCanvas.MoneyUnit(data.Currency, data.PriceBase);
            plot.YLabel(rows >= 3 ? unit.Replace(", ", ",\n", StringComparison.Ordinal) : unit);
            plot.Axes.Left.Label.FontSize = ChartCanvas.LegendSize;
            plot.Axes.SetLimits(0.5, data.Years.Count + 0.5, data.AxisLow, data.AxisHigh);
            plots.Add(plot);
        }
        FigureLegendEntry[] legend =
        [
            .. data.Panels[0].Bands.Select((b, i) => new FigureLegendEntry(b.Label, ChartPalette.Bands[i], LegendKind.Band)),
            new(FanChart.MedianLabel, ChartPalette.Median, LegendKind.Line),
            .. data.Panels.Any(p => p.Target is not null) ? [new FigureLegendEntry(TargetLabel, ChartPalette.Ink, LegendKind.Diamond)] : Array.Empty<FigureLegendEntry>(),
        ];
        return new PanelFigure(data.Title, plots, columns, legend);
    }
}
