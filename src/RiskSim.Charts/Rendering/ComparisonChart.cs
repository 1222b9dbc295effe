using RiskSim.Charts.Data;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <c>comparison.png</c> of a batch (<see cref="ComparisonChartData"/>): one panel per scenario file, each with
/// its own money axis of NPV changes from the base run (at zero), a row per variant showing the P10 to P90 of the
/// paired differences, their median and their mean, and how often the variant does worse than its base.
/// </summary>
public static class ComparisonChart
{
    /// <summary>Legend text of the P10 to P90 bars.</summary>
    public const string RangeLabel = "P10 to P90 of the change, trial by trial";

    /// <summary>Legend text of the median tick.</summary>
    public const string MedianLabel = "Median change";

    /// <summary>Legend text of the mean diamond.</summary>
    public const string MeanLabel = "Mean change";

    /// <summary>Most characters of a variant name on its row.</summary>
    public const int NameLength = 26;

    /// <summary>Panels in a row: one column up to three scenario files, then two.</summary>
    public static int ColumnsFor(int panels) => panels <= 3 ? 1 : 2;

    /// <summary>The label of a run's row: "base: median NPV £11.4m", or the variant's name and how often it does worse than its base.</summary>
    public static string RowLabel(ComparisonPanel panel, ComparisonRun run)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(run);
        return run.IsBase ? $"{ComparisonChartData.BaseLabel}: median NPV {Formats.Money(panel.BaseNpvP50, panel.Currency)}"
            : $"{InputLabels.Shorten(run.Label, NameLength)} · worse in {Formats.Chance(run.ProbabilityWorse)}";
    }

    /// <summary>
    /// A panel's title: the scenario's name, shortened to what fits over the panel's plot area when the panel has
    /// <paramref name="plotWidth"/> layout units of it (about 8.8 units a character at the title's size).
    /// </summary>
    public static string PanelTitle(ComparisonPanel panel, double plotWidth)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return InputLabels.Shorten(panel.Scenario, Math.Max(16, (int)((plotWidth + 30) / 8.8)));
    }

    /// <summary>
    /// Builds the figure (not yet rendered): a panel per scenario file with variants; when no file has one, a single
    /// panel saying that there is nothing to compare.
    /// </summary>
    public static PanelFigure Build(ComparisonChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var compared = data.Compared;
        if (compared.Count == 0)
        {
            var empty = ChartCanvas.NewPlot("");
            var text = empty.Add.Text("No scenario in this batch declares variants: there is no change from a base run to show.", 0.5, 0.5);
            Label(text, Alignment.MiddleCenter, bold: false);
            empty.Axes.SetLimits(0, 1, 0, 1);
            empty.HideAxesAndGrid();
            return new PanelFigure(data.Title, [empty], 1, []);
        }
        int columns = ColumnsFor(compared.Count);
        var plots = new List<Plot>();
        foreach (var panel in compared)
        {
            plots.Add(BuildPanel(panel, columns));
        }
        FigureLegendEntry[] legend =
        [
            new(RangeLabel, ChartPalette.Bands[1], LegendKind.Band),
            new(MedianLabel, ChartPalette.Median, LegendKind.Tick),
            new(MeanLabel, ChartPalette.Vermillion, LegendKind.Diamond),
        ];
        return new PanelFigure(data.Title, plots, columns, legend);
    }

    private static Plot BuildPanel(ComparisonPanel panel, int columns)
    {
        // The row labels take the left of the panel (about 7.6 layout units a character), the plot area the rest.
        double panelWidth = ChartOptions.LayoutWidth / (double)columns;
        double rowLabels = panel.Runs.Max(r => RowLabel(panel, r).Length) * 7.6 + 30;
        double plotWidth = Math.Max(120, panelWidth - rowLabels - 20);
        var plot = ChartCanvas.NewPlot(PanelTitle(panel, plotWidth));
        plot.Axes.Title.Label.FontSize = ChartCanvas.AxisLabelSize;
        plot.Axes.Title.FullFigureCenter = false;
        string Money(double v) => Formats.Money(v, panel.Currency);
        int n = panel.Runs.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var ranges = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var run = panel.Runs[i];
            double y = n - i;
            ticks.AddMajor(y, RowLabel(panel, run));
            if (!run.IsBase)
            {
                ranges.Add(new Bar { Position = y, ValueBase = run.P10, Value = run.P90, Size = 0.6, FillColor = ChartPalette.Bands[1], LineWidth = 0 });
            }
        }
        var zero = plot.Add.VerticalLine(0, 1.5f, ChartPalette.Ink.WithAlpha(0.8));
        zero.ExcludeFromLegend = true;
        var bars = plot.Add.Bars(ranges);
        bars.Horizontal = true;
        bars.Color = ChartPalette.Bands[1];
        bars.LegendText = RangeLabel;
        var baseMark = plot.Add.Marker(0, n, MarkerShape.FilledCircle, 9, ChartPalette.Ink);
        baseMark.LegendText = "";
        int longest = 0;
        for (int i = 0; i < n; i++)
        {
            var run = panel.Runs[i];
            double y = n - i;
            string text = run.IsBase ? "zero by definition" : $"mean {Money(run.Mean)}";
            longest = Math.Max(longest, text.Length);
            var label = plot.Add.Text(text, run.IsBase ? 0 : Math.Max(run.P90, run.Mean), y);
            Label(label, Alignment.MiddleLeft, bold: !run.IsBase);
            label.OffsetX = 8;
            if (run.IsBase)
            {
                continue;
            }
            var median = plot.Add.Line(run.P50, y - 0.32, run.P50, y + 0.32);
            median.LineWidth = 3;
            median.LineColor = ChartPalette.Median;
            median.MarkerSize = 0;
            median.LegendText = "";
            var mean = plot.Add.Marker(run.Mean, y, MarkerShape.FilledDiamond, 11, ChartPalette.Vermillion);
            mean.LegendText = "";
        }

        // Zero, every range and every mean on the axis, with room on the right for the value labels: their width
        // (about 8 layout units a character) as a share of the plot's width, once the row labels are taken off.
        var values = panel.Runs.SelectMany(r => new[] { r.P10, r.P90, r.Mean }).Append(0).ToArray();
        double low = values.Min();
        double high = values.Max();
        double span = Math.Max(Math.Max(1000, Math.Abs(panel.BaseNpvP50) * 0.01), high - low);
        double share = Math.Min(0.6, (longest * 8 + 14) / plotWidth);
        double left = low - span * 0.04;
        double right = left + (high - left) / (1 - share);
        plot.Axes.SetLimits(left, right, 0.4, n + 0.6);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontSize = ChartCanvas.LegendSize;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        ChartCanvas.MoneyAxis(plot.Axes.Bottom, panel.Currency);
        plot.XLabel(ChartCanvas.MoneyLabel("NPV change from the base", panel.Currency, panel.PriceBase));
        plot.Axes.Bottom.Label.FontSize = ChartCanvas.LegendSize;
        plot.HideLegend();
        return plot;
    }

    private static void Label(ScottPlot.Plottables.Text text, Alignment alignment, bool bold)
    {
        text.LabelFontSize = ChartCanvas.LegendSize;
        text.LabelFontName = ChartFont.Family;
        text.LabelBold = bold;
        text.LabelFontColor = ChartPalette.Ink;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        text.LabelAlignment = alignment;
    }

    /// <summary>Renders the figure with its footer as PNG bytes.</summary>
    public static byte[] Png(ComparisonChartData data, string footer, ChartOptions options)
    {
        using var figure = Build(data);
        return ChartCanvas.Png(figure, footer, options);
    }
}
