using RiskSim.Charts.Data;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="ConvergenceChartData"/>: one small panel per watched figure of a precision run, the figure at each
/// checkpoint (a line with markers) and its 95% interval (a vertical bar) narrowing as trials run.
/// </summary>
public static class ConvergenceChart
{
    /// <summary>Legend text of the interval bars.</summary>
    public const string IntervalLabel = "95% Monte Carlo interval";

    /// <summary>Legend text of the figure's line.</summary>
    public const string FigureLabel = "Figure from the trials so far";

    /// <summary>Builds the figure (not yet rendered).</summary>
    public static PanelFigure Build(ConvergenceChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int columns = data.Series.Count <= 2 ? data.Series.Count : 2;
        double[] xs = [.. Enumerable.Range(1, data.Trials.Count).Select(i => (double)i)];
        var plots = new List<Plot>();
        foreach (var series in data.Series)
        {
            var plot = ChartCanvas.NewPlot(series.Title);
            plot.Axes.Title.Label.FontSize = ChartCanvas.AxisLabelSize;
            plot.Axes.Title.FullFigureCenter = false;
            double scale = series.IsMoney ? 1 : 100;
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int i = 0; i < xs.Length; i++)
            {
                if (double.IsNaN(series.Low[i]) || double.IsNaN(series.High[i]))
                {
                    continue;
                }
                var bar = plot.Add.Line(xs[i], series.Low[i] * scale, xs[i], series.High[i] * scale);
                bar.LineWidth = 9;
                bar.LineColor = ChartPalette.SkyBlue;
                low = Math.Min(low, series.Low[i] * scale);
                high = Math.Max(high, series.High[i] * scale);
            }
            var points = Enumerable.Range(0, xs.Length).Where(i => !double.IsNaN(series.Value[i])).ToArray();
            var line = plot.Add.Scatter(points.Select(i => xs[i]).ToArray(), points.Select(i => series.Value[i] * scale).ToArray(), ChartPalette.Median);
            line.LineWidth = 2;
            line.MarkerSize = 7;

            // Checkpoint labels thinned to what a panel's width holds (about 55 layout units each).
            int most = Math.Max(2, (int)((ChartOptions.LayoutWidth / (double)columns - 90) / 55));
            int step = Math.Max(1, (int)Math.Ceiling(xs.Length / (double)most));
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int i = 0; i < xs.Length; i += step)
            {
                ticks.AddMajor(xs[i], data.TrialLabels[i]);
            }
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.Bottom.Label.Text = "Trials run";
            if (series.IsMoney)
            {
                ChartCanvas.MoneyAxis(plot.Axes.Left, data.Currency);
            }
            else
            {
                plot.Axes.Left.Label.Text = "Chance, %";
            }
            if (double.IsFinite(low) && double.IsFinite(high))
            {
                double pad = Math.Max((high - low) * 0.12, Math.Max(1e-9, Math.Abs(high)) * 1e-3);
                plot.Axes.SetLimits(0.5, xs.Length + 0.5, low - pad, high + pad);
            }
            plots.Add(plot);
        }
        FigureLegendEntry[] legend =
        [
            new(IntervalLabel, ChartPalette.SkyBlue, LegendKind.Band),
            new(FigureLabel, ChartPalette.Median, LegendKind.Line),
        ];
        return new PanelFigure(data.Title, plots, columns, legend);
    }
}
