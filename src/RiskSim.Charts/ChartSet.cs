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

    /// <summary>File name of the spider chart.</summary>
    public const string SpiderFile = "spider.png";

    /// <summary>File name of the scatter chart.</summary>
    public const string ScatterFile = "scatter.png";

    /// <summary>Mean NPV against the percentile of each main input (<c>spider.png</c> when <see cref="SpiderData.HasChart"/>).</summary>
    public SpiderData? Spider { get; init; }

    /// <summary>NPV against the largest driver (<c>scatter.png</c> when <see cref="ScatterData.HasChart"/>).</summary>
    public ScatterData? Scatter { get; init; }

    /// <summary>File name of the partners chart.</summary>
    public const string PartnersFile = "partners.png";

    /// <summary>File name of the chart of each partner's own cumulative net savings.</summary>
    public const string CouncilsFile = "councils.png";

    /// <summary>File name of the risk matrix.</summary>
    public const string RiskMatrixFile = "risk-matrix.png";

    /// <summary>The risk matrix (<c>risk-matrix.png</c> when <see cref="RiskMatrixData.HasChart"/>).</summary>
    public RiskMatrixData? RiskMatrix { get; init; }

    /// <summary>File name of the chart of a precision run's figures against trials (written only for such runs).</summary>
    public const string ConvergenceFile = "convergence.png";

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
        var tornado = TornadoData.From(result, options.Grouping, view: options.Tornado);
        var spider = SpiderData.From(result);
        var scatter = ScatterData.From(result);
        var partners = PartnerExposureData.From(result);
        var councils = CouncilsChartData.From(result);
        string footer = Footer(result);
        string target = result.Scenario.Target is { } t
            ? $" The diamond and dotted line mark the target of {Formats.Money(t.CumulativeNetSavings, result.Scenario.Currency)} by {Report.Headline.ByYear(result.Scenario, t.ByYear)}."
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
                + "their savings. The purple bars below zero show each year's costs: the mean (narrow, dark) and the P90 "
                + "(wide, light), so that a rare but large cost, such as a risk that happens in few trials, still shows."),
            Draw(NpvFile, npv.Title, () => NpvChart.Build(npv),
                "How the net present value is spread over the trials (bars) and the chance that it comes out at or below "
                + "each amount (the S-curve, right axis), with P10, P50 and P90 marked."),
            Draw(TornadoFile, tornado.Title, () => TornadoChart.Build(tornado), TornadoDescription(tornado)),
        };
        charts.Add(DrawTarget(result, footer, options, cancellation));
        if (spider.HasChart)
        {
            charts.Add(Draw(SpiderFile, spider.Title, () => SpiderChart.Build(spider),
                "For each of the inputs that move the NPV most, the mean NPV of the trials in each tenth of the input's own range, "
                + "from its lowest values on the left to its highest on the right; a steep line is an input that matters."));
        }
        if (scatter.HasChart)
        {
            string colour = scatter.PartnerName is { } partner
                ? $", red where {partner} leaves within the horizon and blue where it stays" : "";
            charts.Add(Draw(ScatterFile, scatter.Title, () => ScatterChart.Build(scatter),
                $"Each dot is one trial: its NPV against {scatter.InputLabel}{colour}."));
        }
        if (partners.HasChart)
        {
            charts.Add(Draw(PartnersFile, partners.Title, () => PartnersChart.Build(partners),
                "For each partner that may withdraw, the NPV forgone if it leaves: the median NPV of the trials in which it stays "
                + "less that of the trials in which it leaves, with its chance of leaving within the horizon."));
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
        var matrix = RiskMatrixData.From(result);
        if (matrix.HasChart)
        {
            charts.Add(Draw(RiskMatrixFile, matrix.Title, () => RiskMatrixChart.Build(matrix), RiskMatrixDescription(matrix)));
        }
        if (ConvergenceChartData.From(result) is { } convergence)
        {
            cancellation.ThrowIfCancellationRequested();
            charts.Add(DrawConvergence(convergence, footer, options));
        }
        return new ChartSet(fan, annual, npv, tornado, partners, councils, charts) { RiskMatrix = matrix, Spider = spider, Scatter = scatter };
    }

    private static string RiskMatrixDescription(RiskMatrixData matrix)
    {
        string arrows = matrix.Points.Any(p => p.After is not null)
            ? " An arrow leads from a risk's dot to an open circle where its mitigation would put it."
            : "";
        string bands = matrix.ImpactReferenceName == RiskMatrixBands.StatedInScenario
            ? "the bands are the scenario's own"
            : $"the bands are 1%, 5%, 10% and 20% of {matrix.ImpactReferenceName}";
        return "Each risk of the register by its chance of occurring within the horizon (across) and the mean NPV it costs "
            + $"when it occurs (up; {bands}), on the 5 × 5 grid "
            + "in green (score 1–4), amber (5–12) and red (15–25)." + arrows;
    }

    // convergence.png: each watched figure of a precision run with its interval at every checkpoint passed.
    private static RenderedChart DrawConvergence(ConvergenceChartData data, string footer, ChartOptions options)
    {
        using var figure = ConvergenceChart.Build(data);
        byte[] png = ChartCanvas.Png(figure, footer, options);
        string? svg = options.Svg ? ChartCanvas.Svg(figure, footer, options) : null;
        return new RenderedChart(ConvergenceFile, data.Title,
            "Each figure the run watched, at every checkpoint it passed (trials run, left to right), with its 95% Monte Carlo "
            + "interval as a blue bar: the run stopped at the first checkpoint where every interval was narrow enough, or at "
            + "its limit on trials.", png, svg);
    }

    /// <summary>The tornado chart's caption for its view.</summary>
    public static string TornadoDescription(TornadoData tornado) => tornado.View == TornadoView.Swing
        ? "The inputs that move the NPV most, in pounds: each bar runs from the mean NPV of the trials in which the input is in "
          + "its lowest 10% (orange) to the mean NPV of those in its highest 10% (blue), meeting at the mean NPV of all trials. "
          + "A partner's withdrawal is one bar, the mean NPV when it leaves within the horizon (yes) against when it stays (no); "
          + "a risk reads the same way, occurs: yes or no."
          + (tornado.Omitted > 0
              ? $" {tornado.Omitted} further input{(tornado.Omitted == 1 ? "" : "s")} each move it by "
                + $"{Formats.Money(Math.Max(tornado.LargestOmittedSwing, 1), tornado.Currency)} or less."
              : "")
          + (tornado.Grouping == TornadoGrouping.Workstream
              ? " A workstream's bar (all inputs) takes the trials whose inputs are together least and most favourable: the "
                + "lowest and highest 10% of the sum of each input's rank, each counted in the direction that raises the NPV."
              : "")
        : "The inputs whose uncertainty moves the NPV most, as shares of its variance (squared rank correlations); "
          + "bars to the right mean a higher value (or the event happening) raises the NPV, to the left that it lowers it.";

    private static RenderedChart DrawChart(string fileName, string title, Func<ScottPlot.Plot> build, string footer,
        ChartOptions options, string description)
    {
        using var plot = build();
        byte[] png = ChartCanvas.Png(plot, footer, options);
        string? svg = options.Svg ? ChartCanvas.Svg(plot, footer, options) : null;
        return new RenderedChart(fileName, title, description, png, svg);
    }
}
