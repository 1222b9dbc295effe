namespace RiskSim.Core.Model;

/// <summary>The kind of quantity an uncertain input is, used to group contributions and to label inputs.</summary>
public enum InputRole
{
    /// <summary>Steady-state saving of a workstream.</summary>
    AnnualSaving,
    /// <summary>Go-live slip of a workstream.</summary>
    DelayMonths,
    /// <summary>One-off implementation cost.</summary>
    ImplementationCost,
    /// <summary>Cost per month of delay.</summary>
    DelayCostPerMonth,
    /// <summary>Redundancy headcount.</summary>
    RedundancyHeadcount,
    /// <summary>Redundancy cost per head.</summary>
    RedundancyCostPerHead,
    /// <summary>Partner notice time (years).</summary>
    WithdrawalNotice,
    /// <summary>Share of dependent savings a partner's exit removes.</summary>
    SavingsLost,
    /// <summary>One-off exit cost.</summary>
    ExitCost,
    /// <summary>Whether a risk occurs (0 or 1).</summary>
    RiskOccurs,
    /// <summary>Year in which a risk falls.</summary>
    RiskYear,
    /// <summary>Cost of a risk.</summary>
    RiskCost,
    /// <summary>Extra delay a risk causes to one workstream.</summary>
    RiskDelay,
}

/// <summary>One sampled input: its dotted name, distribution and what it belongs to.</summary>
/// <param name="Name">Dotted name as in the scenario format, e.g. <c>ict.annual_saving</c>.</param>
/// <param name="Distribution">Its distribution.</param>
/// <param name="Role">What kind of quantity it is.</param>
/// <param name="Owner">Id of the workstream, partner or risk it belongs to.</param>
public sealed record InputDefinition(string Name, Distribution Distribution, InputRole Role, string Owner);

/// <summary>Lists every sampled input of a scenario by its dotted name, in a fixed order.</summary>
public static class InputCatalog
{
    /// <summary>All inputs of <paramref name="scenario"/>, constant ones included.</summary>
    public static IReadOnlyList<InputDefinition> Of(Scenario scenario)
    {
        var list = new List<InputDefinition>();
        foreach (var w in scenario.Workstreams)
        {
            list.Add(new(InputNames.AnnualSaving(w.Id), w.AnnualSaving, InputRole.AnnualSaving, w.Id));
            list.Add(new(InputNames.DelayMonths(w.Id), w.DelayMonths, InputRole.DelayMonths, w.Id));
            list.Add(new(InputNames.ImplementationCost(w.Id), w.ImplementationCost, InputRole.ImplementationCost, w.Id));
            list.Add(new(InputNames.DelayCostPerMonth(w.Id), w.DelayCostPerMonth, InputRole.DelayCostPerMonth, w.Id));
            if (w.Redundancy is { } r)
            {
                list.Add(new(InputNames.RedundancyHeadcount(w.Id), r.Headcount, InputRole.RedundancyHeadcount, w.Id));
                list.Add(new(InputNames.RedundancyCostPerHead(w.Id), r.CostPerHead, InputRole.RedundancyCostPerHead, w.Id));
            }
        }
        foreach (var p in scenario.Partners)
        {
            if (p.Withdrawal is { } wd)
            {
                list.Add(new(InputNames.Withdrawal(p.Id), new AnnualHazardDistribution(wd.AnnualProbability), InputRole.WithdrawalNotice, p.Id));
                list.Add(new(InputNames.SavingsLost(p.Id), wd.SavingsLost, InputRole.SavingsLost, p.Id));
                list.Add(new(InputNames.ExitCost(p.Id), wd.ExitCost, InputRole.ExitCost, p.Id));
            }
        }
        foreach (var r in scenario.Risks)
        {
            list.Add(new(InputNames.RiskOccurs(r.Id), Bernoulli(r.Probability), InputRole.RiskOccurs, r.Id));
            list.Add(new(InputNames.RiskYear(r.Id), YearRange(r.FirstYear, r.LastYear), InputRole.RiskYear, r.Id));
            list.Add(new(InputNames.RiskCost(r.Id), r.Cost, InputRole.RiskCost, r.Id));
            foreach (var d in r.Delays)
            {
                list.Add(new(InputNames.RiskDelay(r.Id, d.WorkstreamId), d.Months, InputRole.RiskDelay, r.Id));
            }
        }
        return list;
    }

    /// <summary>Occurrence as 0/1: occurs when the driving uniform is at least 1 − p.</summary>
    public static Distribution Bernoulli(double probability) => probability <= 0
        ? new ConstantDistribution(0)
        : probability >= 1 ? new ConstantDistribution(1) : new DiscreteDistribution([0.0, 1.0], [1 - probability, probability]);

    /// <summary>A uniform integer year in [first, last]; later years for larger driving uniforms.</summary>
    public static Distribution YearRange(int first, int last) => first == last
        ? new ConstantDistribution(first)
        : new DiscreteDistribution(
            Enumerable.Range(first, last - first + 1).Select(y => (double)y).ToArray(),
            Enumerable.Repeat(1.0, last - first + 1).ToArray());
}
