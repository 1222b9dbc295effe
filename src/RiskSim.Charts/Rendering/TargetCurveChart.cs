using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="TargetCurveData"/>: each S-curve of cumulative net savings at the target year, the target as a dashed
/// line and the amounts reached with 80%, 90% and 95% confidence marked and labelled.
/// </summary>
public static class TargetCurveChart
{
    private static readonly Color[] CurveColours =
        [ChartPalette.Median, ChartPalette.Orange, ChartPalette.BluishGreen, ChartPalette.ReddishPurple, ChartPalette.SkyBlue, ChartPalette.Grey];

    /// <summary>Builds the plot (not yet rendered).</summary>
    public static Plot Build(TargetCurveData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        string Money(double v) => Formats.Money(v, data.Currency);
        double left = data.Curves.Min(c => c.Values[0]);
        double right = data.Curves.Max(c => c.Values[^1]);
        if (data.Target is double t)
        {
            left = Math.Min(left, t);
            right = Math.Max(right, t);
        }
        if (!(right > left))
        {
            double half = Math.Max(1, Math.Abs(left) * 0.01);
            (left, right) = (left - half, right + half);
        }

        for (int i = 0; i < data.Curves.Count; i++)
        {
            var c = data.Curves[i];
            var colour = CurveColours[i % CurveColours.Length];
            var curve = plot.Add.Scatter(c.Values.ToArray(), c.Probabilities.Select(p => p * 100).ToArray(), colour);
            curve.LineWidth = i == 0 ? 3f : 2.2f;
            curve.LinePattern = i == 0 ? LinePattern.Solid : LinePattern.Dashed;
            curve.MarkerSize = 0;
            curve.LegendText = data.Curves.Count == 1
                ? "Chance cumulative net savings are at most this amount"
                : c.Label + (c.ChanceOfTarget is double chance ? $": {Formats.Chance(chance)} chance of the target" : "");
        }
        if (data.Target is double tv)
        {
            var line = plot.Add.VerticalLine(tv, 2, ChartPalette.Vermillion, LinePattern.Dashed);
            string chance = Formats.Chance(data.Curves[0].ChanceOfTarget ?? 1 - TargetCurveData.ChanceAtMost(data.Curves[0], tv));
            line.LegendText = data.Curves.Count == 1 ? $"Target {Money(tv)}: {chance} chance of meeting it" : $"Target {Money(tv)}";
        }
        // Each confidence level: a dot on the first curve, a dotted guide to the axis and a label to its left.
        foreach (var mark in data.Marks)
        {
            var guide = plot.Add.Line(left - (right - left), mark.Probability * 100, mark.Value, mark.Probability * 100);
            guide.LineColor = ChartPalette.Grey;
            guide.LinePattern = LinePattern.Dotted;
            guide.LineWidth = 1.2f;
            guide.LegendText = "";
            var dot = plot.Add.Marker(mark.Value, mark.Probability * 100, MarkerShape.FilledCircle, 9, ChartPalette.Ink);
            dot.LegendText = "";
            var text = plot.Add.Text(mark.Label, mark.Value, mark.Probability * 100);
            text.LabelFontSize = ChartCanvas.LegendSize;
            text.LabelFontName = ChartFont.Family;
            text.LabelBold = true;
            text.LabelFontColor = ChartPalette.Ink;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            // Labels go right of their dot, or left of it in the right part of the chart so they stay inside.
            bool rightSide = (mark.Value - left) / (right - left) > 0.55;
            text.LabelAlignment = rightSide ? Alignment.MiddleRight : Alignment.MiddleLeft;
            text.OffsetX = rightSide ? -8 : 8;
        }

        ChartCanvas.MoneyAxis(plot.Axes.Bottom, data.Currency);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int p in new[] { 0, 5, 10, 20, 25, 50, 75, 100 })
        {
            ticks.AddMajor(p, p.ToString(CultureInfo.InvariantCulture) + "%");
        }
        plot.Axes.Left.TickGenerator = ticks;
        double pad = (right - left) * 0.03;
        plot.Axes.SetLimitsX(left - pad, right + pad);
        plot.Axes.SetLimitsY(0, 100);
        plot.XLabel($"Cumulative net savings by the target year, middle 99% of trials ({ChartCanvas.MoneyUnit(data.Currency, data.PriceBase)})");
        plot.YLabel("Chance of at most this amount");
        ChartCanvas.LegendBelow(plot);
        return plot;
    }
}
