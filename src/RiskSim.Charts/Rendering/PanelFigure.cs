using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>How a legend entry of a <see cref="PanelFigure"/> is drawn.</summary>
public enum LegendKind
{
    /// <summary>A filled rectangle (a percentile band).</summary>
    Band,

    /// <summary>A short line (the median).</summary>
    Line,

    /// <summary>A filled diamond (a target).</summary>
    Diamond,

    /// <summary>A short upright line (a median marked across a bar).</summary>
    Tick,
}

/// <summary>One entry of the legend row shared by the panels of a figure.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Colour">Swatch colour.</param>
/// <param name="Kind">Swatch shape.</param>
public sealed record FigureLegendEntry(string Label, Color Colour, LegendKind Kind);

/// <summary>
/// Small multiples: plots in a grid of <paramref name="Columns"/> columns under one title, above one legend row
/// shared by every panel and the footer. Rendered by <see cref="ChartCanvas.Png(PanelFigure, string, ChartOptions)"/>.
/// </summary>
/// <param name="Title">The figure's title, drawn once above the panels.</param>
/// <param name="Panels">The panels, filled row by row.</param>
/// <param name="Columns">Panels in a row.</param>
/// <param name="Legend">The shared legend.</param>
public sealed record PanelFigure(string Title, IReadOnlyList<Plot> Panels, int Columns, IReadOnlyList<FigureLegendEntry> Legend)
    : IDisposable
{
    /// <summary>Height of the title band in layout units.</summary>
    public const float TitleHeight = 40;

    /// <summary>Height of the legend row in layout units.</summary>
    public const float LegendHeight = 28;

    /// <summary>Disposes every panel.</summary>
    public void Dispose()
    {
        foreach (var plot in Panels)
        {
            plot.Dispose();
        }
    }
}
