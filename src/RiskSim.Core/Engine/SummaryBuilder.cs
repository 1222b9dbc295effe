using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>The summary table and decision figures of a run.</summary>
/// <param name="Rows">Rows per metric and year, then whole-horizon metrics.</param>
/// <param name="Decision">Decision figures.</param>
internal sealed record RunSummary(IReadOnlyList<SummaryRow> Rows, DecisionFigures Decision);

/// <summary>
/// Builds the summary table (mean, sd, min, max and the reported percentiles of every metric)
/// and the decision figures from a run's merged moments, percentile estimates and counts.
/// </summary>
internal static class SummaryBuilder
{
    /// <summary>The percentile whose shortfall from the target is the reserve for 80% confidence.</summary>
    public const double Reserve80Percentile = 0.20;

    /// <summary>The percentile behind the reserve for 90% confidence.</summary>
    public const double Reserve90Percentile = 0.10;

    /// <summary>The percentile behind the reserve for 95% confidence.</summary>
    public const double Reserve95Percentile = 0.05;

    /// <summary>The percentile of peak funding that is enough in 80% of trials.</summary>
    public const double Funding80Percentile = 0.80;

    /// <summary>
    /// The percentiles the estimator must read accurately: the reported ones, P80 (peak funding) and, with a target, P20.
    /// </summary>
    public static IReadOnlyList<double> NeededPercentiles(CompiledScenario model)
    {
        var probabilities = new List<double>(Percentiles.Reported) { Funding80Percentile };
        if (model.Scenario.Target is not null || (model.HasLedgers && model.Scenario.Partners.Any(p => p.Target is not null)))
        {
            probabilities.Add(Reserve80Percentile);
        }
        return probabilities;
    }

    /// <summary>
    /// The metrics whose reserve percentiles and interval ends are read exactly: the programme's cumulative net
    /// savings at its target year and each partner's at its own target year (when the run keeps ledgers).
    /// </summary>
    public static IReadOnlyList<int> DecisionMetrics(CompiledScenario model)
    {
        var metrics = new List<int>();
        if (model.Scenario.Target is { } target)
        {
            metrics.Add(model.Layout.Programme.Cumulative(target.ByYear));
        }
        var ledgers = model.Layout.Partners;
        for (int p = 0; p < ledgers.Count; p++)
        {
            if (model.Scenario.Partners[p].Target is { } own)
            {
                metrics.Add(ledgers[p].Cumulative(own.ByYear));
            }
        }
        return metrics.Distinct().ToList();
    }

    /// <summary>The intervals of the three reserves against <paramref name="target"/> read from a decision metric.</summary>
    private static ReserveIntervals ReservesOf(double target, int metric, long n, PercentileEstimates estimates)
    {
        Interval Q(double q) => ConfidenceInterval.Quantile(n, q, rank => estimates.OrderStatistic(metric, rank));
        var p20 = Q(Reserve80Percentile);
        var p10 = Q(Reserve90Percentile);
        var p5 = Q(Reserve95Percentile);
        return new ReserveIntervals(p20, p10, p5, ConfidenceInterval.Reserve(target, p20), ConfidenceInterval.Reserve(target, p10),
            ConfidenceInterval.Reserve(target, p5));
    }

    /// <summary>Builds the rows and the decision figures.</summary>
    /// <param name="model">The compiled scenario.</param>
    /// <param name="trials">Trials in the run.</param>
    /// <param name="moments">Each metric's moments, merged in block order.</param>
    /// <param name="estimates">The percentile estimates.</param>
    /// <param name="counts">Payback, exit and occurrence counts over the run.</param>
    /// <param name="targetMet">Trials that met the target.</param>
    public static RunSummary Build(CompiledScenario model, long trials, Moments[] moments, PercentileEstimates estimates,
        TrialCounts counts, long targetMet)
    {
        long n = trials;
        var rows = MetricLayout.Rows(model.Layout.Programme)
            .Select(r => Row(r.Metric, r.Year, moments[r.Column], p => estimates.Percentile(r.Column, p)))
            .ToList();
        rows.Add(PaybackRow(counts.Payback));
        rows.Add(FundingRow(model.Layout.Programme, moments, estimates));
        var ledgers = model.Layout.Partners;
        for (int p = 0; p < ledgers.Count; p++)
        {
            string id = model.Scenario.Partners[p].Id;
            rows.AddRange(MetricLayout.Rows(ledgers[p])
                .Select(r => Row(r.Metric, r.Year, moments[r.Column], q => estimates.Percentile(r.Column, q)) with { Partner = id }));
            rows.Add(PaybackRow(counts.PartnerPayback[p]) with { Partner = id });
            rows.Add(FundingRow(ledgers[p], moments, estimates) with { Partner = id });
        }

        var scenario = model.Scenario;
        double? pTarget = null, p20 = null, p10 = null, p5 = null;
        Interval? pTargetCi = null;
        ReserveIntervals? reservesCi = null;
        if (scenario.Target is { } target)
        {
            pTarget = (double)targetMet / n;
            pTargetCi = ConfidenceInterval.Wilson(targetMet, n);
            int metric = model.Layout.Programme.Cumulative(target.ByYear);
            reservesCi = ReservesOf(target.CumulativeNetSavings, metric, n, estimates);
            p20 = estimates.Percentile(metric, Reserve80Percentile);
            p10 = estimates.Percentile(metric, Reserve90Percentile);
            p5 = estimates.Percentile(metric, Reserve95Percentile);
        }
        double? Reserve(double? p) => p is double v ? Math.Max(0, scenario.Target!.CumulativeNetSavings - v) : null;
        // Every partner is listed; one without a withdrawal risk has probability 0.
        var exits = scenario.Partners.Select((partner, p) =>
            new PartnerExitFigure(partner.Id, partner.Name, (double)counts.Exits[p] / n)
            {
                Ci95 = ConfidenceInterval.Wilson(counts.Exits[p], n),
            }).ToList();
        var risks = scenario.Risks.Select((r, i) => new RiskFrequencyFigure(r.Id, r.Name, (double)counts.Occurrences[i] / n)
        {
            Ci95 = ConfidenceInterval.Wilson(counts.Occurrences[i], n),
        }).ToList();
        var decision = new DecisionFigures(scenario.Target, pTarget, p20, p10, p5,
            Reserve(p20), Reserve(p10), Reserve(p5), (double)(n - counts.Payback[0]) / n, exits, risks)
        {
            Partners = ledgers.Select((ledger, p) => PartnerDecisionOf(scenario.Partners[p], ledger, n, counts, p, estimates) with
            {
                Profile = ProfileOf(scenario.Partners[p].Target, ledger, n, counts.PartnerProfileMet[p], estimates),
                PeakFunding = FundingOf(ledger, n, counts.FundingNeeded[p + 1], moments, estimates),
            }).ToList(),
            Profile = ProfileOf(scenario.Target, model.Layout.Programme, n, counts.ProfileMet, estimates),
            PeakFunding = FundingOf(model.Layout.Programme, n, counts.FundingNeeded[0], moments, estimates),
            ProbabilityTargetMetCi95 = pTargetCi,
            ReservesCi95 = reservesCi,
            ProbabilityOfPaybackCi95 = ConfidenceInterval.Wilson(n - counts.Payback[0], n),
        };
        return new RunSummary(rows, decision);
    }

    private static PartnerDecision PartnerDecisionOf(Core.Model.Partner partner, MetricBlock ledger, long n, TrialCounts counts,
        int p, PercentileEstimates estimates)
    {
        double payback = (double)(n - counts.PartnerPayback[p][0]) / n;
        double npvNegative = (double)counts.PartnerNpvNegative[p] / n;
        var paybackCi = ConfidenceInterval.Wilson(n - counts.PartnerPayback[p][0], n);
        var npvNegativeCi = ConfidenceInterval.Wilson(counts.PartnerNpvNegative[p], n);
        if (partner.Target is not { } target)
        {
            return new PartnerDecision(partner.Id, partner.Name, null, payback, npvNegative, null, null, null, null, null, null, null)
            {
                ProbabilityOfPaybackCi95 = paybackCi,
                ProbabilityNpvNegativeCi95 = npvNegativeCi,
            };
        }
        int metric = ledger.Cumulative(target.ByYear);
        double p20 = estimates.Percentile(metric, Reserve80Percentile);
        double p10 = estimates.Percentile(metric, Reserve90Percentile);
        double p5 = estimates.Percentile(metric, Reserve95Percentile);
        double Reserve(double q) => Math.Max(0, target.CumulativeNetSavings - q);
        return new PartnerDecision(partner.Id, partner.Name, target, payback, npvNegative, (double)counts.PartnerTargetMet[p] / n,
            p20, p10, p5, Reserve(p20), Reserve(p10), Reserve(p5))
        {
            ProbabilityOfPaybackCi95 = paybackCi,
            ProbabilityNpvNegativeCi95 = npvNegativeCi,
            ProbabilityTargetMetCi95 = ConfidenceInterval.Wilson(counts.PartnerTargetMet[p], n),
            ReservesCi95 = ReservesOf(target.CumulativeNetSavings, metric, n, estimates),
        };
    }

    /// <summary>Each year of a savings profile: P(met) from the counts and the shortfalls from that year's percentiles.</summary>
    private static List<ProfileYearFigure> ProfileOf(Core.Model.SavingsTarget? target, MetricBlock ledger, long n, long[] met,
        PercentileEstimates estimates)
    {
        if (target?.Profile is not { } profile)
        {
            return [];
        }
        return profile.Select((figure, t) =>
        {
            int metric = ledger.Cumulative(t + 1);
            double p20 = estimates.Percentile(metric, Reserve80Percentile);
            double p10 = estimates.Percentile(metric, Reserve90Percentile);
            double p5 = estimates.Percentile(metric, Reserve95Percentile);
            return new ProfileYearFigure(t + 1, figure, (double)met[t] / n, p20, p10, p5,
                Math.Max(0, figure - p20), Math.Max(0, figure - p10), Math.Max(0, figure - p5));
        }).ToList();
    }

    /// <summary>A ledger's peak funding requirement: mean, median, P80/P90/P95, maximum and P(any needed).</summary>
    private static PeakFundingFigure FundingOf(MetricBlock ledger, long n, long needed, Moments[] moments, PercentileEstimates estimates)
    {
        int metric = ledger.PeakFunding;
        var m = moments[metric];
        return new PeakFundingFigure(m.Mean, estimates.Percentile(metric, 0.50), estimates.Percentile(metric, Funding80Percentile),
            estimates.Percentile(metric, 0.90), estimates.Percentile(metric, 0.95), m.Max, (double)needed / n);
    }

    /// <summary>The summary's peak funding row of a ledger (a whole-horizon metric, after payback).</summary>
    private static SummaryRow FundingRow(MetricBlock ledger, Moments[] moments, PercentileEstimates estimates) =>
        Row(MetricNames.PeakFunding, null, moments[ledger.PeakFunding], p => estimates.Percentile(ledger.PeakFunding, p));

    private static SummaryRow Row(string name, int? year, Moments mo, Func<double, double> percentile)
    {
        var q = Percentiles.Reported.Select(percentile).ToArray();
        return new SummaryRow(name, year, mo.Count, mo.Mean, mo.Sd, mo.Min, mo.Max, q[0], q[1], q[2], q[3], q[4], q[5], q[6]);
    }

    // Payback years are whole numbers: exact statistics from their counts.
    private static SummaryRow PaybackRow(long[] counts)
    {
        long n = 0;
        double sum = 0;
        for (int t = 1; t < counts.Length; t++)
        {
            n += counts[t];
            sum += (double)t * counts[t];
        }
        if (n == 0)
        {
            return new SummaryRow(MetricNames.PaybackYear, null, 0, double.NaN, double.NaN, double.NaN, double.NaN,
                double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double mean = sum / n, m2 = 0;
        int min = 0, max = 0;
        for (int t = 1; t < counts.Length; t++)
        {
            if (counts[t] > 0)
            {
                m2 += counts[t] * (t - mean) * (t - mean);
                min = min == 0 ? t : min;
                max = t;
            }
        }
        double OrderStat(long rank)
        {
            long seen = 0;
            for (int t = 1; t < counts.Length; t++)
            {
                seen += counts[t];
                if (rank < seen)
                {
                    return t;
                }
            }
            return max;
        }
        double Q(double p) => Percentiles.Interpolated(n, p, OrderStat);
        double sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        return new SummaryRow(MetricNames.PaybackYear, null, n, mean, sd, min, max,
            Q(0.05), Q(0.10), Q(0.25), Q(0.50), Q(0.75), Q(0.90), Q(0.95));
    }
}
