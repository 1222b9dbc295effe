using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Charts.Data;

/// <summary>How the tornado chart groups the sensitivity table (<c>--group</c>).</summary>
public enum TornadoGrouping
{
    /// <summary>One bar per uncertain input, in the sensitivity table's order (the default).</summary>
    Input,

    /// <summary>
    /// One bar per thing the inputs belong to: each workstream (its saving, delay and costs together), each
    /// partner's withdrawal (notice, savings lost, exit cost) and each risk (occurrence, year, cost, delays).
    /// </summary>
    Workstream,

    /// <summary>One bar per partner's withdrawal (its three inputs together); other inputs one bar each.</summary>
    Partner,
}

/// <summary>One bar of a tornado chart.</summary>
/// <param name="Key">What the bar stands for: a dotted input name, or an owner id when grouped.</param>
/// <param name="Label">Text on the axis.</param>
/// <param name="Share">Share of the sum of squared rank correlations with NPV, 0..1 (always ≥ 0).</param>
/// <param name="Direction">+1 when higher values raise NPV, −1 when they lower it (for a group: the sign of Σ sign(ρ)·share).</param>
/// <param name="Spearman">The input's rank correlation with NPV; null for a group of several inputs.</param>
/// <param name="Inputs">Number of inputs summed into the bar.</param>
public sealed record TornadoBar(string Key, string Label, double Share, int Direction, double? Spearman, int Inputs)
{
    /// <summary>The drawn length: the share signed by the direction.</summary>
    public double SignedShare => Direction * Share;
}

/// <summary>
/// What the tornado chart draws: the largest contributions to NPV variance (top <see cref="MaxBars"/>, largest
/// first), signed by the direction of the rank correlation, and the rest summed into one bar.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Grouping">How inputs were grouped.</param>
/// <param name="Bars">The largest contributions, largest first.</param>
/// <param name="Rest">Everything else summed, or null when nothing is left over.</param>
public sealed record TornadoData(string Title, TornadoGrouping Grouping, IReadOnlyList<TornadoBar> Bars, TornadoBar? Rest)
{
    /// <summary>Most bars drawn before the rest are summed.</summary>
    public const int MaxBars = 12;

    /// <summary>The rest bar's key.</summary>
    public const string RestKey = "(rest)";

    /// <summary>Builds the tornado of a run's sensitivity table.</summary>
    public static TornadoData From(RunResult result, TornadoGrouping grouping = TornadoGrouping.Input, int maxBars = MaxBars)
    {
        var s = result.Scenario;
        var groups = new List<(string Key, List<SensitivityRow> Rows)>();
        foreach (var row in result.Sensitivity)
        {
            string key = KeyOf(s, row, grouping);
            int at = groups.FindIndex(g => g.Key == key);
            if (at < 0)
            {
                groups.Add((key, [row]));
            }
            else
            {
                groups[at].Rows.Add(row);
            }
        }
        // A stable sort: with one input per bar the order is exactly the sensitivity table's.
        var bars = groups.Select(g => ToBar(s, g.Key, g.Rows)).OrderByDescending(b => b.Share).ToList();
        TornadoBar? rest = null;
        if (bars.Count > maxBars)
        {
            var others = bars.Skip(maxBars).ToList();
            double net = others.Sum(b => b.SignedShare);
            int inputs = others.Sum(b => b.Inputs);
            rest = new TornadoBar(RestKey, $"All other {inputs} input{(inputs == 1 ? "" : "s")}",
                others.Sum(b => b.Share), net < 0 ? -1 : 1, null, inputs);
            bars = bars.Take(maxBars).ToList();
        }
        string by = grouping switch
        {
            TornadoGrouping.Workstream => " (by workstream, partner and risk)",
            TornadoGrouping.Partner => " (partners' withdrawal grouped)",
            _ => "",
        };
        return new TornadoData("What drives NPV: share of its variance" + by, grouping, bars, rest);
    }

    private static string KeyOf(Scenario scenario, SensitivityRow row, TornadoGrouping grouping) => grouping switch
    {
        TornadoGrouping.Workstream => row.Owner,
        TornadoGrouping.Partner when scenario.Partners.Any(p => p.Id == row.Owner) => row.Owner,
        _ => row.Input,
    };

    private static TornadoBar ToBar(Scenario scenario, string key, List<SensitivityRow> rows)
    {
        if (rows.Count == 1 && rows[0].Input == key)
        {
            var r = rows[0];
            return new TornadoBar(key, InputLabels.ForChart(scenario, r.Input, r.Role, r.Owner), r.Share,
                r.Spearman < 0 ? -1 : 1, r.Spearman, 1);
        }
        double net = rows.Sum(r => Math.Sign(r.Spearman) * r.Share);
        string kind = InputLabels.OwnerKind(scenario, key);
        string name = InputLabels.Shorten(InputLabels.OwnerName(scenario, key), InputLabels.ChartOwnerLength);
        string label = kind switch
        {
            "partner" => $"{name}: withdrawal",
            "risk" => $"Risk: {name}",
            _ => name,
        };
        return new TornadoBar(key, label, rows.Sum(r => r.Share), net < 0 ? -1 : 1,
            rows.Count == 1 ? rows[0].Spearman : null, rows.Count);
    }
}
