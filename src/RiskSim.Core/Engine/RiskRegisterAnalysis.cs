using RiskSim.Core.Model;
using RiskSim.Core.Sampling;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// Quantifies each risk of the register and values each mitigation by re-simulating the first trials of the run
/// with one input changed at a time. Every input draws from a stream keyed by its name, so a changed scenario sees
/// the same random numbers as the base (common random numbers) and the difference of a pair of trials is the
/// effect of the change alone: a risk occurs when its uniform u ≥ 1 − p, so with a lower probability it occurs
/// only in trials where it occurred before, and every other trial is unchanged.
/// </summary>
internal static class RiskRegisterAnalysis
{
    /// <summary>Most trials the per-risk figures and the mitigated cases use (the first of the run).</summary>
    public const int MaxTrials = 200_000;

    /// <summary>Most trials of the paired "never occurs" / "always occurs" runs that measure a risk's mean impact.</summary>
    public const int ImpactTrials = 20_000;

    /// <summary>Bootstrap replicates behind the interval of a change in the reserve.</summary>
    public const int BootstrapReplicates = 200;

    /// <summary>Two-sided 95% normal quantile.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>The quantified register of a run; null when the scenario has no risks.</summary>
    /// <param name="scenario">The scenario run.</param>
    /// <param name="options">The run's options, with the trials it ran.</param>
    /// <param name="decision">The run's decision figures (each risk's frequency).</param>
    /// <param name="plan">The business case's own figures.</param>
    /// <param name="cancellation">Stops between waves.</param>
    /// <param name="kept">The base case kept from the run's first trials (<see cref="BaseCase"/>); null to simulate it.</param>
    public static RiskRegisterResult? Of(Scenario scenario, SimulationOptions options, DecisionFigures decision, PlanCase plan,
        CancellationToken cancellation, PassResult? kept = null)
    {
        if (scenario.Risks.Count == 0)
        {
            return null;
        }
        int m = (int)Math.Min(options.Trials, MaxTrials);
        int mi = (int)Math.Min(options.Trials, ImpactTrials);
        int year = scenario.Target?.ByYear ?? scenario.HorizonYears;
        var all = Enumerable.Range(0, scenario.Risks.Count).ToArray();
        // The sensitivity stage's ranking buffers (several arrays of the sample's length per worker) are garbage by now
        // but large (only a full collection frees large arrays): collecting them before the passes allocate keeps the
        // run's peak memory where the simulation put it.
        GC.Collect();
        var workspaces = new PassWorkspaces();
        var basePass = kept is { } k && k.Npv.Length == m ? k : Pass(scenario, m, options, year, all, cancellation, workspaces);

        double reference = scenario.Target?.CumulativeNetSavings ?? plan.GrossSavings.Sum();
        string referenceName = scenario.ImpactBands is not null ? RiskMatrixBands.StatedInScenario
            : scenario.Target is not null ? "the target" : "the plan's gross savings over the horizon";
        var edges = scenario.ImpactBands?.ToArray() ?? RiskMatrixBands.ImpactFractions.Select(f => f * Math.Abs(reference)).ToArray();

        double npvMean = Mean(basePass.Npv);
        double npvVariance = basePass.Npv.Sum(x => (x - npvMean) * (x - npvMean)) / m;
        var values = new List<(int Risk, MitigationValue Value, double ImpactAfter)>();
        var risks = new List<QuantifiedRisk>();
        for (int r = 0; r < scenario.Risks.Count; r++)
        {
            var risk = scenario.Risks[r];
            string name = string.IsNullOrWhiteSpace(risk.Name) ? risk.Id : risk.Name.Trim();
            var occurred = basePass.Occurred[r];
            var cost = basePass.Cost[r];
            int count = occurred.Count(o => o);
            double expectedCost = Mean(cost);
            var occurredCosts = Enumerable.Range(0, m).Where(i => occurred[i]).Select(i => cost[i]).Order().ToArray();
            double? p90 = occurredCosts.Length > 0 ? Percentiles.OfSorted(occurredCosts, 0.90) : null;
            double? swing = null;
            double share = 0;
            if (count > 0 && count < m)
            {
                double sumIf = 0, sumElse = 0;
                for (int i = 0; i < m; i++)
                {
                    if (occurred[i])
                    {
                        sumIf += basePass.Npv[i];
                    }
                    else
                    {
                        sumElse += basePass.Npv[i];
                    }
                }
                swing = sumIf / count - sumElse / (m - count);
                double f = (double)count / m;
                share = npvVariance > 0 ? Math.Min(1, f * (1 - f) * swing.Value * swing.Value / npvVariance) : 0;
            }

            var never = Pass(WithRisk(scenario, r, risk with { Probability = 0 }), mi, options, year, [], cancellation, workspaces);
            double impact = MeanDifference(never.Npv, Pass(WithRisk(scenario, r, risk with { Probability = 1 }), mi, options, year, [], cancellation, workspaces).Npv);
            var before = RiskMatrixBands.Rate(risk.Probability, impact, edges);
            double frequency = decision.RiskFrequencies[r].Frequency;
            var quantified = new QuantifiedRisk(risk.Id, name, risk.Probability, frequency, expectedCost, p90, share, swing,
                impact, before, null, null, null, null);
            if (risk.Mitigation is { } mitigation)
            {
                var after = Mitigated(risk);
                double impactAfter = MeanDifference(never.Npv,
                    Pass(WithRisk(scenario, r, after with { Probability = 1 }), mi, options, year, [], cancellation, workspaces).Npv);
                var mitigated = Pass(WithRisk(scenario, r, after), m, options, year, [r], cancellation, workspaces);
                var value = Value(risk.Id, name, mitigation.Action, mitigation.Cost, expectedCost, Mean(mitigated.Cost[0]),
                    basePass, mitigated, scenario.Target, options.Seed);
                quantified = quantified with
                {
                    ProbabilityAfter = mitigation.Probability,
                    MeanImpactAfter = impactAfter,
                    After = RiskMatrixBands.Rate(mitigation.Probability, impactAfter, edges),
                    Mitigation = value,
                };
                values.Add((r, value, impactAfter));
            }
            risks.Add(quantified);
        }

        MitigationSummary? summary = null;
        if (values.Count > 0)
        {
            var mitigatedRisks = values.Select(v => v.Risk).ToArray();
            var together = scenario with
            {
                Risks = scenario.Risks.Select(r => r.Mitigation is null ? r : Mitigated(r)).ToList(),
            };
            var pass = Pass(together, m, options, year, mitigatedRisks, cancellation, workspaces);
            var allValue = Value(MitigationSummary.AllId, "All mitigations",
                string.Join("; ", values.Select(v => v.Value.Action)), values.Sum(v => v.Value.Cost),
                values.Sum(v => v.Value.ExpectedCostBefore), pass.Cost.Sum(Mean), basePass, pass, scenario.Target, options.Seed);
            summary = new MitigationSummary(m, BootstrapReplicates,
                values.Select(v => v.Value).OrderByDescending(v => v.NetValue).ToList(), allValue);
        }
        return new RiskRegisterResult(m, reference, referenceName, edges, risks, summary);
    }

    /// <summary>The risk once its mitigation is in place: its probability, and its cost and delays when given.</summary>
    internal static Risk Mitigated(Risk risk)
    {
        var m = risk.Mitigation ?? throw new ArgumentException($"risk {risk.Id} has no mitigation", nameof(risk));
        return risk with
        {
            Probability = m.Probability,
            Cost = m.CostAfter ?? risk.Cost,
            Delays = m.DelayAfter is { } delay ? risk.Delays.Select(d => d with { Months = delay }).ToList() : risk.Delays,
        };
    }

    private static Scenario WithRisk(Scenario scenario, int index, Risk risk) =>
        scenario with { Risks = scenario.Risks.Select((r, i) => i == index ? risk : r).ToList() };

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }
        return values.Length == 0 ? 0 : sum / values.Length;
    }

    private static double MeanDifference(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] - b[i];
        }
        return sum / a.Length;
    }

    // The value of a mitigated case against the base on the same trials. The mitigation's cost falls at the start of
    // year 1 (discount factor 1), so it lowers every mitigated trial's NPV and cumulative net savings by exactly the cost.
    private static MitigationValue Value(string id, string name, string action, double cost, double expectedBefore, double expectedAfter,
        PassResult basePass, PassResult mitigated, SavingsTarget? target, ulong seed)
    {
        int m = basePass.Npv.Length;
        double mean = MeanDifference(mitigated.Npv, basePass.Npv);
        double ss = 0;
        for (int i = 0; i < m; i++)
        {
            double d = mitigated.Npv[i] - basePass.Npv[i] - mean;
            ss += d * d;
        }
        double se = m > 1 ? Math.Sqrt(ss / (m - 1) / m) : 0;
        double? reserve = null, low = null, high = null;
        if (target is not null)
        {
            var after = mitigated.Cumulative.Select(c => c - cost).ToArray();
            var (change, sd) = ReserveChange(basePass.Cumulative, after, target.CumulativeNetSavings, seed, id);
            reserve = change;
            low = change - Z95 * sd;
            high = change + Z95 * sd;
        }
        return new MitigationValue(id, name, action, cost, expectedBefore, expectedAfter, mean, mean - Z95 * se, mean + Z95 * se,
            reserve, low, high);
    }

    /// <summary>
    /// The change in the reserve for 90% confidence, max(0, target − P10), from <paramref name="before"/> to
    /// <paramref name="after"/> (paired trials), and its bootstrap standard error: <see cref="BootstrapReplicates"/>
    /// resamples of the trial indices, the same indices for both cases, from a stream fixed by the seed and the id.
    /// </summary>
    internal static (double Change, double Sd) ReserveChange(double[] before, double[] after, double target, ulong seed, string id)
    {
        int m = before.Length;
        var orderBefore = Enumerable.Range(0, m).OrderBy(i => before[i]).ToArray();
        var orderAfter = Enumerable.Range(0, m).OrderBy(i => after[i]).ToArray();
        double Reserve(double p10) => Math.Max(0, target - p10);
        double Point(double[] values, int[] order) => Percentiles.Interpolated(m, SummaryBuilder.Reserve90Percentile, k => values[order[k]]);
        double change = Reserve(Point(after, orderAfter)) - Reserve(Point(before, orderBefore));
        if (m < 2)
        {
            return (change, 0);
        }
        var stream = new RandomStream(seed, RandomStream.KeyOf("mitigation.bootstrap." + id), 0);
        var counts = new int[m];
        var deltas = new double[BootstrapReplicates];
        for (int b = 0; b < BootstrapReplicates; b++)
        {
            Array.Clear(counts);
            for (int i = 0; i < m; i++)
            {
                counts[(int)Math.BigMul(stream.NextUInt64(), (ulong)m, out _)]++;
            }
            deltas[b] = Reserve(ResampledP10(after, orderAfter, counts)) - Reserve(ResampledP10(before, orderBefore, counts));
        }
        double mean = deltas.Average();
        double sd = Math.Sqrt(deltas.Sum(d => (d - mean) * (d - mean)) / (BootstrapReplicates - 1));
        return (change, sd);
    }

    // The type-7 P10 of a resample given as counts per trial, walking the trials in sorted order.
    private static double ResampledP10(double[] values, int[] order, int[] counts)
    {
        int m = values.Length;
        double h = (m - 1) * SummaryBuilder.Reserve90Percentile;
        long k = (long)Math.Floor(h);
        double low = double.NaN, high = double.NaN;
        long seen = 0;
        foreach (int i in order)
        {
            seen += counts[i];
            if (double.IsNaN(low) && seen > k)
            {
                low = values[i];
            }
            if (seen > k + 1)
            {
                high = values[i];
                break;
            }
        }
        if (double.IsNaN(high))
        {
            high = low;
        }
        return low + (h - k) * (high - low);
    }

    /// <summary>Per-trial NPV and cumulative net savings at the year read, and the chosen risks' occurrence and cost.</summary>
    internal sealed record PassResult(double[] Npv, double[] Cumulative, bool[][] Occurred, double[][] Cost)
    {
        public static PassResult Of(int trials, int risks) =>
            new(new double[trials], new double[trials], Enumerable.Range(0, risks).Select(_ => new bool[trials]).ToArray(),
                Enumerable.Range(0, risks).Select(_ => new double[trials]).ToArray());

        /// <summary>The first <paramref name="trials"/> trials (a run that stopped early), or itself.</summary>
        public PassResult Truncated(int trials) => trials >= Npv.Length ? this
            : new(Npv[..trials], Cumulative[..trials], Occurred.Select(x => x[..trials]).ToArray(), Cost.Select(x => x[..trials]).ToArray());

        /// <summary>Keeps the block's trials that fall among the first <see cref="Npv"/>.Length.</summary>
        public void Record(BlockWorkspace w, int[] risks, int npvMetric, int cumulativeMetric)
        {
            if (w.FirstTrial >= Npv.Length)
            {
                return;
            }
            int first = (int)w.FirstTrial, n = (int)Math.Min(w.Count, Npv.Length - w.FirstTrial), size = w.Size;
            w.Metric(npvMetric)[..n].CopyTo(Npv.AsSpan(first, n));
            w.Metric(cumulativeMetric)[..n].CopyTo(Cumulative.AsSpan(first, n));
            for (int k = 0; k < risks.Length; k++)
            {
                var plan = w.Model.Risks[risks[k]];
                bool[] occurred = Occurred[k];
                double[] cost = Cost[k];
                for (int i = 0; i < n; i++)
                {
                    bool occurs = TrialRules.RiskOccurred(w.Values[plan.Occurs * size + i]);
                    occurred[first + i] = occurs;
                    cost[first + i] = occurs ? w.Values[plan.Cost * size + i] : 0;
                }
            }
        }
    }

    /// <summary>
    /// The register's base case kept from the run's own first trials as they are simulated, so no base pass is needed:
    /// a base pass re-simulates exactly those trials (same seed, same streams) and would give the same values, since the
    /// programme's figures do not depend on whether the run keeps the partners' ledgers, nor on which inputs a trial
    /// skips.
    /// </summary>
    internal sealed class BaseCase
    {
        private readonly int[] _risks;
        private readonly int _npvMetric, _cumulativeMetric;
        private readonly PassResult _kept;

        public BaseCase(CompiledScenario model, long trials)
        {
            var scenario = model.Scenario;
            int count = scenario.Risks.Count == 0 ? 0 : (int)Math.Min(trials, MaxTrials);
            _risks = Enumerable.Range(0, scenario.Risks.Count).ToArray();
            _npvMetric = model.Layout.Programme.Npv;
            _cumulativeMetric = model.Layout.Programme.Cumulative(scenario.Target?.ByYear ?? scenario.HorizonYears);
            _kept = PassResult.Of(count, _risks.Length);
        }

        public void Record(BlockWorkspace w) => _kept.Record(w, _risks, _npvMetric, _cumulativeMetric);

        /// <summary>The base case of a run of <paramref name="trials"/> trials (fewer than planned when it stopped early).</summary>
        public PassResult Of(long trials) => _kept.Truncated((int)Math.Min(trials, MaxTrials));
    }

    /// <summary>
    /// Block workspaces handed from one pass to the next: every pass simulates a scenario of the same shape (only a
    /// risk's figures change), so one set serves them all instead of each pass allocating (and zeroing) its own.
    /// </summary>
    internal sealed class PassWorkspaces
    {
        public BlockWorkspace[]? Slots { get; set; }
    }

    /// <summary>
    /// Simulates the first <paramref name="trials"/> trials of <paramref name="scenario"/> with the run's seed (the same
    /// trials as the run's first ones) and keeps what the analysis reads, in trial order.
    /// </summary>
    /// <param name="scenario">The scenario, possibly with one or more risks changed.</param>
    /// <param name="trials">Trials to simulate.</param>
    /// <param name="options">The run's options (seed and threads).</param>
    /// <param name="year">Year at whose end cumulative net savings are kept.</param>
    /// <param name="risks">Indices of the risks whose occurrence and cost (0 where it did not occur) are kept.</param>
    /// <param name="cancellation">Stops between waves.</param>
    /// <param name="workspaces">Workspaces to reuse and hand on (null: the pass allocates its own).</param>
    internal static PassResult Pass(Scenario scenario, int trials, SimulationOptions options, int year, int[] risks,
        CancellationToken cancellation, PassWorkspaces? workspaces = null)
    {
        var model = new CompiledScenario(scenario, partnerLedgers: false);
        var o = new SimulationOptions(trials, options.Seed, options.Threads);
        var scheduler = new WaveScheduler(model, o, workspaces?.Slots);
        if (workspaces is not null && scheduler.Slots.Length >= (workspaces.Slots?.Length ?? 0))
        {
            workspaces.Slots = scheduler.Slots;
        }
        int npvMetric = model.Layout.Programme.Npv, cumulativeMetric = model.Layout.Programme.Cumulative(year);
        var result = PassResult.Of(trials, risks.Length);
        scheduler.RunAll((_, w) =>
        {
            InputSampler.SampleInputs(w, o.Seed, full: false);
            TrialEvaluator.Simulate(w, 0, -1);
            result.Record(w, risks, npvMetric, cumulativeMetric);
        }, null, cancellation);
        return result;
    }
}
