using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>Draws <see cref="ScatterData"/>: a dot per trial, NPV against the driver, coloured by the partner's exit.</summary>
public static class ScatterChart
{
    /// <summary>Builds the plot (not yet rendered).</summary>
    public static Plot Build(ScatterData data)
    {
        var plot = ChartCanvas.NewPlot(data.Title);
        var stays = new List<(double X, double Y)>();
        var leaves = new List<(double X, double Y)>();
        for (int i = 0; i < data.Values.Count; i++)
        {
            (data.Left[i] ? leaves : stays).Add((data.Values[i], data.Npv[i]));
        }
        AddPoints(plot, stays, ChartPalette.SkyBlue, data.PartnerName is { } p
            ? $"{p} stays ({Formats.Share((double)stays.Count / Math.Max(1, data.Values.Count))} of the {data.Values.Count.ToString("N0", CultureInfo.InvariantCulture)} trials shown)"
            : $"One trial ({data.Values.Count.ToString("N0", CultureInfo.InvariantCulture)} shown)");
        if (data.PartnerName is { } name)
        {
            AddPoints(plot, leaves, ChartPalette.Vermillion,
                $"{name} leaves within the horizon ({Formats.Share((double)leaves.Count / Math.Max(1, data.Values.Count))})");
        }
        if (data.IsMoney)
        {
            ChartCanvas.MoneyAxis(plot.Axes.Bottom, data.Currency);
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => data.Role == InputRole.SavingsLost ? Formats.Percent(v) : Formats.Number(v),
            };
        }
        ChartCanvas.MoneyAxis(plot.Axes.Left, data.Currency);
        plot.XLabel(data.InputLabel);
        plot.YLabel(ChartCanvas.MoneyLabel("NPV", data.Currency, data.PriceBase, twoLines: true));
        ChartCanvas.LegendBelow(plot);
        return plot;
    }

    private static void AddPoints(Plot plot, List<(double X, double Y)> points, Color color, string label)
    {
        if (points.Count == 0)
        {
            return;
        }
        var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 4, color.WithAlpha(0.55));
        markers.LegendText = label;
    }
}
