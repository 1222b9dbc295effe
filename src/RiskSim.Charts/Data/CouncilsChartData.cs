using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Data;

/// <summary>One partner's panel of the councils chart: its own cumulative net savings fan and its own target.</summary>
/// <param name="PartnerId">Partner id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Bands">P5–P95, P10–P90 and P25–P75 of its cumulative net savings, in that order.</param>
/// <param name="Median">P50 per year (money), index 0 = year 1.</param>
/// <param name="Target">Its own target, or null when it has none.</param>
public sealed record CouncilPanel(string PartnerId, string Name, IReadOnlyList<PercentileBand> Bands,
    IReadOnlyList<double> Median, TargetMark? Target);

/// <summary>
/// What the councils chart draws: one panel per partner with the fan of its own cumulative net savings by
/// financial year, all on one money axis (<see cref="AxisLow"/> to <see cref="AxisHigh"/>) so that the panels
/// compare at a glance. Empty when the run keeps no partner ledgers (a single partner).
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Years">Years 1..H.</param>
/// <param name="YearLabels">Financial-year labels, e.g. "2025/26".</param>
/// <param name="Panels">One per partner, in scenario order.</param>
/// <param name="AxisLow">Bottom of the shared money axis.</param>
/// <param name="AxisHigh">Top of the shared money axis.</param>
/// <param name="Currency">ISO currency code.</param>
public sealed record CouncilsChartData(string Title, IReadOnlyList<int> Years, IReadOnlyList<string> YearLabels,
    IReadOnlyList<CouncilPanel> Panels, double AxisLow, double AxisHigh, string Currency)
{
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>Share of the data range added above and below it on the shared axis.</summary>
    public const double Margin = 0.06;

    /// <summary>True when the run keeps partner ledgers, so <c>councils.png</c> is drawn.</summary>
    public bool HasChart => Panels.Count > 0;

    /// <summary>Builds the chart data from each partner's own summary rows.</summary>
    public static CouncilsChartData From(RunResult result)
    {
        var s = result.Scenario;
        int[] years = [.. Enumerable.Range(1, s.HorizonYears)];
        var panels = new List<CouncilPanel>();
        foreach (var partner in result.Decision.Partners)
        {
            var rows = years.Select(t => result.PartnerRow(partner.PartnerId, MetricNames.CumulativeNetSavings, t)).ToArray();
            PercentileBand Band(int low, int high, Func<SummaryRow, double> lo, Func<SummaryRow, double> hi) =>
                new($"P{low}–P{high}", low, high, [.. rows.Select(lo)], [.. rows.Select(hi)]);
            TargetMark? target = partner.Target is { } t
                ? new TargetMark(t.ByYear, t.CumulativeNetSavings,
                    $"own target {Formats.Money(t.CumulativeNetSavings, s.Currency)} by {Report.Headline.ByYear(s, t.ByYear)}")
                : null;
            panels.Add(new CouncilPanel(partner.PartnerId, InputLabels.OwnerName(s, partner.PartnerId),
                [Band(5, 95, r => r.P5, r => r.P95), Band(10, 90, r => r.P10, r => r.P90), Band(25, 75, r => r.P25, r => r.P75)],
                [.. rows.Select(r => r.P50)], target));
        }

        // One axis for every panel: the widest band of any partner, every target and zero, with a margin.
        var values = panels.SelectMany(p => p.Bands[0].Low.Concat(p.Bands[0].High)
            .Concat(p.Target is { } t ? [t.Amount] : [])).Append(0).ToArray();
        double low = values.Min();
        double high = values.Max();
        double span = Math.Max(1, high - low);
        return new CouncilsChartData("Each council's cumulative net savings by year end (one scale for all)", years,
            [.. years.Select(s.YearLabel)], panels, low - span * Margin, high + span * Margin, s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s) };
    }
}
