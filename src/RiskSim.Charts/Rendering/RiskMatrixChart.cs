using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using ScottPlot;
using SkiaSharp;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Draws <see cref="RiskMatrixData"/>: the 5 × 5 likelihood × impact grid in the red, amber and green bands of a
/// council's risk register, each risk as a dot at its likelihood and mean impact, an arrow to an open circle where
/// its mitigation would put it, and its name beside it, placed by <see cref="LabelLayout"/> so that no two names overlap.
/// </summary>
public static class RiskMatrixChart
{
    /// <summary>Label text size in layout units.</summary>
    public const float LabelSize = 11;

    /// <summary>Padding around a label's text, layout units.</summary>
    public const float LabelPadding = 2;

    /// <summary>The plotting area's margins in layout units (left, right, bottom, top), fixed so that labels can be placed before rendering.</summary>
    public static readonly (float Left, float Right, float Bottom, float Top) Margins = (178, 16, 66, 44);

    /// <summary>Fill of a green cell.</summary>
    public static readonly Color GreenFill = Color.FromHex("#B9DFA5");

    /// <summary>Fill of an amber cell.</summary>
    public static readonly Color AmberFill = Color.FromHex("#FFD98C");

    /// <summary>Fill of a red cell.</summary>
    public static readonly Color RedFill = Color.FromHex("#F5A3A0");

    /// <summary>Width and height of the plotting area in layout units.</summary>
    public static (double Width, double Height) PlotArea =>
        (ChartOptions.LayoutWidth - Margins.Left - Margins.Right,
         ChartOptions.LayoutHeight - ChartCanvas.FooterHeight - Margins.Top - Margins.Bottom);

    /// <summary>Radius of a risk's dot and open circle in layout units.</summary>
    public const double MarkerRadius = 5;

    /// <summary>Size of a label in layout units, measured in the chart's font.</summary>
    public static (double Width, double Height) LabelSizeOf(string text)
    {
        ChartFont.Register();
        using var font = new SKFont(Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false), LabelSize);
        return (font.MeasureText(text) + 2 * LabelPadding + 2, LabelSize * 1.3 + 2 * LabelPadding);
    }

    /// <summary>
    /// Places the labels of the matrix's points, working on the page (layout units) so that distances are the same
    /// across and up: the riskiest first (highest score, then scenario order), clear of every dot, open circle, arrow and
    /// score figure. The boxes are returned in grid units (the grid is 5 × 5).
    /// </summary>
    public static LabelPlacement PlaceLabels(IReadOnlyList<RiskMatrixPoint> points)
    {
        var (width, height) = PlotArea;
        double sx = width / 5, sy = height / 5;
        var order = Enumerable.Range(0, points.Count).OrderByDescending(i => points[i].Before.Score).ThenBy(i => i).ToArray();
        var obstacles = new List<Box>();
        foreach (var p in points.Where(p => p.AfterX is not null))
        {
            // The open circle and the arrow's shaft, as small squares along it.
            double x0 = p.X * sx, y0 = p.Y * sy, x1 = p.AfterX!.Value * sx, y1 = p.AfterY!.Value * sy;
            int steps = (int)Math.Ceiling(Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)) / 4);
            for (int k = 0; k <= steps; k++)
            {
                double t = steps == 0 ? 1 : (double)k / steps;
                double r = k == steps ? MarkerRadius : 2;
                obstacles.Add(new Box(x0 + t * (x1 - x0) - r, y0 + t * (y1 - y0) - r, 2 * r, 2 * r));
            }
        }
        var (sw, sh) = LabelSizeOf("25");
        for (int l = 1; l <= 5; l++)
        {
            for (int i = 1; i <= 5; i++)
            {
                obstacles.Add(new Box(l * sx - sw - 1, i * sy - sh - 1, sw, sh));
            }
        }
        var placement = LabelLayout.Place(order.Select(i => (points[i].X * sx, points[i].Y * sy)).ToArray(),
            order.Select(i => LabelSizeOf(points[i].Label)).ToArray(), new Box(0, 0, width, height), MarkerRadius, 2, obstacles);
        var boxes = new Box[points.Count];
        for (int k = 0; k < order.Length; k++)
        {
            var b = placement.Boxes[k];
            boxes[order[k]] = new Box(b.X / sx, b.Y / sy, b.Width / sx, b.Height / sy);
        }
        return new LabelPlacement(boxes, placement.Overlapping.Select(k => order[k]).ToList());
    }

    /// <summary>Builds the plot (not yet rendered); requires <see cref="RiskMatrixData.HasChart"/>.</summary>
    public static Plot Build(RiskMatrixData data)
    {
        if (!data.HasChart)
        {
            throw new ArgumentException("the scenario has no risks: there is nothing to draw", nameof(data));
        }
        var plot = ChartCanvas.NewPlot(data.Title);
        plot.Layout.Fixed(new PixelPadding(Margins.Left, Margins.Right, Margins.Bottom, Margins.Top));
        for (int l = 1; l <= 5; l++)
        {
            for (int i = 1; i <= 5; i++)
            {
                var cell = plot.Add.Rectangle(l - 1, l, i - 1, i);
                cell.FillColor = RiskMatrixBands.RagOf(l * i) switch
                {
                    Rag.Red => RedFill,
                    Rag.Amber => AmberFill,
                    _ => GreenFill,
                };
                cell.LineColor = Colors.White;
                cell.LineWidth = 2;
                var score = plot.Add.Text((l * i).ToString(System.Globalization.CultureInfo.InvariantCulture), l - 0.02, i - 0.02);
                score.LabelFontSize = LabelSize;
                score.LabelFontName = ChartFont.Family;
                score.LabelFontColor = ChartPalette.Ink.WithAlpha(0.55);
                score.LabelAlignment = Alignment.UpperRight;
            }
        }

        var (width, height) = PlotArea;
        foreach (var p in data.Points.Where(p => p.AfterX is not null))
        {
            // The arrow stops at the open circle's edge.
            double dx = (p.AfterX!.Value - p.X) * width / 5, dy = (p.AfterY!.Value - p.Y) * height / 5;
            double length = Math.Sqrt(dx * dx + dy * dy);
            double cut = length > 0 ? Math.Max(0, 1 - (MarkerRadius + 1) / length) : 1;
            var arrow = plot.Add.Arrow(new Coordinates(p.X, p.Y), new Coordinates(p.X + cut * (p.AfterX.Value - p.X), p.Y + cut * (p.AfterY!.Value - p.Y)));
            arrow.ArrowLineColor = ChartPalette.Ink.WithAlpha(0.8);
            arrow.ArrowFillColor = ChartPalette.Ink.WithAlpha(0.8);
            arrow.ArrowLineWidth = 0;
            arrow.ArrowWidth = 1.6f;
            arrow.ArrowheadWidth = 8;
            arrow.ArrowheadLength = 9;
            arrow.ArrowheadAxisLength = 9;
            arrow.ArrowMinimumLength = 0;
            var after = plot.Add.Marker(p.AfterX.Value, p.AfterY.Value, MarkerShape.OpenCircle, 10, ChartPalette.Ink);
            after.MarkerLineWidth = 1.6f;
        }
        foreach (var p in data.Points)
        {
            plot.Add.Marker(p.X, p.Y, MarkerShape.FilledCircle, 10, ChartPalette.Ink);
        }

        var placement = PlaceLabels(data.Points);
        double pad = LabelPadding * 5 / width;
        for (int k = 0; k < data.Points.Count; k++)
        {
            var p = data.Points[k];
            var box = placement.Boxes[k];
            double gapX = Math.Max(0, Math.Max(box.X - p.X, p.X - box.Right)) * width;
            double gapY = Math.Max(0, Math.Max(box.Y - p.Y, p.Y - box.Top)) * height;
            if (Math.Sqrt(gapX * gapX + gapY * gapY) / 5 > MarkerRadius + 6)
            {
                // A label moved away from its dot is joined to it by a thin leader line.
                double tx = Math.Clamp(p.X, box.X, box.Right), ty = Math.Clamp(p.Y, box.Y, box.Top);
                var leader = plot.Add.Line(p.X, p.Y, tx, ty);
                leader.LineColor = ChartPalette.Grey;
                leader.LineWidth = 0.8f;
                leader.MarkerSize = 0;
            }
            var text = plot.Add.Text(p.Label, box.X + pad, box.Y + box.Height / 2);
            text.LabelFontSize = LabelSize;
            text.LabelFontName = ChartFont.Family;
            text.LabelFontColor = ChartPalette.Ink;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            text.LabelAlignment = Alignment.MiddleLeft;
        }

        plot.Axes.SetLimits(0, 5, 0, 5);
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = 0; k < 5; k++)
        {
            xTicks.AddMajor(k + 0.5, data.LikelihoodLabels[k]);
            yTicks.AddMajor(k + 0.5, data.ImpactLabels[k]);
        }
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.XLabel("Likelihood within the horizon   (● as it stands, ○ once mitigated)");
        plot.YLabel("Mean NPV lost when it occurs");
        return plot;
    }
}
