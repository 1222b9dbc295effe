using System.Globalization;
using RiskSim.Core.Sampling;

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

    /// <summary>Most partners a scenario may have (the engine keeps one bit per partner).</summary>
    public const int MaxPartners = 64;

    /// <summary>Why a correlation with a fixed input is refused.</summary>
    public static string FixedCorrelation(string input) =>
        $"'{input}' is a fixed value, so a correlation with it has no effect; give it a distribution or remove the correlation";

    /// <summary>
    /// Every rule the scenario breaks (empty when it keeps them all): sizes of numbers, correlations only between
    /// uncertain inputs that exist, partner shares summing to 1, at most <see cref="MaxPartners"/> partners, and a
    /// possible correlation matrix. Each problem's field is a file path or an input name the reader can locate.
    /// </summary>
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
        CheckPartners(scenario.Partners, problems);
        CheckCorrelationMatrix(scenario.Correlations, problems);
        return problems;
    }

    /// <summary>The rules of the partner list as a whole: shares sum to 1 and at most <see cref="MaxPartners"/> partners.</summary>
    /// <remarks>Fields are <c>partners.share</c> and <c>partners</c>; an empty list is left to the reader's own message.</remarks>
    public static void CheckPartners(IReadOnlyList<Partner> partners, ICollection<ScenarioProblem> problems)
    {
        if (partners.Count == 0)
        {
            return;
        }
        double total = partners.Sum(p => p.Share);
        if (Math.Abs(total - 1) > 1e-9)
        {
            problems.Add(new("partners.share",
                $"partner shares must sum to 1, they sum to {total.ToString("0.##########", CultureInfo.InvariantCulture)}"));
        }
        if (partners.Count > MaxPartners)
        {
            problems.Add(new("partners", $"at most {MaxPartners} partners are supported"));
        }
    }

    /// <summary>
    /// Each connected group of correlated inputs must form a positive semi-definite matrix (of the rank and of the
    /// implied Pearson correlations); adds one problem, field <c>correlations</c>, for the first group that does not.
    /// </summary>
    /// <returns>True when every group is possible.</returns>
    public static bool CheckCorrelationMatrix(IReadOnlyList<RankCorrelation> correlations, ICollection<ScenarioProblem> problems)
    {
        var index = correlations.SelectMany(c => new[] { c.First, c.Second }).Distinct().Select((n, k) => (n, k)).ToDictionary(x => x.n, x => x.k);
        var indexed = correlations.Select(c => (index[c.First], index[c.Second], c.Rank)).ToList();
        foreach (var group in GaussianCopula.Build(indexed))
        {
            var members = group.Members.ToHashSet();
            var local = group.Members.Select((m, k) => (m, k)).ToDictionary(x => x.m, x => x.k);
            var groupPairs = indexed.Where(p => members.Contains(p.Item1)).Select(p => (local[p.Item1], local[p.Item2], p.Rank)).ToList();
            double rankMin = GaussianCopula.SmallestRankEigenvalue(members.Count, groupPairs);
            double pearsonMin = GaussianCopula.SmallestEigenvalue(members.Count, groupPairs);
            if (rankMin < -1e-9 || pearsonMin < -1e-9)
            {
                var names = index.Where(kv => members.Contains(kv.Value)).Select(kv => kv.Key);
                problems.Add(new("correlations",
                    $"the correlations between {string.Join(", ", names)} are impossible together (the correlation matrix is not positive semi-definite, smallest eigenvalue {Math.Min(rankMin, pearsonMin).ToString("0.####", CultureInfo.InvariantCulture)}); weaken some of them"));
                return false;
            }
        }
        return true;
    }

    private static double Finite(double v) => double.IsInfinity(v) ? 0 : Math.Abs(v);
}
