using ScottPlot;

namespace RiskSim.Charts.Rendering;

/// <summary>
/// Colours safe for the common forms of colour blindness: the Okabe–Ito palette for categories and a
/// single-hue sequential blue (ColorBrewer "Blues") for nested percentile bands, darker towards the median.
/// </summary>
public static class ChartPalette
{
    /// <summary>Okabe–Ito blue: raises NPV, "stays".</summary>
    public static readonly Color Blue = Color.FromHex("#0072B2");

    /// <summary>Okabe–Ito vermillion: lowers NPV, "leaves", the plan.</summary>
    public static readonly Color Vermillion = Color.FromHex("#D55E00");

    /// <summary>Okabe–Ito sky blue: histogram bars.</summary>
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");

    /// <summary>Okabe–Ito orange.</summary>
    public static readonly Color Orange = Color.FromHex("#E69F00");

    /// <summary>Okabe–Ito bluish green: gross savings.</summary>
    public static readonly Color BluishGreen = Color.FromHex("#009E73");

    /// <summary>Okabe–Ito reddish purple.</summary>
    public static readonly Color ReddishPurple = Color.FromHex("#CC79A7");

    /// <summary>Mean costs of a year on the annual chart: a dark reddish purple used for nothing else.</summary>
    public static readonly Color CostMean = Color.FromHex("#8C2D66");

    /// <summary>P90 costs of a year on the annual chart: Okabe–Ito reddish purple, used for nothing else.</summary>
    public static readonly Color CostP90 = ReddishPurple.WithAlpha(0.55);

    /// <summary>Near-black for text, the target and reference lines.</summary>
    public static readonly Color Ink = Color.FromHex("#1A1A1A");

    /// <summary>Grey for the footer and the "rest" bar.</summary>
    public static readonly Color Grey = Color.FromHex("#6E6E6E");

    /// <summary>Light grey for the rest bar.</summary>
    public static readonly Color LightGrey = Color.FromHex("#B4B4B4");

    /// <summary>Median line: the darkest blue.</summary>
    public static readonly Color Median = Color.FromHex("#08306B");

    /// <summary>Band fills, widest band first: P5–P95, P10–P90, P25–P75.</summary>
    public static readonly IReadOnlyList<Color> Bands = [Color.FromHex("#C6DBEF"), Color.FromHex("#9ECAE1"), Color.FromHex("#4292C6")];
}
