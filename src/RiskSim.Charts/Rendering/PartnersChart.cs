using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="PartnerExposureData"/>: per partner that may withdraw, the NPV forgone if it leaves (median NPV of
/// the trials in which it stays less that of the trials in which it leaves), labelled with its chance of leaving.
/// </summary>
public static class PartnersChart
{
    /// <summary>Legend text of the bars.</summary>
    public const string ForgoneLabel = "NPV forgone if the partner leaves (median)";

    /// <summary>The label of a partner's bar: "NPV forgone if Cherwell leaves" above "a 12% chance it leaves".</summary>
    public static string BarLabel(PartnerExposureBar partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return $"NPV forgone if {InputLabels.Shorten(partner.Name)} leaves\n{Formats.AChance(partner.ProbabilityOfExit)} chance it leaves";
    }

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
        var forgone = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var p = data.Partners[i];
            double y = n - i;
            string label = double.IsNaN(p.MedianCost) ? "never or always leaves" : Money(p.MedianCost);
            forgone.Add(new Bar
            {
                Position = y,
                Value = double.IsNaN(p.MedianCost) ? 0 : p.MedianCost,
                Size = 0.55,
                FillColor = ChartPalette.Vermillion,
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
                Label = label,
            });
            ticks.AddMajor(y, BarLabel(p));
        }
        ChartCanvas.AddHorizontalBars(plot, forgone, ChartPalette.Vermillion, ForgoneLabel);
        var zero = plot.Add.VerticalLine(0, 1.2f, ChartPalette.Ink.WithAlpha(0.7));
        zero.ExcludeFromLegend = true;

        var values = data.Partners.Select(p => p.MedianCost).Where(v => !double.IsNaN(v)).Append(0).ToArray();
        double low = values.Min();
        double high = values.Max();
        double span = Math.Max(1, high - low);
        // Room beyond each bar's end for its value label.
        plot.Axes.SetLimits(low - span * (low < 0 ? 0.2 : 0.02), high + span * 0.2, 0.4, n + 0.6);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        ChartCanvas.MoneyAxis(plot.Axes.Bottom, data.Currency);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.XLabel(ChartCanvas.MoneyLabel("NPV forgone if the partner leaves", data.Currency, data.PriceBase));
        plot.HideLegend();
        return plot;
    }
}
