using RiskSim.Core.Text;

namespace RiskSim.Core.Model;

/// <summary>One input of a scenario in words, with its mean, P10 and P90: a line of <c>risksim explain</c> and a row of results.xlsx's Inputs sheet.</summary>
/// <param name="Input">The input: dotted name, distribution, role and owner.</param>
/// <param name="Distribution">The distribution in words, e.g. "PERT £100k / £150k / £200k", values written as money or as numbers.</param>
/// <param name="IsMoney">Whether the input is an amount of money (else a number of months, heads, a share or a 0/1 flag).</param>
/// <param name="Mean">Mean of the distribution.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Source">The evidence the scenario states for the input (its <c>source:</c>), or null when none is stated.</param>
/// <param name="Line">The whole line as <c>risksim explain</c> prints it, e.g. "ict.annual_saving: PERT …; mean £150k, P10 £120k, P90 £180k; source: …".</param>
public sealed record InputExplanation(InputDefinition Input, string Distribution, bool IsMoney, double Mean, double P10, double P90,
    string? Source, string Line)
{
    /// <summary>Whether the input takes one value in every trial.</summary>
    public bool IsFixed => Input.Distribution.IsConstant;
}

/// <summary>Every input of a scenario in words, in <see cref="InputCatalog"/> order, as <c>risksim explain</c> and results.xlsx show them.</summary>
public static class InputExplanations
{
    /// <summary>Whether inputs of <paramref name="role"/> are amounts of money.</summary>
    public static bool IsMoney(InputRole role) => role is InputRole.AnnualSaving or InputRole.ImplementationCost
        or InputRole.DelayCostPerMonth or InputRole.RedundancyCostPerHead or InputRole.ExitCost or InputRole.RiskCost;

    /// <summary>
    /// The inputs of <paramref name="scenario"/>, each partner's time to withdrawal notice excepted (it is described
    /// with the partner, as an annual chance of notice).
    /// </summary>
    public static IReadOnlyList<InputExplanation> Of(Scenario scenario)
    {
        string Money(double v) => Formats.Money(v, scenario.Currency);
        var list = new List<InputExplanation>();
        foreach (var input in InputCatalog.Of(scenario))
        {
            if (input.Role == InputRole.WithdrawalNotice)
            {
                continue;
            }
            var d = input.Distribution;
            bool money = IsMoney(input.Role);
            Func<double, string> format = money ? Money : Formats.Number;
            string words = d.Describe(format);
            double mean = d.Mean, p10 = d.Quantile(0.1), p90 = d.Quantile(0.9);
            string? source = SourcePaths.Find(scenario, input);
            string stated = source is null ? "" : $"; source: {source}";
            string line = d.IsConstant
                ? $"{input.Name}: {words} (fixed){stated}"
                : $"{input.Name}: {words}; mean {format(mean)}, P10 {format(p10)}, P90 {format(p90)}{stated}";
            list.Add(new InputExplanation(input, words, money, mean, p10, p90, source, line));
        }
        return list;
    }
}
