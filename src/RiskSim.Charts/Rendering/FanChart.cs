using RiskSim.Charts.Data;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="FanChartData"/>: cumulative savings as a continuous fan (<see cref="Build"/>), annual savings
/// as one column of nested bands per year with the mean and P90 of the year's costs below zero (<see cref="BuildAnnual"/>).
/// </summary>
public static class FanChart
{
    /// <summary>Most year labels shown on the x axis before they are thinned out.</summary>
    public const int MaxYearLabels = 12;

    /// <summary>Legend text of the median line.</summary>
    public const string MedianLabel = "Median (P50)";

    /// <summary>Legend text of the plan line.</summary>
    public const string PlanLabel = "Plan (most likely inputs)";

    /// <summary>Legend text of the bars of each year's mean costs on the annual chart.</summary>
    public const string CostMeanLabel = "Costs in the year: mean";

    /// <summary>Legend text of the bars of each year's P90 costs on the annual chart.</summary>
    public const string CostP90Label = "Costs in the year: P90";

    /// <summary>Builds the cumulative fan chart (not yet rendered).</summary>
    public static Plot Build(FanChartData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        double[] xs = Xs(data);
        for (int i = 0; i < data.Bands.Count; i++)
        {
            var band = data.Bands[i];
            var fill = plot.Add.FillY(xs, [.. band.Low], [.. band.High]);
            fill.FillColor = ChartPalette.Bands[i];
            fill.LineWidth = 0;
            fill.LegendText = band.Label;
        }
        AddZeroLine(plot);
        var median = plot.Add.Scatter(xs, data.Median.ToArray(), ChartPalette.Median);
        median.LineWidth = 2.5f;
        median.MarkerSize = 6;
        median.LegendText = MedianLabel;
        TwoOutcomeLines.AddToFan(plot, xs, data.Split);
        AddPlan(plot, xs, data);
        if (data.Target is { } target)
        {
            var line = plot.Add.HorizontalLine(target.Amount, 1.5f, ChartPalette.Ink, LinePattern.Dotted);
            line.ExcludeFromLegend = true;
            var mark = plot.Add.Marker(target.Year, target.Amount, MarkerShape.FilledDiamond, 13, ChartPalette.Ink);
            mark.LegendText = target.Label;
        }
        Finish(plot, data, "Financial year (cumulative to the year end)", "Cumulative net savings");
        return plot;
    }

    /// <summary>Builds the annual chart (not yet rendered).</summary>
    public static Plot BuildAnnual(FanChartData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        double[] xs = Xs(data);
        const double column = 0.42;
        const double shift = -0.1;
        for (int i = 0; i < data.Bands.Count; i++)
        {
            var band = data.Bands[i];
            var bars = xs.Select((x, t) => new Bar
            {
                Position = x + shift,
                ValueBase = band.Low[t],
                Value = band.High[t],
                Size = column,
                FillColor = ChartPalette.Bands[i],
                LineWidth = 0,
            }).ToArray();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = band.Label;
            plottable.Color = ChartPalette.Bands[i];
        }
        if (data.Costs is { } costs)
        {
            // Costs below zero beside each column: P90 wide and light behind, the mean narrow and dark in front,
            // so a rare large cost (high mean, low median) shows even where the P90 is small, and the other way round.
            double position = shift + column / 2 + 0.12;
            AddCostBars(plot, xs, position, 0.16, costs.P90, ChartPalette.CostP90, CostP90Label);
            AddCostBars(plot, xs, position, 0.07, costs.Mean, ChartPalette.CostMean, CostMeanLabel);
        }
        AddZeroLine(plot);
        for (int t = 0; t < xs.Length; t++)
        {
            var line = plot.Add.Line(xs[t] + shift - column / 2, data.Median[t], xs[t] + shift + column / 2, data.Median[t]);
            line.LineWidth = 3;
            line.LineColor = ChartPalette.Median;
            line.MarkerSize = 0;
            line.LegendText = t == 0 ? MedianLabel : "";
        }
        var plan = plot.Add.Markers(xs.Select(x => x + shift).ToArray(), data.Plan.ToArray(), MarkerShape.FilledDiamond, 11, ChartPalette.Vermillion);
        plan.LegendText = PlanLabel;
        Finish(plot, data, "Financial year", "Net savings in the year");
        return plot;
    }

    private static void AddCostBars(Plot plot, double[] xs, double shift, double size, IReadOnlyList<double> costs, Color colour, string label)
    {
        var bars = xs.Select((x, i) => new Bar
        {
            Position = x + shift,
            Value = -costs[i],
            Size = size,
            FillColor = colour,
            LineWidth = 0,
        }).ToArray();
        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = label;
        plottable.Color = colour;
    }

    private static double[] Xs(FanChartData data) => [.. data.Years.Select(y => (double)y)];

    private static void AddZeroLine(Plot plot)
    {
        var zero = plot.Add.HorizontalLine(0, 1.2f, ChartPalette.Ink.WithAlpha(0.7));
        zero.ExcludeFromLegend = true;
    }

    private static void AddPlan(Plot plot, double[] xs, FanChartData data)
    {
        var plan = plot.Add.Scatter(xs, data.Plan.ToArray(), ChartPalette.Vermillion);
        plan.LineWidth = 2;
        plan.LinePattern = LinePattern.Dashed;
        plan.MarkerSize = 0;
        plan.LegendText = PlanLabel;
    }

    private static void Finish(Plot plot, FanChartData data, string xLabel, string yLabel)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int step = Math.Max(1, (int)Math.Ceiling(data.Years.Count / (double)MaxYearLabels));
        for (int i = 0; i < data.Years.Count; i += step)
        {
            ticks.AddMajor(data.Years[i], data.YearLabels[i]);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        ChartCanvas.MoneyAxis(plot.Axes.Left, data.Currency);
        plot.Axes.SetLimitsX(0.5, data.Years.Count + 0.5);
        plot.XLabel(xLabel);
        plot.YLabel(ChartCanvas.MoneyLabel(yLabel, data.Currency, data.PriceBase, twoLines: true));
        ChartCanvas.LegendBelow(plot);
    }
}
