using System.Globalization;

namespace RiskSim.Core.Model;

/// <summary>Applies a variant's changes to a scenario, producing a new validated scenario.</summary>
public static class VariantApplier
{
    /// <summary>The scenario as the variant describes it.</summary>
    /// <exception cref="ArgumentException">A change names nothing, or leaves a value out of range.</exception>
    public static Scenario Apply(Scenario scenario, ScenarioVariant variant)
    {
        var result = scenario;
        foreach (var change in variant.Changes)
        {
            result = Apply(result, change);
        }
        return result with { Name = $"{scenario.Name} [{variant.Name}]" };
    }

    /// <summary>Applies one change.</summary>
    public static Scenario Apply(Scenario scenario, VariantChange change) => change switch
    {
        RemovePartnerChange r => RemovePartner(scenario, r.PartnerId),
        SetChange s => Modify(scenario, s.Path, _ => s.Value, v => s.Value.IsConstant ? s.Value.SupportMin : throw new ArgumentException(
            $"{s.Path} takes a plain number, not a distribution")),
        ScaleChange c => Modify(scenario, c.Path, d => d.Scale(c.Factor), v => v * c.Factor),
        _ => throw new ArgumentException($"unknown change {change}"),
    };

    private static Scenario RemovePartner(Scenario scenario, string id)
    {
        if (scenario.Partners.All(p => p.Id != id))
        {
            throw new ArgumentException($"no partner with id '{id}'");
        }
        var partners = scenario.Partners.Select(p => p.Id != id ? p : p with
        {
            Withdrawal = new PartnerWithdrawal
            {
                AnnualProbability = 1,
                NoticeMonths = 0,
                SavingsLost = p.Withdrawal?.SavingsLost ?? new ConstantDistribution(p.Share),
                ExitCost = new ConstantDistribution(0),
            },
        }).ToList();
        string prefix = id + ".";
        var correlations = scenario.Correlations
            .Where(c => !c.First.StartsWith(prefix + "withdrawal", StringComparison.Ordinal)
                && !c.Second.StartsWith(prefix + "withdrawal", StringComparison.Ordinal)
                && c.First != prefix + "exit_cost" && c.Second != prefix + "exit_cost")
            .ToList();
        return scenario with { Partners = partners, Correlations = correlations };
    }

    private static Scenario Modify(Scenario scenario, string path, Func<Distribution, Distribution> distribution, Func<double, double> number)
    {
        if (VariantPaths.Scenario.ContainsKey(path))
        {
            return path == "discount_rate"
                ? scenario with { DiscountRate = CheckRate(number(scenario.DiscountRate), path) }
                : scenario.Target is { } target
                    ? scenario with { Target = target with { CumulativeNetSavings = number(target.CumulativeNetSavings) } }
                    : throw new ArgumentException($"{path}: the scenario has no target");
        }
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            throw new ArgumentException($"'{path}' is not a path like ict.delay_months or *.annual_saving");
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
                "go_live_month" => w with { GoLiveMonth = CheckMonths(number(w.GoLiveMonth), path) },
                "delay_months" => w with { DelayMonths = CheckDelay(distribution(w.DelayMonths), path) },
                "ramp_months" => w with { RampMonths = CheckMonths(number(w.RampMonths), path) },
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
                    "withdrawal.annual_probability" => wd with { AnnualProbability = CheckProbability(number(wd.AnnualProbability), path) },
                    "withdrawal.notice_months" => wd with { NoticeMonths = CheckMonths(number(wd.NoticeMonths), path) },
                    "withdrawal.savings_lost" => wd with { SavingsLost = CheckFraction(distribution(wd.SavingsLost), path) },
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
                    Delays = r.Delays.Select(d => ws is not null && d.WorkstreamId != ws ? d : d with { Months = CheckDelay(distribution(d.Months), path) }).ToList(),
                };
            }
            if (!VariantPaths.Risk.ContainsKey(field))
            {
                return r;
            }
            matched++;
            return field == "probability"
                ? r with { Probability = CheckProbability(number(r.Probability), path) }
                : r with { Cost = distribution(r.Cost) };
        }).ToList();
        if (matched == 0)
        {
            throw new ArgumentException($"'{path}' matches nothing in the scenario");
        }
        return scenario with { Workstreams = workstreams, Partners = partners, Risks = risks };
    }

    private static double CheckProbability(double p, string path) => p is >= 0 and <= 1
        ? p
        : throw new ArgumentException($"{path} becomes {p.ToString(CultureInfo.InvariantCulture)}, outside [0, 1]");

    private static double CheckRate(double r, string path) => r is >= 0 and < 1
        ? r
        : throw new ArgumentException($"{path} becomes {r.ToString(CultureInfo.InvariantCulture)}, outside [0, 1)");

    private static double CheckMonths(double m, string path) => m >= 0
        ? m
        : throw new ArgumentException($"{path} becomes negative");

    private static Distribution CheckDelay(Distribution d, string path) => d.SupportMin >= 0
        ? d
        : throw new ArgumentException($"{path}: a delay must not be negative ({d})");

    private static Distribution CheckFraction(Distribution d, string path) => d.SupportMin >= 0 && d.SupportMax <= 1
        ? d
        : throw new ArgumentException($"{path} must stay within [0, 1] ({d})");
}
