namespace RiskSim.Charts.Rendering;

/// <summary>An axis-aligned rectangle: left, bottom, width and height, in any units with y upwards.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Bottom edge.</param>
/// <param name="Width">Width (≥ 0).</param>
/// <param name="Height">Height (≥ 0).</param>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Top edge.</summary>
    public double Top => Y + Height;

    /// <summary>Whether the two rectangles share any area (touching edges do not count).</summary>
    public bool Overlaps(Box other) => X < other.Right && other.X < Right && Y < other.Top && other.Y < Top;

    /// <summary>Whether this rectangle lies wholly inside <paramref name="outer"/>.</summary>
    public bool Inside(Box outer) => X >= outer.X && Y >= outer.Y && Right <= outer.Right && Top <= outer.Top;

    /// <summary>Distance from a point to the nearest point of the rectangle (0 inside it).</summary>
    public double DistanceTo(double x, double y)
    {
        double dx = Math.Max(0, Math.Max(X - x, x - Right));
        double dy = Math.Max(0, Math.Max(Y - y, y - Top));
        return Math.Sqrt(dx * dx + dy * dy);
    }
}

/// <summary>
/// Places text labels next to points so that no two labels overlap, no label covers a point and every label
/// stays inside the plotting area. Deterministic: the same points and sizes always give the same places.
/// </summary>
/// <remarks>
/// Labels are placed one at a time in the order given. Each tries positions around its point at growing distances
/// (right, left, above, below and the four corners at each distance) and takes the first free one; when none is
/// free near the point, it takes the free position nearest the point on a fine grid over the whole area. A label
/// that ends up away from its point is drawn with a leader line. Only when the area has no free space left at all
/// is a label put back beside its point, overlapping; <see cref="Place"/> reports that in <see cref="LabelPlacement.Overlapping"/>.
/// </remarks>
public static class LabelLayout
{
    /// <summary>Distance steps tried around a point, in multiples of the label height.</summary>
    private const int Rings = 10;

    /// <summary>Grid steps per side of the area for the fallback search.</summary>
    private const int GridSteps = 120;

    /// <summary>Places one label per point.</summary>
    /// <param name="points">Anchor points (x, y).</param>
    /// <param name="sizes">Label sizes (width, height), one per point.</param>
    /// <param name="area">The area every label must stay inside.</param>
    /// <param name="markerRadius">Half the size of the square kept clear around every point (its marker).</param>
    /// <param name="gap">Space between a point's marker and its label.</param>
    /// <param name="obstacles">Further rectangles no label may cover (for example the other ends of arrows).</param>
    public static LabelPlacement Place(IReadOnlyList<(double X, double Y)> points, IReadOnlyList<(double Width, double Height)> sizes,
        Box area, double markerRadius, double gap, IReadOnlyList<Box>? obstacles = null)
    {
        if (points.Count != sizes.Count)
        {
            throw new ArgumentException("one size per point is needed", nameof(sizes));
        }
        var blocked = new List<Box>(obstacles ?? []);
        blocked.AddRange(points.Select(p => new Box(p.X - markerRadius, p.Y - markerRadius, 2 * markerRadius, 2 * markerRadius)));
        var placed = new Box[points.Count];
        var overlapping = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            var (x, y) = points[i];
            var (w, h) = sizes[i];
            bool Free(Box b) => b.Inside(area) && !blocked.Any(b.Overlaps);
            Box? chosen = null;
            double near = markerRadius + gap;
            for (int ring = 0; ring < Rings && chosen is null; ring++)
            {
                double d = near + ring * h * 0.6;
                foreach (var box in Candidates(x, y, w, h, d))
                {
                    if (Free(box))
                    {
                        chosen = box;
                        break;
                    }
                }
            }
            if (chosen is null)
            {
                double best = double.PositiveInfinity;
                double stepX = (area.Width - w) / GridSteps, stepY = (area.Height - h) / GridSteps;
                for (int gy = 0; gy <= GridSteps; gy++)
                {
                    for (int gx = 0; gx <= GridSteps; gx++)
                    {
                        var box = new Box(area.X + gx * stepX, area.Y + gy * stepY, w, h);
                        double distance = box.DistanceTo(x, y);
                        if (distance < best && Free(box))
                        {
                            best = distance;
                            chosen = box;
                        }
                    }
                }
            }
            if (chosen is null)
            {
                overlapping.Add(i);
                chosen = new Box(Math.Clamp(x + near, area.X, Math.Max(area.X, area.Right - w)), Math.Clamp(y - h / 2, area.Y, Math.Max(area.Y, area.Top - h)), w, h);
            }
            placed[i] = chosen.Value;
            blocked.Add(chosen.Value);
        }
        return new LabelPlacement(placed, overlapping);
    }

    // Positions at distance d from the point: right, left, above, below, then each shifted along its side.
    private static IEnumerable<Box> Candidates(double x, double y, double w, double h, double d)
    {
        yield return new Box(x + d, y - h / 2, w, h);
        yield return new Box(x - d - w, y - h / 2, w, h);
        yield return new Box(x - w / 2, y + d, w, h);
        yield return new Box(x - w / 2, y - d - h, w, h);
        foreach (double shift in new[] { 0.6, -0.6, 1.2, -1.2 })
        {
            yield return new Box(x + d, y - h / 2 + shift * h, w, h);
            yield return new Box(x - d - w, y - h / 2 + shift * h, w, h);
        }
        foreach (double shift in new[] { 0.45, -0.45 })
        {
            yield return new Box(x - w / 2 + shift * w, y + d, w, h);
            yield return new Box(x - w / 2 + shift * w, y - d - h, w, h);
        }
    }
}

/// <summary>Where each label went.</summary>
/// <param name="Boxes">Each label's rectangle, in the order of the points.</param>
/// <param name="Overlapping">Labels that found no free place (empty unless the area is full).</param>
public sealed record LabelPlacement(IReadOnlyList<Box> Boxes, IReadOnlyList<int> Overlapping);
