using System.Globalization;

namespace RiskSim.Core.Model;

/// <summary>A rule of the model that a scenario breaks, with the dotted path of what breaks it.</summary>
/// <param name="Field">Dotted path, e.g. <c>correlations[0].between</c> or <c>ict.implementation_cost</c>.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record ScenarioProblem(string Field, string Message);

/// <summary>
/// The rules a whole scenario must keep, checked wherever a scenario is made or changed: after reading a
/// file, after applying a variant and after <c>--set</c>. A change that breaks one is reported as the same
/// problem <c>validate</c> would report for a file written that way.
/// </summary>
public static class ScenarioRules
{
    /// <summary>
    /// Largest size of any number (10¹⁵: a thousand trillion pounds): far beyond any council's budget and
    /// small enough that every sum, mean, variance and weight total stays finite.
    /// </summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Why a correlation with a fixed input is refused.</summary>
    public static string FixedCorrelation(string input) =>
        $"'{input}' is a fixed value, so a correlation with it has no effect; give it a distribution or remove the correlation";

    /// <summary>Every rule the scenario breaks (empty when it keeps them all).</summary>
    public static IReadOnlyList<ScenarioProblem> Check(Scenario scenario)
    {
        var problems = new List<ScenarioProblem>();
        var inputs = InputCatalog.Of(scenario);
        foreach (var input in inputs)
        {
            if (input.Role == InputRole.WithdrawalNotice)
            {
                continue;
            }
            var d = input.Distribution;
            double[] sizes = [Math.Abs(d.Mean), Math.Sqrt(d.Variance), Finite(d.SupportMin), Finite(d.SupportMax)];
            if (sizes.Any(v => !(v <= MaxMagnitude)))
            {
                problems.Add(new(input.Name, $"{d} is too large: numbers in a scenario are at most 1e15 in size, so that no sum, mean or variance overflows"));
            }
        }
        if (scenario.Target is { } target && !(Math.Abs(target.CumulativeNetSavings) <= MaxMagnitude))
        {
            problems.Add(new("target.cumulative_net_savings",
                $"{target.CumulativeNetSavings.ToString("G6", CultureInfo.InvariantCulture)} is too large: at most 1e15"));
        }
        var byName = inputs.ToDictionary(i => i.Name, i => i.Distribution, StringComparer.Ordinal);
        for (int c = 0; c < scenario.Correlations.Count; c++)
        {
            var correlation = scenario.Correlations[c];
            foreach (string name in new[] { correlation.First, correlation.Second })
            {
                if (!byName.TryGetValue(name, out var d))
                {
                    problems.Add(new($"correlations[{c}].between", $"no uncertain input named '{name}'"));
                }
                else if (d.IsConstant)
                {
                    problems.Add(new($"correlations[{c}].between", FixedCorrelation(name)));
                }
            }
        }
        return problems;
    }

    private static double Finite(double v) => double.IsInfinity(v) ? 0 : Math.Abs(v);
}
