using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Text;
using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="TornadoData"/>: horizontal bars, largest at the top, to the right when a higher value raises
/// NPV and to the left when it lowers it, with the rest summed in grey at the bottom.
/// </summary>
public static class TornadoChart
{
    /// <summary>Legend text of bars that raise NPV (variance view).</summary>
    public const string RaisesLabel = "Higher value (or the event happening) raises NPV";

    /// <summary>Legend text of bars that lower NPV (variance view).</summary>
    public const string LowersLabel = "Higher value (or the event happening) lowers NPV";

    /// <summary>Legend text of the low ends of the swing view.</summary>
    public const string LowEndLabel = "Lowest 10% of the input, or no";

    /// <summary>Legend text of the high ends of the swing view.</summary>
    public const string HighEndLabel = "Highest 10% of the input, or yes";

    /// <summary>The text at one end of a swing bar: the mean NPV, after "yes" or "no" on a yes/no bar.</summary>
    public static string EndLabel(TornadoBar bar, bool high, string currency)
    {
        string money = Formats.Money(high ? bar.NpvHigh : bar.NpvLow, currency);
        return bar.IsYesNo ? (high ? "yes " : "no ") + money : money;
    }

    // Swing view: each bar runs from the mean NPV of its low (or "no") trials to that of its high (or "yes")
    // trials, split at the mean NPV of all trials, with the amounts written at both ends.
    private static Plot BuildSwing(TornadoData data)
    {
        var bars = data.Bars;
        float tickWidth = bars.Count == 0 ? 0 : bars.Max(b => TextWidth(b.Label, ChartCanvas.TickSize));
        double width = Math.Max(200, ChartOptions.LayoutWidth - tickWidth - 50);
        // The title is centred over the bars: the grouping is dropped from it when the whole would not fit.
        var plot = ChartCanvas.NewPlot(TextWidth(data.Title, ChartCanvas.TitleSize) <= width ? data.Title : TornadoData.SwingTitle);
        int n = bars.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var lows = new List<Bar>();
        var highs = new List<Bar>();
        double baseNpv = data.BaseNpv;
        double min = baseNpv, max = baseNpv;
        foreach (var bar in bars)
        {
            min = Math.Min(min, Math.Min(bar.NpvLow, bar.NpvHigh));
            max = Math.Max(max, Math.Max(bar.NpvLow, bar.NpvHigh));
        }
        for (int i = 0; i < n; i++)
        {
            var bar = bars[i];
            double y = n - i;
            lows.Add(new Bar { Position = y, ValueBase = baseNpv, Value = bar.NpvLow, Size = 0.7, FillColor = ChartPalette.Orange, LineWidth = 0, Orientation = Orientation.Horizontal });
            highs.Add(new Bar { Position = y, ValueBase = baseNpv, Value = bar.NpvHigh, Size = 0.7, FillColor = ChartPalette.Blue, LineWidth = 0, Orientation = Orientation.Horizontal });
            ticks.AddMajor(y, bar.Label);
            bool highOnRight = bar.NpvHigh >= bar.NpvLow;
            AddEndLabel(plot, EndLabel(bar, high: false, data.Currency), bar.NpvLow, y, right: !highOnRight);
            AddEndLabel(plot, EndLabel(bar, high: true, data.Currency), bar.NpvHigh, y, right: highOnRight);
        }
        AddSwingBars(plot, lows, ChartPalette.Orange, LowEndLabel);
        AddSwingBars(plot, highs, ChartPalette.Blue, HighEndLabel);
        var centre = plot.Add.VerticalLine(baseNpv, 1.2f, ChartPalette.Ink);
        centre.LegendText = $"Mean NPV of all trials, {Formats.Money(baseNpv, data.Currency)}";

        // Room on both sides for the end labels: the widest label's share of the plot's width, in money.
        double span = Math.Max(max - min, Math.Max(1, Math.Abs(baseNpv) * 0.01));
        float endWidth = bars.Count == 0 ? 0 : bars.Max(b => Math.Max(TextWidth(EndLabel(b, false, data.Currency), ChartCanvas.LegendSize),
            TextWidth(EndLabel(b, true, data.Currency), ChartCanvas.LegendSize))) + 10;
        double room = Math.Max(width * 0.3, width - 2 * endWidth);
        double pad = endWidth * span / room;
        plot.Axes.SetLimits(min - pad, max + pad, 0.4, n + 0.6);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        ChartCanvas.MoneyAxis(plot.Axes.Bottom, data.Currency);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        // Inputs not drawn are counted under the axis when the words fit the plot's width.
        string label = ChartCanvas.MoneyLabel("Mean NPV of the trials at each end", data.Currency, data.PriceBase);
        if (data.Omitted > 0)
        {
            string more = $"{label} ({data.Omitted} more inputs, each {Formats.Money(Math.Max(data.LargestOmittedSwing, 1), data.Currency)} or less)";
            string shorter = $"{label} ({data.Omitted} more not shown)";
            label = TextWidth(more, ChartCanvas.AxisLabelSize) <= width ? more
                : TextWidth(shorter, ChartCanvas.AxisLabelSize) <= width ? shorter : label;
        }
        plot.XLabel(label);
        ChartCanvas.LegendBelow(plot);
        return plot;
    }

    /// <summary>Width of text in the chart font, in layout units.</summary>
    internal static float TextWidth(string text, float size)
    {
        using var font = new SkiaSharp.SKFont(Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false), size);
        return font.MeasureText(text);
    }

    private static void AddSwingBars(Plot plot, List<Bar> bars, Color color, string label)
    {
        if (bars.Count == 0)
        {
            return;
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.Color = color;
        plottable.LegendText = label;
    }

    private static void AddEndLabel(Plot plot, string text, double x, double y, bool right)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = ChartCanvas.LegendSize;
        label.LabelFontName = ChartFont.Family;
        label.LabelFontColor = ChartPalette.Ink;
        label.LabelAlignment = right ? Alignment.MiddleLeft : Alignment.MiddleRight;
        label.OffsetX = right ? 4 : -4;
    }

    /// <summary>The bars in drawing order, top first: the data's bars, then the rest bar.</summary>
    public static IReadOnlyList<TornadoBar> DrawnBars(TornadoData data) =>
        data.Rest is { } rest ? [.. data.Bars, rest] : data.Bars;

    /// <summary>Builds the plot (not yet rendered).</summary>
    public static Plot Build(TornadoData data)
    {
        if (data.View == TornadoView.Swing)
        {
            return BuildSwing(data);
        }
        var plot = ChartCanvas.NewPlot(data.Title);
        var drawn = DrawnBars(data);
        int n = drawn.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var raises = new List<Bar>();
        var lowers = new List<Bar>();
        var rest = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var bar = drawn[i];
            double y = n - i;
            bool isRest = data.Rest is not null && i == n - 1;
            var color = isRest ? ChartPalette.LightGrey : bar.Direction < 0 ? ChartPalette.Vermillion : ChartPalette.Blue;
            var b = new Bar
            {
                Position = y,
                Value = bar.SignedShare * 100,
                Size = 0.7,
                FillColor = color,
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
                Label = Formats.Share(bar.Share),
            };
            (isRest ? rest : bar.Direction < 0 ? lowers : raises).Add(b);
            ticks.AddMajor(y, bar.Label);
        }
        ChartCanvas.AddHorizontalBars(plot, raises, ChartPalette.Blue, RaisesLabel);
        ChartCanvas.AddHorizontalBars(plot, lowers, ChartPalette.Vermillion, LowersLabel);
        ChartCanvas.AddHorizontalBars(plot, rest, ChartPalette.LightGrey, "All other inputs together");

        var zero = plot.Add.VerticalLine(0, 1.2f, ChartPalette.Ink);
        zero.ExcludeFromLegend = true;

        double extent = Math.Max(1, drawn.Count == 0 ? 1 : drawn.Max(b => b.Share) * 100) * 1.3;
        plot.Axes.SetLimits(-extent, extent, 0.4, n + 0.6);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => Math.Abs(v).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        };
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.XLabel("Share of NPV variance (squared rank correlation)");
        ChartCanvas.LegendBelow(plot);
        return plot;
    }
}
