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

/// <summary>What the tornado chart measures (<c>--tornado</c>).</summary>
public enum TornadoView
{
    /// <summary>
    /// The swing in mean NPV, in pounds (the default): the trials in which an input is in its lowest 10% against its
    /// highest 10%; for a partner's withdrawal "leaves within the horizon: yes / no", for a risk "occurs: yes / no".
    /// </summary>
    Swing,

    /// <summary>Each input's share of the NPV variance (squared rank correlations), signed by direction.</summary>
    Variance,
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
    /// <summary>Mean NPV of the low end: the input's lowest 10% of trials, or the "no" trials of a yes/no bar.</summary>
    public double NpvLow { get; init; } = double.NaN;

    /// <summary>Mean NPV of the high end: the input's highest 10%, or the "yes" trials.</summary>
    public double NpvHigh { get; init; } = double.NaN;

    /// <summary>How the bar's trials are split (yes/no bars name their ends "yes" and "no").</summary>
    public SwingSplit Split { get; init; } = SwingSplit.Deciles;

    /// <summary>Whether the bar's ends are "yes" and "no" rather than the lowest and highest 10%.</summary>
    public bool IsYesNo => Split is SwingSplit.Leaves or SwingSplit.Occurs;

    /// <summary>The swing in mean NPV: high (or "yes") less low (or "no").</summary>
    public double Swing => NpvHigh - NpvLow;

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
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>What the bars measure.</summary>
    public TornadoView View { get; init; } = TornadoView.Variance;

    /// <summary>For the swing view: the mean NPV of all the sample's trials, where the bars meet.</summary>
    public double BaseNpv { get; init; } = double.NaN;

    /// <summary>For the swing view: inputs (or groups) left out because their swing is smaller than any drawn.</summary>
    public int Omitted { get; init; }

    /// <summary>For the swing view: the largest swing among those left out (0 when none is).</summary>
    public double LargestOmittedSwing { get; init; }

    /// <summary>Currency of the run, for labels.</summary>
    public string Currency { get; init; } = "GBP";

    /// <summary>Most bars drawn before the rest are summed.</summary>
    public const int MaxBars = 12;

    /// <summary>The rest bar's key.</summary>
    public const string RestKey = "(rest)";

    /// <summary>Builds the tornado of a run's sensitivity table.</summary>
    public static TornadoData From(RunResult result, TornadoGrouping grouping = TornadoGrouping.Input, int maxBars = MaxBars,
        TornadoView view = TornadoView.Swing) =>
        view == TornadoView.Swing ? SwingOf(result, grouping, maxBars) : VarianceOf(result, grouping, maxBars);

    /// <summary>Title of the swing view; the chart drops the grouping after it when the whole does not fit.</summary>
    public const string SwingTitle = "What moves the NPV, in pounds";

    /// <summary>A swing is drawn when it is at least this share of the largest (smaller ones would draw nothing).</summary>
    public const double SmallestDrawnSwing = 0.001;

    private static TornadoData SwingOf(RunResult result, TornadoGrouping grouping, int maxBars)
    {
        var s = result.Scenario;
        var partnerIds = s.Partners.Select(p => p.Id).ToHashSet();
        var candidates = new List<TornadoBar>();
        if (grouping != TornadoGrouping.Workstream)
        {
            foreach (var r in result.Sensitivity.Where(r => grouping == TornadoGrouping.Input || !partnerIds.Contains(r.Owner)))
            {
                candidates.Add(new TornadoBar(r.Input, SwingLabel(s, r.Input, r.Role, r.Owner, r.Split), r.Share,
                    r.Swing < 0 ? -1 : 1, r.Spearman, 1)
                { NpvLow = r.NpvMeanLow, NpvHigh = r.NpvMeanHigh, Split = r.Split });
            }
        }
        foreach (var g in result.SensitivityGroups.Where(g => grouping == TornadoGrouping.Workstream
            || (grouping == TornadoGrouping.Partner && partnerIds.Contains(g.Owner))))
        {
            candidates.Add(new TornadoBar(g.Owner, GroupLabel(s, g), result.Sensitivity.Where(r => r.Owner == g.Owner).Sum(r => r.Share),
                g.Swing < 0 ? -1 : 1, null, g.Inputs)
            { NpvLow = g.NpvMeanLow, NpvHigh = g.NpvMeanHigh, Split = g.Split });
        }
        var valid = candidates.Where(b => double.IsFinite(b.Swing))
            .OrderByDescending(b => Math.Abs(b.Swing)).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();
        double largest = valid.Count == 0 ? 0 : Math.Abs(valid[0].Swing);
        var drawn = valid.Where(b => Math.Abs(b.Swing) > 0 && Math.Abs(b.Swing) >= SmallestDrawnSwing * largest).Take(maxBars).ToList();
        var omitted = candidates.Except(drawn).ToList();
        string by = grouping switch
        {
            TornadoGrouping.Workstream => " (by workstream, partner and risk)",
            TornadoGrouping.Partner => " (partners' withdrawal grouped)",
            _ => "",
        };
        return new TornadoData(SwingTitle + by, grouping, drawn, null)
        {
            View = TornadoView.Swing,
            PriceBase = Rendering.ChartCanvas.PriceBase(result.Scenario),
            BaseNpv = result.Row(MetricNames.Npv).Mean,
            Omitted = omitted.Count,
            LargestOmittedSwing = omitted.Where(b => double.IsFinite(b.Swing)).Select(b => Math.Abs(b.Swing)).DefaultIfEmpty(0).Max(),
            Currency = s.Currency,
        };
    }

    /// <summary>The label of one input's swing bar: a withdrawal or a risk's occurrence reads as the event itself.</summary>
    public static string SwingLabel(Scenario scenario, string input, InputRole role, string owner, SwingSplit split) => split switch
    {
        SwingSplit.Leaves => $"{InputLabels.Shorten(InputLabels.OwnerName(scenario, owner))} leaves within the horizon",
        SwingSplit.Occurs => $"Risk: {InputLabels.Shorten(InputLabels.OwnerName(scenario, owner))} occurs",
        _ => InputLabels.ForChart(scenario, input, role, owner),
    };

    private static string GroupLabel(Scenario scenario, SensitivityGroup group)
    {
        string name = InputLabels.Shorten(InputLabels.OwnerName(scenario, group.Owner), group.Split == SwingSplit.GroupScore
            ? InputLabels.ChartOwnerLength : InputLabels.ChartNameLength);
        return group.Split switch
        {
            SwingSplit.Leaves => $"{name} leaves within the horizon",
            SwingSplit.Occurs => $"Risk: {name} occurs",
            _ => InputLabels.OwnerKind(scenario, group.Owner) == "risk" ? $"Risk: {name} (all inputs)" : $"{name} (all inputs)",
        };
    }

    /// <summary>The smallest share drawn as a bar of the variance view (smaller ones would read 0.0%).</summary>
    public const double SmallestDrawnShare = 0.0005;

    private static TornadoData VarianceOf(RunResult result, TornadoGrouping grouping, int maxBars)
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
        // Bars that would read 0.0% are not drawn on their own: they join the rest, drawn only when it is not 0.0% too.
        int shown = Math.Min(maxBars, bars.Count(b => b.Share >= SmallestDrawnShare));
        if (bars.Count > shown)
        {
            var others = bars.Skip(shown).ToList();
            double net = others.Sum(b => b.SignedShare);
            int inputs = others.Sum(b => b.Inputs);
            rest = new TornadoBar(RestKey, $"All other {inputs} input{(inputs == 1 ? "" : "s")}",
                others.Sum(b => b.Share), net < 0 ? -1 : 1, null, inputs);
            bars = bars.Take(shown).ToList();
            rest = rest.Share >= SmallestDrawnShare ? rest : null;
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
            // A withdrawal and a risk read as the event ("leaves", "occurs"); leaving is an early notice, so its sign turns.
            return new TornadoBar(key, SwingLabel(scenario, r.Input, r.Role, r.Owner, r.Split), r.Share,
                EventSign(r) < 0 ? -1 : 1, r.Spearman, 1);
        }
        double net = rows.Sum(r => Math.Sign(EventSign(r)) * r.Share);
        string kind = InputLabels.OwnerKind(scenario, key);
        string name = InputLabels.Shorten(InputLabels.OwnerName(scenario, key), InputLabels.ChartOwnerLength);
        string label = kind switch
        {
            "partner" => $"{name}: leaving",
            "risk" => $"Risk: {name}",
            _ => name,
        };
        return new TornadoBar(key, label, rows.Sum(r => r.Share), net < 0 ? -1 : 1,
            rows.Count == 1 ? rows[0].Spearman : null, rows.Count);
    }

    // The correlation read as "yes raises NPV": a withdrawal notice's time runs the other way to leaving.
    private static double EventSign(SensitivityRow r) => r.Role == InputRole.WithdrawalNotice ? -r.Spearman : r.Spearman;
}
