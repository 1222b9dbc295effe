using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

/// <summary>
/// The evidence behind a run's inputs: which have a stated source (<c>source:</c> in the scenario, or a register's
/// source column) and how much of the variance in NPV comes from those that have none.
/// </summary>
public static class Evidence
{
    /// <summary>An input with at least this share of the variance in NPV is influential: named when it has no source.</summary>
    public const double InfluentialShare = 0.05;

    /// <summary>Most unsourced inputs named in the sentence; the rest are counted.</summary>
    public const int MostNamed = 4;

    /// <summary>
    /// The share of the variance in NPV (the sensitivity shares, ρ² / Σρ²) that comes from inputs with no stated
    /// source, and those inputs, largest share first.
    /// </summary>
    public static (double Share, IReadOnlyList<SensitivityRow> Inputs) Unsourced(RunResult result)
    {
        var inputs = InputCatalog.Of(result.Scenario).ToDictionary(i => i.Name, StringComparer.Ordinal);
        var rows = result.Sensitivity
            .Where(r => !inputs.TryGetValue(r.Input, out var input) || SourcePaths.Find(result.Scenario, input) is null)
            .OrderByDescending(r => r.Share).ThenBy(r => r.Input, StringComparer.Ordinal)
            .ToList();
        return (rows.Sum(r => r.Share), rows);
    }

    /// <summary>
    /// The flag for influential inputs with no stated source, e.g. "64% of the variance in NPV comes from inputs with
    /// no stated source, chiefly Hartlepool: chance of withdrawal (40%) and Darlington: chance of withdrawal (24%)."; null
    /// when no input with at least <see cref="InfluentialShare"/> of the variance lacks a source.
    /// </summary>
    public static string? Sentence(RunResult result)
    {
        var (share, rows) = Unsourced(result);
        var influential = rows.Where(r => r.Share >= InfluentialShare).ToList();
        if (influential.Count == 0)
        {
            return null;
        }
        var named = influential.Take(MostNamed).Select(r => $"{Label(result.Scenario, r)} ({Formats.Share(r.Share)})").ToList();
        int more = influential.Count - named.Count;
        if (more > 0)
        {
            named.Add($"{more} more input{(more == 1 ? "" : "s")} of at least {Formats.Share(InfluentialShare)} each");
        }
        string list = named.Count == 1 ? named[0] : $"{string.Join(", ", named.Take(named.Count - 1))} and {named[^1]}";
        string lead = rows.Count == result.Sensitivity.Count
            ? "No uncertain input has a stated source: all of the variance in NPV comes from unsourced figures, chiefly "
            : $"{Formats.Share(share)} of the variance in NPV comes from inputs with no stated source, chiefly ";
        return lead + list + ". Give each a source: (a document, a table, a date, or \"Assumption: ...\") in the scenario.";
    }

    /// <summary>An input's label in the sentence; a partner's withdrawal is its chance of withdrawal, the figure the scenario gives.</summary>
    private static string Label(Scenario scenario, SensitivityRow row) => row.Role switch
    {
        InputRole.WithdrawalNotice => $"{InputLabels.OwnerName(scenario, row.Owner)}: chance of withdrawal",
        InputRole.RiskOccurs => $"{InputLabels.OwnerName(scenario, row.Owner)}: chance it happens",
        _ => InputLabels.Describe(scenario, row.Input, row.Role, row.Owner),
    };
}
