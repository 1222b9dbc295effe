using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Data;

/// <summary>A band between two percentiles of a metric, one value per year.</summary>
/// <param name="Label">Legend text, e.g. "P5–P95".</param>
/// <param name="LowPercentile">Lower percentile, e.g. 5.</param>
/// <param name="HighPercentile">Upper percentile, e.g. 95.</param>
/// <param name="Low">Lower edge per year (money), index 0 = year 1.</param>
/// <param name="High">Upper edge per year (money).</param>
public sealed record PercentileBand(string Label, int LowPercentile, int HighPercentile, IReadOnlyList<double> Low, IReadOnlyList<double> High);

/// <summary>The savings target as drawn: an amount to reach by the end of a year.</summary>
/// <param name="Year">Year 1..H.</param>
/// <param name="Amount">Cumulative net savings to reach (money).</param>
/// <param name="Label">Legend text, e.g. "Target £397k by 2013/14".</param>
public sealed record TargetMark(int Year, double Amount, string Label);

/// <summary>Median bars of the two parts of net savings in each year, drawn behind the bands.</summary>
/// <param name="GrossSavings">Median gross savings per year (money, ≥ 0 drawn upwards).</param>
/// <param name="Costs">Median costs per year (money, drawn downwards, i.e. as negative values).</param>
public sealed record SavingsAndCosts(IReadOnlyList<double> GrossSavings, IReadOnlyList<double> Costs);

/// <summary>
/// The spread of each year's costs, drawn below zero on the annual chart so that rare, large costs (risks that
/// happen in few trials) show even when the median cost hides them.
/// </summary>
/// <param name="Mean">Mean costs per year (money, drawn downwards).</param>
/// <param name="P90">90th percentile of costs per year (money, drawn downwards): one year in ten costs more.</param>
public sealed record CostBands(IReadOnlyList<double> Mean, IReadOnlyList<double> P90);

/// <summary>
/// What a fan chart draws: a metric by financial year with its median, three percentile bands (widest first),
/// the deterministic plan and, for cumulative savings, the target. Computed from a run; nothing is re-simulated.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Metric">Summary metric drawn (<see cref="MetricNames"/>).</param>
/// <param name="Years">Years 1..H.</param>
/// <param name="YearLabels">Financial-year labels, e.g. "2025/26".</param>
/// <param name="Bands">P5–P95, P10–P90 and P25–P75, in that order.</param>
/// <param name="Median">P50 per year (money).</param>
/// <param name="Plan">The plan (most-likely case) per year (money).</param>
/// <param name="Target">The target, or null (annual chart, or no target in the scenario).</param>
/// <param name="Parts">Median gross savings and costs (annual chart only), or null.</param>
/// <param name="Currency">ISO currency code for axis labels.</param>
public sealed record FanChartData(
    string Title,
    string Metric,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> YearLabels,
    IReadOnlyList<PercentileBand> Bands,
    IReadOnlyList<double> Median,
    IReadOnlyList<double> Plan,
    TargetMark? Target,
    SavingsAndCosts? Parts,
    string Currency)
{
    /// <summary>Mean and P90 of each year's costs (annual chart only), or null.</summary>
    public CostBands? Costs { get; init; }

    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>
    /// When a partner's exit or a risk splits the results in two, each group's median by year (cumulative chart only).
    /// </summary>
    public ConditionalMedians? Split { get; init; }

    /// <summary>Cumulative net savings by year with the target marked (<c>fan.png</c>).</summary>
    public static FanChartData CumulativeNetSavings(RunResult result)
    {
        var s = result.Scenario;
        TargetMark? target = s.Target is { } t
            ? new TargetMark(t.ByYear, t.CumulativeNetSavings,
                $"Target {Formats.Money(t.CumulativeNetSavings, s.Currency)} by {Report.Headline.ByYear(s, t.ByYear)}")
            : null;
        return Build(result, MetricNames.CumulativeNetSavings, "Cumulative net savings by year end",
            result.Plan.CumulativeNetSavings, target, parts: null) with
        { Split = ConditionalMedians.ForFan(result) };
    }

    /// <summary>Net savings in each year, costs included, with median gross savings and costs (<c>annual.png</c>).</summary>
    public static FanChartData AnnualNetSavings(RunResult result)
    {
        int h = result.Scenario.HorizonYears;
        var parts = new SavingsAndCosts(
            [.. Enumerable.Range(1, h).Select(t => result.Row(MetricNames.GrossSavings, t).P50)],
            [.. Enumerable.Range(1, h).Select(t => result.Row(MetricNames.Costs, t).P50)]);
        var costs = new CostBands(
            [.. Enumerable.Range(1, h).Select(t => result.Row(MetricNames.Costs, t).Mean)],
            [.. Enumerable.Range(1, h).Select(t => result.Row(MetricNames.Costs, t).P90)]);
        return Build(result, MetricNames.NetSavings, "Net savings in each year (costs below zero)",
            result.Plan.NetSavings, target: null, parts) with
        { Costs = costs };
    }

    private static FanChartData Build(RunResult result, string metric, string title, IReadOnlyList<double> plan,
        TargetMark? target, SavingsAndCosts? parts)
    {
        var s = result.Scenario;
        int[] years = [.. Enumerable.Range(1, s.HorizonYears)];
        var rows = years.Select(t => result.Row(metric, t)).ToArray();
        PercentileBand Band(int low, int high, Func<SummaryRow, double> lo, Func<SummaryRow, double> hi) =>
            new($"P{low}–P{high}", low, high, [.. rows.Select(lo)], [.. rows.Select(hi)]);
        return new FanChartData(
            title,
            metric,
            years,
            [.. years.Select(s.YearLabel)],
            [Band(5, 95, r => r.P5, r => r.P95), Band(10, 90, r => r.P10, r => r.P90), Band(25, 75, r => r.P25, r => r.P75)],
            [.. rows.Select(r => r.P50)],
            [.. plan],
            target,
            parts,
            s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s) };
    }
}
