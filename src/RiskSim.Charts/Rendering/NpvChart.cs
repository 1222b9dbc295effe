using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>Draws <see cref="NpvChartData"/>: histogram, S-curve on a second axis, P10/P50/P90 marked and labelled.</summary>
public static class NpvChart
{
    /// <summary>Room above the tallest bar for the percentile labels, as a multiple of its height.</summary>
    private const double Headroom = 1.42;

    /// <summary>Builds the plot (not yet rendered).</summary>
    public static Plot Build(NpvChartData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        string Money(double v) => Formats.Money(v, data.Currency);

        var bars = data.Bins.Select(b => new Bar
        {
            Position = (b.Low + b.High) / 2,
            Value = b.Probability * 100,
            Size = (b.High - b.Low) * 0.92,
            FillColor = ChartPalette.SkyBlue,
            LineWidth = 0,
        }).ToArray();
        var histogram = plot.Add.Bars(bars);
        histogram.LegendText = "Share of trials (left axis)";
        histogram.Color = ChartPalette.SkyBlue;

        double top = Math.Max(1e-9, data.Bins.Max(b => b.Probability) * 100) * Headroom;
        double left = data.Bins[0].Low;
        double right = data.Bins[^1].High;

        if (left < 0 && right > 0)
        {
            var zero = plot.Add.VerticalLine(0, 1.5f, ChartPalette.Ink.WithAlpha(0.8));
            zero.LegendText = $"Break-even: {Formats.Chance(data.ProbabilityNegative)} of trials below zero";
        }
        if (data.PlanNpv >= left && data.PlanNpv <= right)
        {
            var plan = plot.Add.VerticalLine(data.PlanNpv, 2, ChartPalette.Vermillion, LinePattern.Dashed);
            plan.LegendText = $"Plan (most likely inputs): {Money(data.PlanNpv)}";
        }

        TwoOutcomeLines.AddToNpv(plot, data.Split);

        // S-curve on the right axis, 0–100%, with the same headroom as the bars so labels stay clear of it.
        var curve = plot.Add.Scatter(data.CurveValues.ToArray(), data.CurveProbabilities.Select(p => p * 100).ToArray(), ChartPalette.Median);
        curve.LineWidth = 2.5f;
        curve.MarkerSize = 0;
        curve.LegendText = "Cumulative probability (right axis)";
        curve.Axes.YAxis = plot.Axes.Right;

        // P10 / P50 / P90: a line each; the outer labels sit outside their lines (inside near an edge) on one
        // row and the middle one on a lower row, so neighbours never overlap.
        for (int i = 0; i < data.Marks.Count; i++)
        {
            var mark = data.Marks[i];
            var line = plot.Add.VerticalLine(mark.Value, 1.5f, ChartPalette.Ink, LinePattern.Dotted);
            line.ExcludeFromLegend = true;
            var dot = plot.Add.Marker(mark.Value, mark.Probability * 100, MarkerShape.FilledCircle, 9, ChartPalette.Ink);
            dot.Axes.YAxis = plot.Axes.Right;
            dot.LegendText = "";
            bool middle = data.Marks.Count == 3 && i == 1;
            double position = (mark.Value - left) / Math.Max(1e-9, right - left);
            Alignment alignment = middle ? Alignment.UpperCenter
                : position > 0.84 ? Alignment.UpperRight
                : position < 0.16 ? Alignment.UpperLeft
                : i == 0 ? Alignment.UpperRight : Alignment.UpperLeft;
            var text = plot.Add.Text($"{mark.Label} {Money(mark.Value)}", mark.Value, top * (middle ? 0.80 : 0.93));
            text.LabelFontSize = ChartCanvas.LegendSize + 1;
            text.LabelFontName = ChartFont.Family;
            text.LabelBold = true;
            text.LabelFontColor = ChartPalette.Ink;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            text.LabelAlignment = alignment;
            text.OffsetX = alignment == Alignment.UpperRight ? -4 : alignment == Alignment.UpperLeft ? 4 : 0;
        }

        ChartCanvas.MoneyAxis(plot.Axes.Bottom, data.Currency);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Formats.Percent(v / 100, "0.#") };
        var rightTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int p in new[] { 0, 25, 50, 75, 100 })
        {
            rightTicks.AddMajor(p, p.ToString(CultureInfo.InvariantCulture) + "%");
        }
        plot.Axes.Right.TickGenerator = rightTicks;
        double pad = (right - left) * 0.02;
        plot.Axes.SetLimitsX(left - pad, right + pad);
        plot.Axes.SetLimitsY(0, top, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 100 * Headroom, plot.Axes.Right);
        plot.XLabel($"Net present value, middle 99% of trials ({ChartCanvas.MoneyUnit(data.Currency, data.PriceBase)})");
        plot.YLabel("Share of trials");
        plot.Axes.Right.Label.Text = "Chance NPV is at most this";
        plot.Axes.Right.Label.FontSize = ChartCanvas.AxisLabelSize;
        plot.Axes.Right.Label.Bold = false;
        plot.Axes.Right.TickLabelStyle.FontSize = ChartCanvas.TickSize;
        ChartCanvas.LegendBelow(plot);
        return plot;
    }
}
