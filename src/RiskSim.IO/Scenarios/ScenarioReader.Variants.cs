using System.Text.RegularExpressions;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Variants: named sets of changes, --set options and optimism bias uplifts.
public sealed partial class ScenarioReader
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex VariantNamePattern();

    private List<ScenarioVariant> ReadVariants(YNode node, Scenario scenario)
    {
        var result = new List<ScenarioVariant>();
        if (node is not YSequence seq)
        {
            Error(node, "variants", $"expected a list, found {Describe(node)}");
            return result;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"variants[{i}]";
            if (Mapping(seq.Items[i], path) is not { } map)
            {
                continue;
            }
            var f = Fields(map, path, ["name", "description", "set", "scale", "remove_partner", "optimism_bias"]);
            string? name = Required(f, "name", map, path) is { } n ? Text(n, Join(path, "name")) : null;
            if (name is not null && !VariantNamePattern().IsMatch(name))
            {
                // The name becomes part of a folder name: nothing but lower-case letters, digits, '-' and '_'.
                Error(f["name"].Value, Join(path, "name"),
                    $"a variant name is lower-case letters, digits, '-' and '_', starting with a letter or digit (e.g. late-ict), found '{Printable(name)}'");
                name = null;
            }
            if (name is not null)
            {
                path = $"variants[{name}]";
                if (!names.Add(name))
                {
                    Error(f["name"].Value, Join(path, "name"), $"duplicate variant name '{name}'");
                }
            }
            string description = Optional(f, "description") is { } d ? Text(d, Join(path, "description")) ?? "" : "";
            var changes = new List<(VariantChange Change, YNode Node, string Field)>();
            foreach (var (key, value) in map.Entries)
            {
                string field = Join(path, key.Value);
                switch (key.Value)
                {
                    case "remove_partner":
                        if (Text(value, field) is { } pid)
                        {
                            changes.Add((new RemovePartnerChange(pid), value, field));
                        }
                        break;
                    case "set":
                    case "scale":
                        if (Mapping(value, field) is { } entries)
                        {
                            foreach (var (pathKey, pathValue) in entries.Entries)
                            {
                                string changeField = Join(field, pathKey.Value);
                                VariantChange? change = key.Value == "set"
                                    ? ReadSetChange(pathKey.Value, pathValue, changeField)
                                    : NumberIn(pathValue, changeField, 0, 1e6, "a factor >= 0") is double factor
                                        ? new ScaleChange(pathKey.Value, factor) : null;
                                if (change is not null)
                                {
                                    changes.Add((change, pathKey, changeField));
                                }
                            }
                        }
                        break;
                    case "optimism_bias":
                        if (Mapping(value, field) is { } bias)
                        {
                            changes.AddRange(ReadOptimismBias(bias, field));
                        }
                        break;
                }
            }
            if (name is null)
            {
                continue;
            }
            // Each change is tried on the scenario so far, so a bad path or value is reported where it is written.
            var applied = scenario;
            bool ok = true;
            var problems = new List<ScenarioProblem>();
            foreach (var (change, changeNode, changeField) in changes)
            {
                if (!VariantApplier.TryApply(applied, change, out applied, problems))
                {
                    Error(changeNode, changeField, problems[^1].Message);
                    ok = false;
                }
            }
            if (ok)
            {
                // The changed scenario keeps every rule a file must keep (a set may fix a correlated input).
                foreach (var problem in ScenarioRules.Check(applied))
                {
                    Error(f["name"].Value, Join(path, problem.Field), problem.Message);
                    ok = false;
                }
            }
            if (ok)
            {
                result.Add(new ScenarioVariant(name, description, changes.Select(c => c.Change).ToList()));
            }
        }
        return result;
    }

    /// <summary>Reads a <c>set</c> entry, parsing the value as the kind of quantity its path names.</summary>
    internal SetChange? ReadSetChange(string path, YNode value, string field)
    {
        if (KindOf(path) is not { } kind)
        {
            Error(value, field, $"'{path}' is not a quantity a variant can set; use <id>.<field> such as ict.delay_months, county.withdrawal.annual_probability, tupe.cost or discount_rate");
            return null;
        }
        Distribution? d = kind switch
        {
            VariantPaths.ValueKind.Money => ReadDistribution(value, field, true),
            VariantPaths.ValueKind.Delay => NonNegative(value, field, false, "a delay"),
            VariantPaths.ValueKind.Quantity or VariantPaths.ValueKind.Fraction => ReadDistribution(value, field, false),
            VariantPaths.ValueKind.Probability => NumberIn(value, field, 0, 1, "a probability within [0, 1]") is double p ? new ConstantDistribution(p) : null,
            VariantPaths.ValueKind.Rate => NumberIn(value, field, 0, 0.999999, "within [0, 1)") is double r ? new ConstantDistribution(r) : null,
            _ => NumberIn(value, field, 0, 1200, "a number of months >= 0") is double m ? new ConstantDistribution(m) : null,
        };
        return d is null ? null : new SetChange(path, d);
    }

    private static VariantPaths.ValueKind? KindOf(string path)
    {
        if (VariantPaths.Scenario.TryGetValue(path, out var top))
        {
            return top;
        }
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }
        string field = path[(dot + 1)..];
        if (field.StartsWith("delay_months.", StringComparison.Ordinal))
        {
            return VariantPaths.ValueKind.Delay;
        }
        return VariantPaths.Workstream.TryGetValue(field, out var k) ? k
            : VariantPaths.Partner.TryGetValue(field, out k) ? k
            : VariantPaths.Risk.TryGetValue(field, out k) ? k
            : null;
    }

    /// <summary>
    /// Parses one command-line change, <c>path=value</c> with a YAML value (<c>ict.go_live_month=12</c>,
    /// <c>ict.delay_months={ triangular: [3, 6, 18] }</c>).
    /// </summary>
    /// <exception cref="ScenarioException">The text is not a valid change.</exception>
    public static SetChange ParseSetOption(string text)
    {
        var reader = new ScenarioReader("--set");
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ScenarioException([new ScenarioError("--set", 1, 1, text, "expected path=value, e.g. ict.go_live_month=12")]);
        }
        string path = text[..eq].Trim();
        var node = YamlTree.Parse(text[(eq + 1)..], (line, column, _, message) => reader.Error(line, column + eq + 1, path, message));
        var change = node is null ? null : reader.ReadSetChange(path, node, path);
        if (reader._errors.Count > 0 || change is null)
        {
            throw new ScenarioException(reader._errors);
        }
        return change;
    }

    /// <summary>
    /// Reads <c>optimism_bias</c>: a Green Book category (with bound and mitigation) and/or explicit uplifts
    /// that are the user's own evidence.
    /// </summary>
    private List<(VariantChange Change, YNode Node, string Field)> ReadOptimismBias(YMapping map, string field)
    {
        var changes = new List<(VariantChange, YNode, string)>();
        string[] keys = ["category", "bound", "mitigation", .. OptimismBias.ExplicitFields];
        var f = Fields(map, field, keys);
        if (Optional(f, "category") is { } cn && Text(cn, Join(field, "category")) is { } categoryName)
        {
            var category = OptimismBias.Categories.FirstOrDefault(c => c.Name == categoryName);
            bool upper = true;
            if (Optional(f, "bound") is { } bn && Text(bn, Join(field, "bound")) is { } bound)
            {
                if (bound is not ("upper" or "lower"))
                {
                    Error(bn, Join(field, "bound"), $"bound is upper or lower, found '{Printable(bound)}'");
                    return changes;
                }
                upper = bound == "upper";
            }
            double mitigation = Optional(f, "mitigation") is { } mn
                ? NumberIn(mn, Join(field, "mitigation"), 0, 1, "a factor within [0, 1] (the share of the uplift your risk management removes)") ?? double.NaN
                : 0;
            if (category is null)
            {
                string near = Nearest(categoryName, OptimismBias.Categories.Select(c => c.Name));
                Error(cn, Join(field, "category"), $"unknown Green Book category '{Printable(categoryName)}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}; one of: "
                    + string.Join(", ", OptimismBias.Categories.Select(c => c.Name)));
                return changes;
            }
            if (category.CapitalUpper is null)
            {
                Error(cn, Join(field, "category"), $"the guidance's {category.Label.ToLowerInvariant()} uplift applies to operating expenditure, "
                    + "which a RiskSim scenario does not model; give explicit uplifts for your own evidence instead");
                return changes;
            }
            foreach (string own in new[] { "duration", "implementation_cost" })
            {
                if (f.TryGetValue(own, out var clash))
                {
                    Error(clash.Key, Join(field, own), $"{own} comes from the category '{category.Name}'; give either the category or your own {own} uplift");
                    return changes;
                }
            }
            if (double.IsNaN(mitigation))
            {
                return changes;
            }
            var (duration, capital) = OptimismBias.Uplifts(category, upper, mitigation);
            changes.AddRange(OptimismBias.Changes("duration", duration).Select(c => ((VariantChange)c, (YNode)cn, Join(field, "category"))));
            changes.AddRange(OptimismBias.Changes("implementation_cost", capital).Select(c => ((VariantChange)c, (YNode)cn, Join(field, "category"))));
        }
        else if (f.TryGetValue("bound", out var orphan) || f.TryGetValue("mitigation", out orphan))
        {
            var key = orphan.Key;
            Error(key, Join(field, key.Value), "bound and mitigation go with a Green Book category (category: equipment_development, ...)");
        }
        foreach (string k in OptimismBias.ExplicitFields)
        {
            if (f.TryGetValue(k, out var entry)
                && NumberIn(entry.Value, Join(field, k), -0.99, 100, "an uplift above -1 (0.54 = +54%, -0.2 = -20%)") is double uplift)
            {
                changes.AddRange(OptimismBias.Changes(k, uplift).Select(c => ((VariantChange)c, (YNode)entry.Key, Join(field, k))));
            }
        }
        return changes;
    }
}
