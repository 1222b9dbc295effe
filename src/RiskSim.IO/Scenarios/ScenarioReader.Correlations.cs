using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Correlations: rank correlations between named uncertain inputs.
public sealed partial class ScenarioReader
{
    /// <summary>Dotted input names the file declares, read from the raw tree (the scenario format).</summary>
    private static IEnumerable<string> RawInputNames(Dictionary<string, (YScalar Key, YNode Value)> top)
    {
        IEnumerable<(string Id, YMapping Map)> Items(string key) => RawItems(Optional(top, key));
        static bool Has(YMapping map, string key) => map.Entries.Any(e => e.Key.Value == key);
        foreach (var (id, map) in Items("workstreams"))
        {
            yield return InputNames.AnnualSaving(id);
            yield return InputNames.DelayMonths(id);
            yield return InputNames.ImplementationCost(id);
            yield return InputNames.DelayCostPerMonth(id);
            if (Has(map, "redundancy"))
            {
                yield return InputNames.RedundancyHeadcount(id);
                yield return InputNames.RedundancyCostPerHead(id);
            }
        }
        foreach (var (id, map) in Items("partners"))
        {
            if (Has(map, "withdrawal"))
            {
                yield return InputNames.Withdrawal(id);
                yield return InputNames.SavingsLost(id);
                yield return InputNames.ExitCost(id);
            }
        }
        foreach (var (id, map) in Items("risks"))
        {
            yield return InputNames.RiskOccurs(id);
            yield return InputNames.RiskYear(id);
            yield return InputNames.RiskCost(id);
            if (map.Entries.FirstOrDefault(e => e.Key.Value == "delay_months").Value is YMapping delays)
            {
                foreach (var (ws, _) in delays.Entries)
                {
                    yield return InputNames.RiskDelay(id, ws.Value);
                }
            }
        }
    }

    private List<RankCorrelation>? ReadCorrelations(YNode node, Dictionary<string, Distribution?> inputs)
    {
        if (node is not YSequence seq)
        {
            Error(node, "correlations", $"expected a list, found {Describe(node)}");
            return null;
        }
        var names = inputs.Keys.ToList();
        var result = new List<RankCorrelation>();
        var pairs = new HashSet<(string, string)>();
        bool ok = true;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"correlations[{i}]";
            if (Mapping(seq.Items[i], path) is not { } map)
            {
                ok = false;
                continue;
            }
            var f = Fields(map, path, ["between", "rank"]);
            double? rank = Required(f, "rank", map, path) is { } r ? NumberIn(r, Join(path, "rank"), -1, 1, "within [-1, 1]") : null;
            string? a = null, b = null;
            if (Required(f, "between", map, path) is { } bn)
            {
                string bp = Join(path, "between");
                if (bn is YSequence bs && bs.Items.Count == 2)
                {
                    a = CorrelatedInput(bs.Items[0], bp, inputs, names);
                    b = CorrelatedInput(bs.Items[1], bp, inputs, names);
                    if (a is not null && a == b)
                    {
                        Error(bn, bp, $"an input cannot be correlated with itself ('{a}')");
                        a = null;
                    }
                    else if (a is not null && b is not null)
                    {
                        var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
                        if (!pairs.Add(key))
                        {
                            Error(bn, bp, $"the pair {a} / {b} is correlated twice");
                            a = null;
                        }
                    }
                }
                else
                {
                    Error(bn, bp, "expected a list of two input names, e.g. [ict.annual_saving, ict.delay_months]");
                }
            }
            if (a is not null && b is not null && rank is double rv)
            {
                result.Add(new RankCorrelation(a, b, rv));
            }
            else
            {
                ok = false;
            }
        }
        if (!ok)
        {
            return null;
        }
        var problems = new List<ScenarioProblem>();
        if (!ScenarioRules.CheckCorrelationMatrix(result, problems))
        {
            Error(node, problems[0].Field, problems[0].Message);
            return null;
        }
        return result;
    }

    private string? CorrelatedInput(YNode node, string field, Dictionary<string, Distribution?> inputs, List<string> names)
    {
        if (Text(node, field) is not { } name)
        {
            return null;
        }
        if (!inputs.TryGetValue(name, out var distribution))
        {
            string near = Nearest(name, names);
            Error(node, field, $"no uncertain input named '{name}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}");
            return null;
        }
        if (distribution is { IsConstant: true })
        {
            Error(node, field, ScenarioRules.FixedCorrelation(name));
            return null;
        }
        return name;
    }
}
