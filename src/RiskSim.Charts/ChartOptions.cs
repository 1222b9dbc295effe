using RiskSim.Charts.Data;

namespace RiskSim.Charts;

/// <summary>What charts to write and how large.</summary>
/// <param name="Dpi">
/// Resolution for a chart printed 16 cm wide (the width of a committee paper's text). The default, 254,
/// gives 1600 × 900 pixels; 72..600.
/// </param>
/// <param name="Svg">Also write each chart as SVG.</param>
/// <param name="Grouping">How the tornado chart groups inputs.</param>
public sealed record ChartOptions(int Dpi = ChartOptions.DefaultDpi, bool Svg = false, TornadoGrouping Grouping = TornadoGrouping.Input)
{
    /// <summary>What the tornado chart measures: the swing in pounds (the default) or the share of variance.</summary>
    public TornadoView Tornado { get; init; } = TornadoView.Swing;

    /// <summary>Default resolution: 1600 pixels across 16 cm.</summary>
    public const int DefaultDpi = 254;

    /// <summary>Lowest accepted resolution.</summary>
    public const int MinDpi = 72;

    /// <summary>Highest accepted resolution.</summary>
    public const int MaxDpi = 600;

    /// <summary>Printed width the charts are designed for, in centimetres.</summary>
    public const double PrintWidthCm = 16;

    /// <summary>Layout width in ScottPlot units; every size in the chart code is in these units.</summary>
    public const int LayoutWidth = 800;

    /// <summary>Layout height in ScottPlot units (16:9).</summary>
    public const int LayoutHeight = 450;

    /// <summary>Scale from layout units to pixels: 2 at the default resolution.</summary>
    public double Scale => Dpi * PrintWidthCm / 2.54 / LayoutWidth;

    /// <summary>Width of a PNG in pixels.</summary>
    public int PixelWidth => (int)Math.Round(LayoutWidth * Scale);

    /// <summary>Height of a PNG in pixels.</summary>
    public int PixelHeight => (int)Math.Round(LayoutHeight * Scale);
}
