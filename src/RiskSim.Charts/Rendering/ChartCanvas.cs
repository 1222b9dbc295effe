using System.Globalization;
using System.Text;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using ScottPlot;
using SkiaSharp;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Creates plots in the house style and renders them, with a footer naming the run, to PNG or SVG.
/// </summary>
/// <remarks>
/// Every size in the chart code is in layout units of an 800 × 450 page; <see cref="ChartOptions.Scale"/> turns
/// them into pixels, so text keeps its printed size whatever the resolution. Rendering is deterministic: the
/// same data and options give the same bytes.
/// </remarks>
public static partial class ChartCanvas
{
    /// <summary>Height of the footer band in layout units.</summary>
    public const float FooterHeight = 24;

    /// <summary>Title size in layout units (about 10.5 pt when printed 16 cm wide).</summary>
    public const float TitleSize = 19;

    /// <summary>Axis-label size.</summary>
    public const float AxisLabelSize = 15;

    /// <summary>Tick-label size (about 8 pt printed).</summary>
    public const float TickSize = 14;

    /// <summary>Legend and annotation size.</summary>
    public const float LegendSize = 13;

    /// <summary>Footer size.</summary>
    public const float FooterSize = 12;

    /// <summary>A new plot with the shipped font, white background and house text sizes.</summary>
    public static Plot NewPlot(string title)
    {
        ChartFont.Register();
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.Title(title, TitleSize);
        plot.Axes.Title.Label.FontName = ChartFont.Family;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.ForeColor = ChartPalette.Ink;
        plot.Axes.Title.FullFigureCenter = true;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = AxisLabelSize;
            axis.Label.Bold = false;
            axis.Label.ForeColor = ChartPalette.Ink;
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = ChartPalette.Ink;
        }
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontName = ChartFont.Family;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.09);
        return plot;
    }

    /// <summary>Shows the legend below the plot, in rows, with a light frame and no shadow.</summary>
    public static void LegendBelow(Plot plot)
    {
        var panel = plot.ShowLegend(Edge.Bottom);
        var legend = panel.Legend;
        legend.FontSize = LegendSize;
        legend.FontName = ChartFont.Family;
        legend.Orientation = Orientation.Horizontal;
        legend.ShadowColor = Colors.Transparent;
        legend.OutlineColor = Color.FromHex("#C8C8C8");
        legend.SetBestFontOnEachRender = false;
    }

    /// <summary>Formats a money axis like £250k, £1.2m (ticks within a rounding error of zero show £0).</summary>
    public static void MoneyAxis(IAxis axis, string currency)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => Formats.Money(Math.Abs(v) < 1e-6 ? 0 : v, currency),
        };
    }

    /// <summary>
    /// The price base of a scenario's money: the first financial year's label ("2010/11") when the scenario gives its
    /// <c>start_year</c>, else null (money is then in today's prices of an unnamed year).
    /// </summary>
    public static string? PriceBase(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.StartYear is null ? null : scenario.YearLabel(1);
    }

    /// <summary>The unit of a money axis: "£, 2010/11 prices" with a price base, else just "£".</summary>
    public static string MoneyUnit(string currency, string? priceBase)
    {
        string symbol = Formats.CurrencySymbol(currency).Trim();
        return priceBase is null ? symbol : $"{symbol}, {priceBase} prices";
    }

    /// <summary>
    /// A money axis label: the quantity and, in brackets, its unit ("Net present value (£, 2010/11 prices)"), the
    /// unit on a second line when <paramref name="twoLines"/> (for a vertical axis, whose height is short).
    /// </summary>
    public static string MoneyLabel(string quantity, string currency, string? priceBase, bool twoLines = false) =>
        $"{quantity}{(twoLines ? "\n" : " ")}({MoneyUnit(currency, priceBase)})";

    /// <summary>Renders the plot and footer as PNG bytes of <see cref="ChartOptions.PixelWidth"/> × <see cref="ChartOptions.PixelHeight"/>.</summary>
    public static byte[] Png(Plot plot, string footer, ChartOptions options) => Png([(plot, 0f, 1f)], footer, options);

    /// <summary>
    /// Adds horizontal bars in one colour with a legend entry and value labels in the house style (nothing when
    /// <paramref name="bars"/> is empty).
    /// </summary>
    public static void AddHorizontalBars(Plot plot, List<Bar> bars, Color color, string label)
    {
        if (bars.Count == 0)
        {
            return;
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.Color = color;
        plottable.LegendText = label;
        plottable.ValueLabelStyle.FontSize = LegendSize;
        plottable.ValueLabelStyle.FontName = ChartFont.Family;
        plottable.ValueLabelStyle.ForeColor = ChartPalette.Ink;
        plottable.ValueLabelStyle.BackgroundColor = Colors.White.WithAlpha(0.8);
        foreach (var bar in plottable.Bars)
        {
            bar.FillColor = color;
        }
    }

    /// <summary>Renders plots side by side (each in its share of the width) above one footer, as PNG bytes.</summary>
    public static byte[] Png(IReadOnlyList<(Plot Plot, float From, float To)> panels, string footer, ChartOptions options) =>
        Png((canvas, width, height, scale) => Draw(canvas, panels, footer, width, height, scale), options);

    /// <summary>Renders the plot and footer as an SVG document of the same size as the PNG.</summary>
    /// <remarks>
    /// Skia's SVG canvas cannot write dash patterns (it draws such lines solid and prints a warning), so dashed and
    /// dotted lines are drawn solid in a colour of their own and given their <c>stroke-dasharray</c> afterwards.
    /// </remarks>
    public static string Svg(Plot plot, string footer, ChartOptions options) =>
        Svg([plot], (canvas, width, height, scale) => Draw(canvas, plot, footer, width, height, scale), options);

    /// <summary>Renders a figure of panels (<see cref="PanelFigure"/>) and footer as PNG bytes.</summary>
    public static byte[] Png(PanelFigure figure, string footer, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Png((canvas, width, height, scale) => DrawFigure(canvas, figure, footer, width, height, scale), options);
    }

    // One PNG surface for every kind of chart: the caller says what to draw on it.
    private static byte[] Png(Action<SKCanvas, int, int, float> draw, ChartOptions options)
    {
        int width = options.PixelWidth;
        int height = options.PixelHeight;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot create a {width} × {height} drawing surface");
        draw(surface.Canvas, width, height, (float)options.Scale);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Renders a figure of panels and footer as an SVG document of the same size as the PNG.</summary>
    public static string Svg(PanelFigure figure, string footer, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Svg(figure.Panels, (canvas, width, height, scale) => DrawFigure(canvas, figure, footer, width, height, scale), options);
    }

    private static string Svg(IReadOnlyList<Plot> plots, Action<SKCanvas, int, int, float> draw, ChartOptions options)
    {
        int width = options.PixelWidth;
        int height = options.PixelHeight;
        var dashed = new List<(IHasLine Line, Color Colour, LinePattern Pattern, string Stand)>();
        foreach (var line in plots.SelectMany(p => p.GetPlottables()).OfType<IHasLine>())
        {
            if (line.LinePattern.Intervals is { Length: > 0 })
            {
                // A stand-in colour no chart uses; Skia writes it as #FE01nn.
                var stand = new Color(0xFE, 0x01, (byte)(dashed.Count + 1), line.LineColor.Alpha);
                dashed.Add((line, line.LineColor, line.LinePattern, $"#FE01{dashed.Count + 1:X2}"));
                line.LineColor = stand;
                line.LinePattern = LinePattern.Solid;
            }
        }
        string svg;
        try
        {
            using var stream = new MemoryStream();
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            {
                draw(canvas, width, height, (float)options.Scale);
            }
            svg = Encoding.UTF8.GetString(stream.ToArray());
        }
        finally
        {
            foreach (var (line, colour, pattern, _) in dashed)
            {
                line.LineColor = colour;
                line.LinePattern = pattern;
            }
        }
        foreach (var (_, colour, pattern, stand) in dashed)
        {
            string dashes = string.Join(' ', pattern.Intervals.Select(v => v.ToString(CultureInfo.InvariantCulture)));
            svg = svg.Replace($"stroke=\"{stand}\"", $"stroke=\"#{colour.Red:X2}{colour.Green:X2}{colour.Blue:X2}\" stroke-dasharray=\"{dashes}\"",
                StringComparison.OrdinalIgnoreCase);
        }
        return NumberClipPaths(svg);
    }

    /// <summary>
    /// Skia numbers clip paths (<c>cl_N</c>) with a counter that runs on across the documents a process writes, so
    /// the same chart drawn twice in one process would differ; they are renumbered from 1 in order of appearance.
    /// </summary>
    internal static string NumberClipPaths(string svg)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!numbers.TryGetValue(m.Groups[2].Value, out int n))
            {
                n = numbers.Count + 1;
                numbers[m.Groups[2].Value] = n;
            }
            return $"{m.Groups[1].Value}cl_{n.ToString(CultureInfo.InvariantCulture)}{m.Groups[3].Value}";
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(id=""|url\(#)cl_([0-9a-f]+)(""|\))", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    private static void Draw(SKCanvas canvas, Plot plot, string footer, int width, int height, float scale) =>
        Draw(canvas, [(plot, 0, 1)], footer, width, height, scale);

    /// <summary>Draws plots side by side, each in its share [From, To) of the width, above one footer.</summary>
    private static void Draw(SKCanvas canvas, IReadOnlyList<(Plot Plot, float From, float To)> panels, string footer,
        int width, int height, float scale)
    {
        canvas.Clear(SKColors.White);
        float footerTop = height - FooterHeight * scale;
        foreach (var (plot, from, to) in panels)
        {
            plot.ScaleFactor = scale;
            int saved = canvas.Save();
            // ScottPlot clears what it may draw on: the clip keeps each panel to its own part of the canvas.
            canvas.ClipRect(new SKRect(from * width, 0, to * width, footerTop));
            plot.Render(canvas, new PixelRect(from * width, to * width, footerTop, 0));
            canvas.RestoreToCount(saved);
        }

        DrawFooter(canvas, footer, width, height, scale);
    }

    /// <summary>
    /// Draws a figure of panels: the title in the top band, the panels in a grid below it, one legend row and the footer.
    /// </summary>
    private static void DrawFigure(SKCanvas canvas, PanelFigure figure, string footer, int width, int height, float scale)
    {
        canvas.Clear(SKColors.White);
        float footerTop = height - FooterHeight * scale;
        float top = PanelFigure.TitleHeight * scale;
        float bottom = footerTop - PanelFigure.LegendHeight * scale;
        int columns = figure.Columns;
        int rows = (figure.Panels.Count + columns - 1) / columns;
        float cellWidth = width / (float)columns;
        float cellHeight = (bottom - top) / rows;
        for (int i = 0; i < figure.Panels.Count; i++)
        {
            var plot = figure.Panels[i];
            plot.ScaleFactor = scale;
            float left = i % columns * cellWidth;
            float upper = top + i / columns * cellHeight;
            int saved = canvas.Save();
            canvas.ClipRect(new SKRect(left, upper, left + cellWidth, upper + cellHeight));
            plot.Render(canvas, new PixelRect(left, left + cellWidth, upper + cellHeight, upper));
            canvas.RestoreToCount(saved);
        }

        // ScottPlot clears what it draws on: the title and legend bands are painted afterwards, on white.
        using var background = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        canvas.DrawRect(0, 0, width, top, background);
        canvas.DrawRect(0, bottom, width, footerTop - bottom, background);
        var ink = new SKColor(ChartPalette.Ink.Red, ChartPalette.Ink.Green, ChartPalette.Ink.Blue);
        using var titleFont = new SKFont(Fonts.GetTypeface(ChartFont.Family, bold: true, italic: false), TitleSize * scale);
        using var titlePaint = new SKPaint { Color = ink, IsAntialias = true };
        canvas.DrawText(Fit(figure.Title, titleFont, width - 20 * scale), width / 2f, top - 12 * scale, SKTextAlign.Center, titleFont, titlePaint);

        // The legend row: a swatch and its text per entry, centred as a whole.
        using var font = new SKFont(Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false), LegendSize * scale);
        float swatch = 22 * scale;
        float gap = 18 * scale;
        float total = figure.Legend.Sum(e => swatch + 6 * scale + font.MeasureText(e.Label)) + gap * (figure.Legend.Count - 1);
        float x = Math.Max(10 * scale, (width - total) / 2);
        float middle = bottom + PanelFigure.LegendHeight * scale / 2;
        foreach (var entry in figure.Legend)
        {
            var colour = new SKColor(entry.Colour.Red, entry.Colour.Green, entry.Colour.Blue);
            using var paint = new SKPaint { Color = colour, IsAntialias = true, StrokeWidth = 2.5f * scale };
            switch (entry.Kind)
            {
                case LegendKind.Band:
                    canvas.DrawRect(x, middle - 6 * scale, swatch, 12 * scale, paint);
                    break;
                case LegendKind.Line:
                    canvas.DrawLine(x, middle, x + swatch, middle, paint);
                    break;
                case LegendKind.Tick:
                    paint.StrokeWidth = 3 * scale;
                    canvas.DrawLine(x + swatch / 2, middle - 8 * scale, x + swatch / 2, middle + 8 * scale, paint);
                    break;
                case LegendKind.Diamond:
                    using (var path = new SKPath())
                    {
                        float cx = x + swatch / 2;
                        path.MoveTo(cx, middle - 6 * scale);
                        path.LineTo(cx + 6 * scale, middle);
                        path.LineTo(cx, middle + 6 * scale);
                        path.LineTo(cx - 6 * scale, middle);
                        path.Close();
                        canvas.DrawPath(path, paint);
                    }
                    break;
            }
            x += swatch + 6 * scale;
            canvas.DrawText(entry.Label, x, middle + LegendSize * scale * 0.35f, SKTextAlign.Left, font, titlePaint);
            x += font.MeasureText(entry.Label) + gap;
        }
        DrawFooter(canvas, footer, width, height, scale);
    }

    /// <summary>The footer as it is drawn on a chart of <paramref name="options"/>' size: shortened by <see cref="FitFooter"/>.</summary>
    public static string FooterAsDrawn(string footer, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        float scale = (float)options.Scale;
        using var font = new SKFont(Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false), FooterSize * scale);
        return FitFooter(footer, t => font.MeasureText(t), options.PixelWidth - 20 * scale);
    }

    private static void DrawFooter(SKCanvas canvas, string footer, int width, int height, float scale)
    {
        float footerTop = height - FooterHeight * scale;
        // ScottPlot clears the whole canvas, which an SVG shows as black below the plot: paint the footer band white.
        using var background = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        canvas.DrawRect(0, footerTop, width, height - footerTop, background);

        // The footer is drawn here rather than by ScottPlot so that it sits below every axis and legend.
        var typeface = Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false);
        using var font = new SKFont(typeface, FooterSize * scale);
        using var paint = new SKPaint { Color = new SKColor(0x5A, 0x5A, 0x5A), IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xD0, 0xD0, 0xD0), StrokeWidth = Math.Max(1, scale), IsAntialias = true };
        canvas.DrawLine(10 * scale, footerTop + 2 * scale, width - 10 * scale, footerTop + 2 * scale, rule);
        float baseline = height - 8 * scale;
        string text = FitFooter(footer, t => font.MeasureText(t), width - 20 * scale);
        canvas.DrawText(text, 10 * scale, baseline, SKTextAlign.Left, font, paint);
    }

    /// <summary>
    /// Fits a footer to <paramref name="width"/>: a run's footer ("name · 20,000 trials · seed 7") keeps its trials
    /// and seed whole and shortens only the scenario name, with an ellipsis; any other footer keeps its last
    /// " · " part and shortens what comes before it. Only when even the kept part is too wide is it cut as well.
    /// </summary>
    /// <param name="footer">The footer text.</param>
    /// <param name="measure">Width of a text in the footer's font.</param>
    /// <param name="width">Room for it.</param>
    public static string FitFooter(string footer, Func<string, float> measure, float width)
    {
        ArgumentNullException.ThrowIfNull(footer);
        ArgumentNullException.ThrowIfNull(measure);
        if (measure(footer) <= width)
        {
            return footer;
        }
        var run = RunTail().Match(footer);
        int split = run.Success ? run.Index : footer.LastIndexOf(" · ", StringComparison.Ordinal);
        if (split <= 0)
        {
            return Fit(footer, measure, width);
        }
        string head = footer[..split];
        string tail = footer[split..];
        float room = width - measure(tail);
        if (room < measure("W…"))
        {
            return Fit(tail.TrimStart(' ', '·'), measure, width);
        }
        return Fit(head, measure, room) + tail;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" · [0-9,]+ trials · seed [0-9]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RunTail();

    /// <summary>Shortens text with an ellipsis until it fits the width.</summary>
    private static string Fit(string text, SKFont font, float width) => Fit(text, t => font.MeasureText(t), width);

    /// <summary>Shortens text with an ellipsis until it fits the width.</summary>
    private static string Fit(string text, Func<string, float> measure, float width)
    {
        if (measure(text) <= width)
        {
            return text;
        }
        string body = text;
        while (body.Length > 1 && measure(body + "…") > width)
        {
            body = body[..^1];
        }
        return body.TrimEnd() + "…";
    }
}
