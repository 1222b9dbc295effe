using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>
/// Applies <c>--variant NAME</c> and <c>--set path=value</c> to a scenario read from a file, so the
/// same changes a variant declares can be made from the command line without editing the file.
/// </summary>
public static class VariantSelection
{
    /// <summary>The scenario with the named variant (if any) and then each <c>--set</c> applied.</summary>
    /// <exception cref="ScenarioException">An unknown variant, or a malformed or impossible <c>--set</c>.</exception>
    public static Scenario Apply(Scenario scenario, string scenarioPath, string? variant, IReadOnlyList<string> sets)
    {
        var result = scenario;
        if (variant is not null)
        {
            var declared = scenario.Variants.FirstOrDefault(v => v.Name == variant)
                ?? throw new ScenarioException([new ScenarioError(scenarioPath, 1, 1, "variants",
                    scenario.Variants.Count == 0
                        ? $"no variant named '{variant}': the scenario declares no variants"
                        : $"no variant named '{variant}'; declared: {string.Join(", ", scenario.Variants.Select(v => v.Name))}")]);
            result = VariantApplier.Apply(result, declared);
        }
        var errors = new List<ScenarioError>();
        var changes = new List<SetChange>();
        foreach (string set in sets)
        {
            try
            {
                changes.Add(ScenarioReader.ParseSetOption(set));
            }
            catch (ScenarioException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        var problems = new List<ScenarioProblem>();
        foreach (var change in changes)
        {
            if (!VariantApplier.TryApply(result, change, out result, problems))
            {
                errors.Add(new ScenarioError("--set", 1, 1, change.Path, problems[^1].Message));
            }
        }
        if (errors.Count == 0)
        {
            // The changed scenario keeps every rule a file must keep (a --set may fix a correlated input).
            string source = sets.Count > 0 ? "--set" : $"{scenarioPath} [--variant {variant}]";
            errors.AddRange(ScenarioRules.Check(result).Select(p => new ScenarioError(source, 1, 1, p.Field, p.Message)));
        }
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }
        return changes.Count > 0 && variant is null ? result with { Name = result.Name + " [--set]" } : result;
    }
}
