using RiskSim.Core.Engine;

namespace RiskSim.Charts.Data;

/// <summary>One run in a panel of the batch comparison: its NPV change from the base run of the same scenario file.</summary>
/// <param name="Label">The variant's name, or "base" for the base run.</param>
/// <param name="IsBase">True for the base run, whose change is zero by definition.</param>
/// <param name="Mean">Mean of the paired differences, variant − base (money; 0 for the base).</param>
/// <param name="StandardError">Monte Carlo standard error of <paramref name="Mean"/>.</param>
/// <param name="P10">10th percentile of the paired differences.</param>
/// <param name="P50">Median paired difference.</param>
/// <param name="P90">90th percentile of the paired differences.</param>
/// <param name="ProbabilityWorse">Share of paired trials in which the variant's NPV is below the base's.</param>
public sealed record ComparisonRun(string Label, bool IsBase, double Mean, double StandardError, double P10, double P50, double P90,
    double ProbabilityWorse);

/// <summary>One scenario file of a batch: its base run's median NPV and each run's paired change from it.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="File">The scenario file.</param>
/// <param name="Currency">ISO currency code.</param>
/// <param name="PriceBase">Price base of the money ("2010/11"), or null without a start year.</param>
/// <param name="BaseNpvP50">Median NPV of the base run.</param>
/// <param name="Runs">The base run first, then each variant in the file's order.</param>
public sealed record ComparisonPanel(string Scenario, string File, string Currency, string? PriceBase, double BaseNpvP50,
    IReadOnlyList<ComparisonRun> Runs);

/// <summary>
/// What <c>comparison.png</c> draws: one panel per scenario file, each run's NPV change from its base measured trial by
/// trial on the same random numbers (the batch's paired differences), so every panel has its own money axis with the
/// base at zero.
/// </summary>
/// <param name="Title">The figure's title.</param>
/// <param name="Panels">One per scenario file, in batch order.</param>
public sealed record ComparisonChartData(string Title, IReadOnlyList<ComparisonPanel> Panels)
{
    /// <summary>The panels drawn: scenario files with at least one variant to compare with the base.</summary>
    public IReadOnlyList<ComparisonPanel> Compared => [.. Panels.Where(p => p.Runs.Count > 1)];

    /// <summary>Label of the base run in every panel.</summary>
    public const string BaseLabel = "base";

    /// <summary>
    /// Builds the chart data from a batch's comparison rows (partner rows are skipped): rows of one scenario file form
    /// a panel, its base run (no variant) first; a variant without paired differences is left out.
    /// </summary>
    /// <param name="rows">The batch's comparison rows.</param>
    /// <param name="priceBase">The price base of each scenario file's money, or null for none.</param>
    public static ComparisonChartData From(IReadOnlyList<ComparisonRow> rows, Func<string, string?>? priceBase = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var panels = new List<ComparisonPanel>();
        foreach (var file in rows.Where(r => r.Partner is null).GroupBy(r => r.File))
        {
            var runs = new List<ComparisonRun>();
            var baseRow = file.FirstOrDefault(r => r.Variant.Length == 0) ?? file.First();
            runs.Add(new ComparisonRun(BaseLabel, true, 0, 0, 0, 0, 0, 0));
            foreach (var r in file.Where(r => r != baseRow))
            {
                if (r.PairedNpv is { } d)
                {
                    runs.Add(new ComparisonRun(r.Variant, false, d.Mean, d.StandardError, d.P10, d.P50, d.P90, d.ProbabilityWorse));
                }
            }
            panels.Add(new ComparisonPanel(baseRow.Scenario, file.Key, baseRow.Currency, priceBase?.Invoke(file.Key), baseRow.NpvP50, runs));
        }
        return new ComparisonChartData("Each variant's NPV change from its base run (paired trials)", panels);
    }
}
