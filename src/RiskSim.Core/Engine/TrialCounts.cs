using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// One worker's counts of whole-number outcomes: trials by payback year, trials in which each partner left
/// within the horizon, and trials in which each risk occurred. Counts add up the same in any order.
/// </summary>
internal sealed class TrialCounts(CompiledScenario model)
{
    /// <summary>Trials by payback year (index 0: no payback within the horizon).</summary>
    public long[] Payback { get; } = new long[model.H + 1];

    /// <summary>Trials in which each partner left within the horizon.</summary>
    public long[] Exits { get; } = new long[model.Partners.Length];

    /// <summary>Trials in which each risk occurred.</summary>
    public long[] Occurrences { get; } = new long[model.Risks.Length];

    /// <summary>Per partner ledger, trials by its payback year (index 0: none within the horizon).</summary>
    public long[][] PartnerPayback { get; } = model.Layout.Partners.Select(_ => new long[model.H + 1]).ToArray();

    /// <summary>Per partner ledger, trials with its NPV below 0.</summary>
    public long[] PartnerNpvNegative { get; } = new long[model.Layout.Partners.Count];

    /// <summary>Per partner ledger, trials meeting its own target (0 without one).</summary>
    public long[] PartnerTargetMet { get; } = new long[model.Layout.Partners.Count];

    /// <summary>Per year of the programme's savings profile, trials meeting that year's figure (empty without a profile).</summary>
    public long[] ProfileMet { get; } = new long[model.Scenario.Target?.Profile?.Count ?? 0];

    /// <summary>Per partner ledger, per year of its own savings profile, trials meeting that year's figure.</summary>
    public long[][] PartnerProfileMet { get; } = model.Layout.Partners
        .Select((_, p) => new long[model.Scenario.Partners[p].Target?.Profile?.Count ?? 0]).ToArray();

    /// <summary>Trials needing funding up front (peak funding above 0), the programme's then each partner ledger's.</summary>
    public long[] FundingNeeded { get; } = new long[1 + model.Layout.Partners.Count];

    /// <summary>Counts the trials of one block.</summary>
    public void Add(BlockWorkspace w)
    {
        AddProfilesAndFunding(w);
        foreach (int p in w.Payback.AsSpan(0, w.Count))
        {
            Payback[p]++;
        }
        // Vectorised counts of the same rules: TrialRules.Left (not NaN) and TrialRules.RiskOccurred (at least one half).
        for (int p = 0; p < Exits.Length; p++)
        {
            Exits[p] += ColumnKernels.NotNaN(w.ExitMonth.AsSpan(p * w.Size, w.Count));
        }
        for (int r = 0; r < Occurrences.Length; r++)
        {
            Occurrences[r] += ColumnKernels.AtLeast(w.Input(w.Model.Risks[r].Occurs), 0.5);
        }
        var ledgers = w.Model.Layout.Partners;
        for (int p = 0; p < ledgers.Count; p++)
        {
            foreach (int year in w.PartnerPayback.AsSpan(p * w.Size, w.Count))
            {
                PartnerPayback[p][year]++;
            }
            PartnerNpvNegative[p] += ColumnKernels.Below(w.Metric(ledgers[p].Npv), 0);
            if (w.Model.Scenario.Partners[p].Target is { } target)
            {
                PartnerTargetMet[p] += ColumnKernels.AtLeast(w.Metric(ledgers[p].Cumulative(target.ByYear)), target.CumulativeNetSavings);
            }
        }
    }

    /// <summary>The sum of several workers' counts.</summary>
    public static TrialCounts Sum(CompiledScenario model, IEnumerable<TrialCounts> parts)
    {
        var total = new TrialCounts(model);
        foreach (var part in parts)
        {
            Add(total.Payback, part.Payback);
            Add(total.Exits, part.Exits);
            Add(total.Occurrences, part.Occurrences);
            Add(total.PartnerNpvNegative, part.PartnerNpvNegative);
            Add(total.PartnerTargetMet, part.PartnerTargetMet);
            Add(total.ProfileMet, part.ProfileMet);
            Add(total.FundingNeeded, part.FundingNeeded);
            for (int p = 0; p < total.PartnerPayback.Length; p++)
            {
                Add(total.PartnerPayback[p], part.PartnerPayback[p]);
                Add(total.PartnerProfileMet[p], part.PartnerProfileMet[p]);
            }
        }
        return total;
    }

    // Trials meeting each year's figure of a savings profile, and trials needing funding up front: the programme's
    // and each partner's own.
    private void AddProfilesAndFunding(BlockWorkspace w)
    {
        CountProfile(w, w.Model.Scenario.Target?.Profile, w.Model.Layout.Programme, ProfileMet);
        FundingNeeded[0] += CountPositive(w.Metric(w.Model.Layout.Programme.PeakFunding));
        var ledgers = w.Model.Layout.Partners;
        for (int p = 0; p < ledgers.Count; p++)
        {
            CountProfile(w, w.Model.Scenario.Partners[p].Target?.Profile, ledgers[p], PartnerProfileMet[p]);
            FundingNeeded[p + 1] += CountPositive(w.Metric(ledgers[p].PeakFunding));
        }
    }

    private static long CountPositive(ReadOnlySpan<double> values) => ColumnKernels.Above(values, 0);

    private static void CountProfile(BlockWorkspace w, IReadOnlyList<double>? profile, MetricBlock ledger, long[] met)
    {
        if (profile is null)
        {
            return;
        }
        for (int t = 0; t < profile.Count; t++)
        {
            met[t] += ColumnKernels.AtLeast(w.Metric(ledger.Cumulative(t + 1)), profile[t]);
        }
    }

    private static void Add(long[] into, long[] from)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }
}
