using RiskSim.Charts.Data;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>Draws the two groups' medians of a result that falls into two, on the fan and NPV charts.</summary>
public static class TwoOutcomeLines
{
    /// <summary>Colour of the median when the event does not happen (the partner stays, the risk does not occur).</summary>
    public static readonly Color NoColour = ChartPalette.BluishGreen;

    /// <summary>Colour of the median when the event happens.</summary>
    public static readonly Color YesColour = ChartPalette.ReddishPurple;

    /// <summary>Adds each group's median by year as a dotted line (nothing when <paramref name="split"/> is null).</summary>
    public static void AddToFan(Plot plot, double[] xs, ConditionalMedians? split)
    {
        if (split is null)
        {
            return;
        }
        // The higher line is named above its last point, the lower one below, so the two names never meet.
        bool noHigher = split.No[^1] >= split.Yes[^1];
        AddLine(plot, xs, split.No, NoColour, split.NoLabel, MarkerShape.FilledSquare, above: noHigher);
        AddLine(plot, xs, split.Yes, YesColour, split.YesLabel, MarkerShape.FilledTriangleDown, above: !noHigher);
    }

    /// <summary>Adds each group's median NPV as a vertical line (nothing when <paramref name="split"/> is null).</summary>
    public static void AddToNpv(Plot plot, ConditionalMedians? split)
    {
        if (split is null)
        {
            return;
        }
        var no = plot.Add.VerticalLine(split.No[0], 2, NoColour, LinePattern.DenselyDashed);
        no.LegendText = split.NoLabel;
        var yes = plot.Add.VerticalLine(split.Yes[0], 2, YesColour, LinePattern.DenselyDashed);
        yes.LegendText = split.YesLabel;
    }

    // A dashed line named at its last point rather than in the legend, which has no room for two more entries.
    private static void AddLine(Plot plot, double[] xs, IReadOnlyList<double> ys, Color colour, string label, MarkerShape shape, bool above)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray(), colour);
        line.LineWidth = 2;
        line.LinePattern = LinePattern.DenselyDashed;
        line.MarkerSize = 6;
        line.MarkerShape = shape;
        line.LegendText = "";
        var text = plot.Add.Text(label, xs[^1], ys[^1]);
        text.LabelFontSize = ChartCanvas.LegendSize;
        text.LabelFontName = ChartFont.Family;
        text.LabelBold = true;
        text.LabelFontColor = colour;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        text.LabelAlignment = above ? Alignment.LowerRight : Alignment.UpperRight;
        text.OffsetY = above ? -6 : 6;
    }
}
