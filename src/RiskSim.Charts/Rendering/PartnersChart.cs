using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="PartnerExposureData"/>: per partner, the median NPV of the trials in which it stays and in
/// which it leaves, with its chance of leaving in the axis label and the whole run's median for reference.
/// </summary>
public static class PartnersChart
{
    /// <summary>Legend text of the "stays" bars.</summary>
    public const string StaysLabel = "Median NPV if the partner stays";

    /// <summary>Legend text of the "leaves" bars.</summary>
    public const string LeavesLabel = "Median NPV if the partner leaves";

    /// <summary>Builds the plot (not yet rendered); requires <see cref="PartnerExposureData.HasChart"/>.</summary>
    public static Plot Build(PartnerExposureData data)
    {
        if (!data.HasChart)
        {
            throw new ArgumentException("no partner has a withdrawal risk: there is nothing to draw", nameof(data));
        }
        var plot = ChartCanvas.NewPlot(data.Title);
        string Money(double v) => Formats.Money(v, data.Currency);
        int n = data.Partners.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var stays = new List<Bar>();
        var leaves = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var p = data.Partners[i];
            double y = n - i;
            if (!double.IsNaN(p.MedianNpvIfStays))
            {
                stays.Add(NewBar(y + 0.19, p.MedianNpvIfStays, ChartPalette.Blue, Money(p.MedianNpvIfStays)));
            }
            if (!double.IsNaN(p.MedianNpvIfLeaves))
            {
                leaves.Add(NewBar(y - 0.19, p.MedianNpvIfLeaves, ChartPalette.Vermillion, Money(p.MedianNpvIfLeaves)));
            }
            string chance = Formats.Share(p.ProbabilityOfExit).TrimEnd('%');
            ticks.AddMajor(y, $"{InputLabels.Shorten(p.Name)}\nleaves: {chance}% chance");
        }
        ChartCanvas.AddHorizontalBars(plot, stays, ChartPalette.Blue, StaysLabel);
        ChartCanvas.AddHorizontalBars(plot, leaves, ChartPalette.Vermillion, LeavesLabel);

        var median = plot.Add.VerticalLine(data.MedianNpv, 1.5f, ChartPalette.Ink, LinePattern.Dotted);
        median.LegendText = $"All trials: median {Money(data.MedianNpv)}";
        var zero = plot.Add.VerticalLine(0, 1.2f, ChartPalette.Ink.WithAlpha(0.7));
        zero.ExcludeFromLegend = true;

        var values = data.Partners.SelectMany(p => new[] { p.MedianNpvIfStays, p.MedianNpvIfLeaves })
            .Where(v => !double.IsNaN(v)).Append(data.MedianNpv).Append(0).ToArray();
        double low = values.Min();
        double high = values.Max();
        double span = Math.Max(1, high - low);
        plot.Axes.SetLimits(low - span * (low < 0 ? 0.22 : 0.02), high + span * 0.22, 0.45, n + 0.55);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        ChartCanvas.MoneyAxis(plot.Axes.Bottom, data.Currency);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.XLabel("Median NPV of the trials in which it stays or leaves");
        ChartCanvas.LegendBelow(plot);
        return plot;
    }

    private static Bar NewBar(double y, double value, Color color, string label) => new()
    {
        Position = y,
        Value = value,
        Size = 0.36,
        FillColor = color,
        LineWidth = 0,
        Orientation = Orientation.Horizontal,
        Label = label,
    };
}
