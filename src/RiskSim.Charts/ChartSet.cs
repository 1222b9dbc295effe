using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;

namespace RiskSim.Charts;

/// <summary>One chart of a run, rendered.</summary>
/// <param name="FileName">File name in the output folder, e.g. <c>fan.png</c>.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Description">What it shows, in a sentence, for the report's caption and the image's alt text.</param>
/// <param name="Png">PNG bytes.</param>
/// <param name="Svg">SVG text, or null when SVG was not asked for.</param>
public sealed record RenderedChart(string FileName, string Title, string Description, byte[] Png, string? Svg)
{
    /// <summary>The SVG file name, e.g. <c>fan.svg</c>.</summary>
    public string SvgFileName => Path.ChangeExtension(FileName, ".svg");
}

/// <summary>
/// The charts of one run: the data each one draws (for tests and the report) and the rendered images.
/// </summary>
/// <remarks>Everything is computed from a <see cref="RunResult"/>; nothing is re-simulated.</remarks>
/// <param name="Fan">Cumulative net savings (<c>fan.png</c>).</param>
/// <param name="Annual">Annual net savings (<c>annual.png</c>).</param>
/// <param name="Npv">NPV histogram and S-curve (<c>npv.png</c>).</param>
/// <param name="Tornado">Contributions to NPV variance (<c>tornado.png</c>), grouped as asked.</param>
/// <param name="Partners">Partner withdrawal exposure (<c>partners.png</c> when <see cref="PartnerExposureData.HasChart"/>).</param>
/// <param name="Councils">Each partner's own cumulative net savings (<c>councils.png</c> when <see cref="CouncilsChartData.HasChart"/>).</param>
/// <param name="Charts">The rendered charts in report order.</param>
public sealed partial record ChartSet(FanChartData Fan, FanChartData Annual, NpvChartData Npv, TornadoData Tornado,
    PartnerExposureData Partners, CouncilsChartData Councils, IReadOnlyList<RenderedChart> Charts)
{
    /// <summary>File name of the cumulative savings fan chart.</summary>
    public const string FanFile = "fan.png";

    /// <summary>File name of the annual savings chart.</summary>
    public const string AnnualFile = "annual.png";

    /// <summary>File name of the NPV chart.</summary>
    public const string NpvFile = "npv.png";

    /// <summary>File name of the tornado chart.</summary>
    public const string TornadoFile = "tornado.png";

    /// <summary>File name of the partners chart.</summary>
    public const string PartnersFile = "partners.png";

    /// <summary>File name of the chart of each partner's own cumulative net savings.</summary>
    public const string CouncilsFile = "councils.png";

    /// <summary>File name of the S-curve of cumulative net savings at the target year.</summary>
    public const string TargetFile = "target.png";

    /// <summary>The footer every chart carries: scenario name, trials and seed.</summary>
    public static string Footer(RunResult result) =>
        $"{result.Scenario.Name} · {result.Trials.ToString("N0", CultureInfo.InvariantCulture)} trials · seed {result.Seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Computes the chart data of a run and renders every chart.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled between two charts.</exception>
    public static ChartSet Render(RunResult result, ChartOptions options, CancellationToken cancellation = default)
    {
        var fan = FanChartData.CumulativeNetSavings(result);
        var annual = FanChartData.AnnualNetSavings(result);
        var npv = NpvChartData.From(result);
        var tornado = TornadoData.From(result, options.Grouping);
        var partners = PartnerExposureData.From(result);
        var councils = CouncilsChartData.From(result);
        string footer = Footer(result);
        string target = result.Scenario.Target is { } t
            ? $" The diamond and dotted line mark the target of {Formats.Money(t.CumulativeNetSavings, result.Scenario.Currency)} by {result.Scenario.YearLabel(t.ByYear)}."
            : "";

        // Each chart takes a moment at high resolution: a cancelled run stops before the next one.
        RenderedChart Draw(string fileName, string title, Func<ScottPlot.Plot> build, string description)
        {
            cancellation.ThrowIfCancellationRequested();
            return DrawChart(fileName, title, build, footer, options, description);
        }

        var charts = new List<RenderedChart>
        {
            Draw(FanFile, fan.Title, () => FanChart.Build(fan),
                "Cumulative net savings by financial year: the median with the P25–P75, P10–P90 and P5–P95 ranges of the trials "
                + "in darker to lighter blue, and the plan (every input at its most likely value) dashed." + target),
            Draw(AnnualFile, annual.Title, () => FanChart.BuildAnnual(annual),
                "Net savings in each financial year with the same ranges; years below zero are years whose costs exceed "
                + "their savings, and the orange bars show each year's median costs below zero."),
            Draw(NpvFile, npv.Title, () => NpvChart.Build(npv),
                "How the net present value is spread over the trials (bars) and the chance that it comes out at or below "
                + "each amount (the S-curve, right axis), with P10, P50 and P90 marked."),
            Draw(TornadoFile, tornado.Title, () => TornadoChart.Build(tornado),
                "The inputs whose uncertainty moves the NPV most, as shares of its variance (squared rank correlations); "
                + "bars to the right mean a higher value raises the NPV, to the left that it lowers it."),
        };
        charts.Add(DrawTarget(result, footer, options, cancellation));
        if (partners.HasChart)
        {
            charts.Add(Draw(PartnersFile, partners.Title, () => PartnersChart.Build(partners),
                "For each partner that may withdraw, the median NPV of the trials in which it stays and in which it leaves; "
                + "the gap is what its withdrawal would cost, and the label gives its chance of leaving within the horizon."));
        }
        if (councils.HasChart)
        {
            cancellation.ThrowIfCancellationRequested();
            string targets = councils.Panels.Any(p => p.Target is not null)
                ? " A diamond and dotted line mark a council's own target; a panel says when a council has none."
                : " No council has a target of its own.";
            using var figure = CouncilsChart.Build(councils);
            byte[] png = ChartCanvas.Png(figure, footer, options);
            string? svg = options.Svg ? ChartCanvas.Svg(figure, footer, options) : null;
            charts.Add(new RenderedChart(CouncilsFile, councils.Title,
                "Each council's own cumulative net savings by financial year, one panel per council, all on the same money scale: "
                + "the median with the P25–P75, P10–P90 and P5–P95 ranges of the trials in darker to lighter blue." + targets, png, svg));
        }
        return new ChartSet(fan, annual, npv, tornado, partners, councils, charts);
    }

    private static RenderedChart DrawChart(string fileName, string title, Func<ScottPlot.Plot> build, string footer,
        ChartOptions options, string description)
    {
        using var plot = build();
        byte[] png = ChartCanvas.Png(plot, footer, options);
        string? svg = options.Svg ? ChartCanvas.Svg(plot, footer, options) : null;
        return new RenderedChart(fileName, title, description, png, svg);
    }
}
