using System.Globalization;

namespace RiskSim.Core.Model;

/// <summary>
/// Applies a variant's changes to a scenario. A change that names nothing or leaves a value out of range is
/// reported as a <see cref="ScenarioProblem"/>, never thrown: it is the user's mistake.
/// </summary>
public static class VariantApplier
{
    /// <summary>The scenario as a variant describes it; the variant must be one the reader validated.</summary>
    /// <exception cref="InvalidOperationException">A bug: the variant was not validated (<see cref="TryApply"/> refuses it).</exception>
    public static Scenario Apply(Scenario scenario, ScenarioVariant variant)
    {
        var result = scenario;
        var problems = new List<ScenarioProblem>();
        foreach (var change in variant.Changes)
        {
            if (!TryApply(result, change, out result, problems))
            {
                throw new InvalidOperationException($"variant '{variant.Name}' was not validated: {problems[0].Field}: {problems[0].Message}");
            }
        }
        return result with { Name = $"{scenario.Name} [{variant.Name}]" };
    }

    /// <summary>
    /// Applies one change, or adds to <paramref name="problems"/> why it cannot apply (its
    /// <see cref="ScenarioProblem.Field"/> is the change's path, or <c>remove_partner</c>).
    /// </summary>
    /// <param name="scenario">The scenario before the change.</param>
    /// <param name="change">The change.</param>
    /// <param name="result">The changed scenario, or <paramref name="scenario"/> unchanged when it cannot apply.</param>
    /// <param name="problems">Receives the (first) problem when the change cannot apply.</param>
    /// <returns>True when the change applied.</returns>
    public static bool TryApply(Scenario scenario, VariantChange change, out Scenario result, ICollection<ScenarioProblem> problems)
    {
        // Every problem is gathered, but only the first is reported, as each later one may follow from it.
        var found = new List<ScenarioProblem>();
        var changed = change switch
        {
            RemovePartnerChange r => RemovePartner(scenario, r.PartnerId, found),
            SetChange s => Modify(scenario, s.Path, _ => s.Value, v =>
            {
                if (!s.Value.IsConstant)
                {
                    found.Add(new(s.Path, $"{s.Path} takes a plain number, not a distribution"));
                }
                return s.Value.SupportMin;
            }, found),
            ScaleChange c => Modify(scenario, c.Path, d => d.Scale(c.Factor), v => v * c.Factor, found),
            ShiftChange h => Modify(scenario, h.Path, d => d.Shift(h.Offset), v => v + h.Offset, found),
            _ => throw new ArgumentException($"unknown kind of change {change}", nameof(change)),
        };
        if (found.Count > 0)
        {
            problems.Add(found[0]);
            result = scenario;
            return false;
        }
        result = changed;
        return true;
    }

    private static Scenario RemovePartner(Scenario scenario, string id, List<ScenarioProblem> problems)
    {
        if (scenario.Partners.All(p => p.Id != id))
        {
            problems.Add(new("remove_partner", $"no partner with id '{id}'"));
            return scenario;
        }
        // A council that never joins has no promise of its own to keep: its own target goes too.
        var partners = scenario.Partners.Select(p => p.Id != id ? p : p with
        {
            Target = null,
            Withdrawal = new PartnerWithdrawal
            {
                AnnualProbability = 1,
                NoticeMonths = 0,
                SavingsLost = p.Withdrawal?.SavingsLost ?? new ConstantDistribution(p.Share),
                ExitCost = new ConstantDistribution(0),
            },
        }).ToList();
        // Its notice time and exit cost are now fixed, so correlations with them go.
        bool Fixed(string input) => input == InputNames.Withdrawal(id) || input == InputNames.ExitCost(id);
        var correlations = scenario.Correlations.Where(c => !Fixed(c.First) && !Fixed(c.Second)).ToList();
        // On the partners' ledgers its weight is 0 in every key; a key that named only it falls back to the
        // remaining partners by share.
        AllocationKey Without(AllocationKey key)
        {
            var weights = AllocationWeights.Of(key, scenario);
            int removed = scenario.Partners.ToList().FindIndex(p => p.Id == id);
            weights[removed] = 0;
            if (!weights.Any(w => w > 0))
            {
                weights = AllocationWeights.Of(AllocationKey.Shares, scenario);
                weights[removed] = 0;
            }
            return new WeightsKey(scenario.Partners.Select((p, i) => new KeyValuePair<string, double>(p.Id, weights[i]))
                .Where(w => w.Value > 0).ToList());
        }
        var workstreams = scenario.Workstreams.Select(w => w with
        {
            Allocation = new WorkstreamAllocation(Without(w.Allocation.SavingsKey), Without(w.Allocation.CostsKey),
                Without(w.Allocation.RedundancyKey)),
        }).ToList();
        var risks = scenario.Risks.Select(r => r with { CostAllocation = Without(r.CostAllocation) }).ToList();
        return scenario with { Partners = partners, Workstreams = workstreams, Risks = risks, Correlations = correlations };
    }

    private static Scenario Modify(Scenario scenario, string path, Func<Distribution, Distribution> distribution, Func<double, double> number,
        List<ScenarioProblem> problems)
    {
        if (VariantPaths.Scenario.ContainsKey(path))
        {
            if (path == "discount_rate")
            {
                return scenario with { DiscountRate = CheckRate(number(scenario.DiscountRate), path, scenario.DiscountRate, problems) };
            }
            if (scenario.Target is not { } target)
            {
                problems.Add(new(path, $"{path}: the scenario has no target"));
                return scenario;
            }
            return scenario with { Target = target.WithCumulative(number(target.CumulativeNetSavings)) };
        }
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            problems.Add(new(path, $"'{path}' is not a path like ict.delay_months or *.annual_saving"));
            return scenario;
        }
        string id = path[..dot], field = path[(dot + 1)..];
        bool any = id == "*";
        int matched = 0;
        var workstreams = scenario.Workstreams.Select(w =>
        {
            if ((!any && w.Id != id) || !VariantPaths.Workstream.ContainsKey(field) || (field.StartsWith("redundancy.", StringComparison.Ordinal) && w.Redundancy is null))
            {
                return w;
            }
            matched++;
            return field switch
            {
                "annual_saving" => w with { AnnualSaving = distribution(w.AnnualSaving) },
                "go_live_month" => w with { GoLiveMonth = CheckMonths(number(w.GoLiveMonth), path, w.GoLiveMonth, problems) },
                "delay_months" => w with { DelayMonths = CheckDelay(distribution(w.DelayMonths), path, w.DelayMonths, problems) },
                "ramp_months" => w with { RampMonths = CheckMonths(number(w.RampMonths), path, w.RampMonths, problems) },
                "implementation_cost" => w with { ImplementationCost = distribution(w.ImplementationCost) },
                "delay_cost_per_month" => w with { DelayCostPerMonth = distribution(w.DelayCostPerMonth) },
                "redundancy.headcount" => w with { Redundancy = w.Redundancy! with { Headcount = distribution(w.Redundancy.Headcount) } },
                _ => w with { Redundancy = w.Redundancy! with { CostPerHead = distribution(w.Redundancy.CostPerHead) } },
            };
        }).ToList();
        var partners = scenario.Partners.Select(p =>
        {
            if ((!any && p.Id != id) || !VariantPaths.Partner.ContainsKey(field) || p.Withdrawal is not { } wd)
            {
                return p;
            }
            matched++;
            return p with
            {
                Withdrawal = field switch
                {
                    "withdrawal.annual_probability" => wd with { AnnualProbability = CheckProbability(number(wd.AnnualProbability), path, wd.AnnualProbability, problems) },
                    "withdrawal.notice_months" => wd with { NoticeMonths = CheckMonths(number(wd.NoticeMonths), path, wd.NoticeMonths, problems) },
                    "withdrawal.savings_lost" => wd with { SavingsLost = CheckFraction(distribution(wd.SavingsLost), path, wd.SavingsLost, problems) },
                    _ => wd with { ExitCost = distribution(wd.ExitCost) },
                },
            };
        }).ToList();
        var risks = scenario.Risks.Select(r =>
        {
            if (!any && r.Id != id)
            {
                return r;
            }
            if (field == "delay_months" || field.StartsWith("delay_months.", StringComparison.Ordinal))
            {
                // <risk>.delay_months (or *.delay_months) reaches every extra slip the risk causes.
                string? ws = field == "delay_months" ? null : field["delay_months.".Length..];
                if (r.Delays.All(d => ws is not null && d.WorkstreamId != ws) || r.Delays.Count == 0)
                {
                    return r;
                }
                matched++;
                return r with
                {
                    Delays = r.Delays.Select(d => ws is not null && d.WorkstreamId != ws ? d : d with { Months = CheckDelay(distribution(d.Months), path, d.Months, problems) }).ToList(),
                };
            }
            if (!VariantPaths.Risk.ContainsKey(field))
            {
                return r;
            }
            matched++;
            return field == "probability"
                ? r with { Probability = CheckProbability(number(r.Probability), path, r.Probability, problems) }
                : r with { Cost = distribution(r.Cost) };
        }).ToList();
        if (matched == 0)
        {
            problems.Add(new(path, $"'{path}' matches nothing in the scenario"));
        }
        return scenario with { Workstreams = workstreams, Partners = partners, Risks = risks };
    }

    // Each check adds a problem and keeps the value before the change when the new one breaks the rule.
    private static double CheckProbability(double p, string path, double before, List<ScenarioProblem> problems) => p is >= 0 and <= 1
        ? p
        : Refuse(problems, path, $"{path} becomes {p.ToString(CultureInfo.InvariantCulture)}, outside [0, 1]", before);

    private static double CheckRate(double r, string path, double before, List<ScenarioProblem> problems) => r is >= 0 and < 1
        ? r
        : Refuse(problems, path, $"{path} becomes {r.ToString(CultureInfo.InvariantCulture)}, outside [0, 1)", before);

    private static double CheckMonths(double m, string path, double before, List<ScenarioProblem> problems) => m >= 0
        ? m
        : Refuse(problems, path, $"{path} becomes negative", before);

    private static Distribution CheckDelay(Distribution d, string path, Distribution before, List<ScenarioProblem> problems) => d.SupportMin >= 0
        ? d
        : Refuse(problems, path, $"{path}: a delay must not be negative ({d})", before);

    private static Distribution CheckFraction(Distribution d, string path, Distribution before, List<ScenarioProblem> problems) =>
        d.SupportMin >= 0 && d.SupportMax <= 1
            ? d
            : Refuse(problems, path, $"{path} must stay within [0, 1] ({d})", before);

    private static T Refuse<T>(List<ScenarioProblem> problems, string path, string message, T before)
    {
        problems.Add(new(path, message));
        return before;
    }
}
