namespace RiskSim.Core.Engine;

/// <summary>The per-year metrics of a trial (the model of one trial, docs/scenario-format.md), in the order the summary reports them.</summary>
public enum YearMetric
{
    /// <summary>Gross savings in the year.</summary>
    GrossSavings,

    /// <summary>The five cost terms of the year.</summary>
    Costs,

    /// <summary>Gross savings less costs.</summary>
    NetSavings,

    /// <summary>Net savings summed to the end of the year.</summary>
    CumulativeNetSavings,
}

/// <summary>
/// One ledger's metrics (the programme's, later each partner's) as columns of a block: gross, costs, net and
/// cumulative net savings for each year 1..H, then NPV, total net savings and the peak funding requirement.
/// </summary>
/// <param name="Offset">Column of the ledger's first metric.</param>
/// <param name="Horizon">Years H.</param>
public readonly record struct MetricBlock(int Offset, int Horizon)
{
    /// <summary>Metrics per ledger: four per year, then NPV, total and peak funding.</summary>
    public static int CountFor(int horizon) => 4 * horizon + 3;

    /// <summary>Column of a per-year metric; <paramref name="year"/> is 1-based.</summary>
    public int Of(YearMetric metric, int year) => Offset + (int)metric * Horizon + year - 1;

    /// <summary>Gross savings of a year (1-based).</summary>
    public int Gross(int year) => Of(YearMetric.GrossSavings, year);

    /// <summary>Costs of a year (1-based).</summary>
    public int Costs(int year) => Of(YearMetric.Costs, year);

    /// <summary>Net savings of a year (1-based).</summary>
    public int Net(int year) => Of(YearMetric.NetSavings, year);

    /// <summary>Cumulative net savings at the end of a year (1-based).</summary>
    public int Cumulative(int year) => Of(YearMetric.CumulativeNetSavings, year);

    /// <summary>Net present value.</summary>
    public int Npv => Offset + 4 * Horizon;

    /// <summary>Total net savings over the horizon.</summary>
    public int Total => Offset + 4 * Horizon + 1;

    /// <summary>
    /// Peak funding requirement: the largest cumulative deficit before the savings arrive, max(0, −min over the year
    /// ends of cumulative net savings).
    /// </summary>
    public int PeakFunding => Offset + 4 * Horizon + 2;
}

/// <summary>
/// Where every metric of a trial sits among a block's metric columns: the programme's ledger first, then one
/// ledger per partner when the run keeps them. The one place the layout is written: the kernel, the block view,
/// the statistics and the writers all ask it.
/// </summary>
public sealed class MetricLayout
{
    /// <summary>The layout of a programme over <paramref name="horizon"/> years with <paramref name="partnerLedgers"/> partner ledgers.</summary>
    public MetricLayout(int horizon, int partnerLedgers = 0)
    {
        Horizon = horizon;
        int size = MetricBlock.CountFor(horizon);
        Programme = new MetricBlock(0, horizon);
        Partners = Enumerable.Range(1, partnerLedgers).Select(p => new MetricBlock(p * size, horizon)).ToArray();
        Count = (1 + partnerLedgers) * size;
    }

    /// <summary>
    /// The layout of a scenario's run: a scenario of two or more partners keeps each partner's own ledger too
    /// (unless <paramref name="partnerLedgers"/> is false, to measure what they cost).
    /// </summary>
    public static MetricLayout For(Model.Scenario scenario, bool partnerLedgers = true) =>
        new(scenario.HorizonYears, partnerLedgers && scenario.Partners.Count >= 2 ? scenario.Partners.Count : 0);

    /// <summary>Years H.</summary>
    public int Horizon { get; }

    /// <summary>The programme's ledger.</summary>
    public MetricBlock Programme { get; }

    /// <summary>Each partner's ledger, in scenario order (empty when the run keeps none).</summary>
    public IReadOnlyList<MetricBlock> Partners { get; }

    /// <summary>Metric columns in all.</summary>
    public int Count { get; }

    /// <summary>Name used in the summary for a per-year metric.</summary>
    public static string NameOf(YearMetric metric) => metric switch
    {
        YearMetric.GrossSavings => MetricNames.GrossSavings,
        YearMetric.Costs => MetricNames.Costs,
        YearMetric.NetSavings => MetricNames.NetSavings,
        _ => MetricNames.CumulativeNetSavings,
    };

    /// <summary>
    /// The summary's rows of a ledger in report order: each per-year metric by year, then NPV and total (the summary
    /// adds payback and peak funding after them).
    /// </summary>
    public static IEnumerable<(string Metric, int? Year, int Column)> Rows(MetricBlock block)
    {
        foreach (var metric in Enum.GetValues<YearMetric>())
        {
            for (int t = 1; t <= block.Horizon; t++)
            {
                yield return (NameOf(metric), t, block.Of(metric, t));
            }
        }
        yield return (MetricNames.Npv, null, block.Npv);
        yield return (MetricNames.TotalNetSavings, null, block.Total);
    }
}
