using System.Diagnostics;
using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>What to simulate and how.</summary>
/// <param name="Trials">Number of trials, ≥ 1.</param>
/// <param name="Seed">Master seed; with the scenario and trial count it fixes every result.</param>
/// <param name="Threads">Worker threads; 0 means all cores. Never changes the results.</param>
/// <param name="KeepTrials">How many of the first trials go to the trial sink (0 = none).</param>
/// <param name="PairedTrials">How many of the first trials keep their NPV and cumulative net savings at the
/// target year (the last year without a target) in the result, for paired comparisons (0 = none).</param>
public sealed record SimulationOptions(long Trials, ulong Seed, int Threads = 0, long KeepTrials = 0, long PairedTrials = 0)
{
    /// <summary>
    /// Keep each partner's own ledger when the scenario has two or more partners (the default). Off only to
    /// measure what the ledgers cost; the programme's figures are the same either way.
    /// </summary>
    public bool PartnerLedgers { get; init; } = true;

    /// <summary>
    /// Run until the decision figures are known to this precision, stopping at the first checkpoint
    /// (<see cref="PrecisionGoal.Checkpoints"/>) where they are; <see cref="Trials"/> is then the most trials to run.
    /// Null (the default) runs exactly <see cref="Trials"/> trials.
    /// </summary>
    public PrecisionGoal? Precision { get; init; }

    /// <summary>Trials per block: the unit of random streams, parallel work and ordered output.</summary>
    public const int BlockSize = 4096;

    /// <summary>Most trials the sensitivity analysis ranks (the first ones of the run).</summary>
    public const int SensitivityTrials = 200_000;
}

/// <summary>
/// Runs a scenario: the parallel, deterministic Monte Carlo engine. A run is a short pipeline: sample and evaluate
/// every block of trials (<see cref="InputSampler"/>, <see cref="TrialEvaluator"/>) in waves on all cores
/// (<see cref="WaveScheduler"/>), tallying as it goes; then read the percentiles (<see cref="PercentileEstimator"/>),
/// build the summary and decision figures (<see cref="SummaryBuilder"/>), the sensitivity
/// (<see cref="SensitivityAnalysis"/>) and each partner's exposure (<see cref="PartnerExposureAnalysis"/>).
/// </summary>
public static class Simulation
{
    /// <summary>Largest rank error tolerated for a reported percentile, as a fraction (0.05 percentile points).</summary>
    public const double PercentileTolerance = PercentileEstimator.Tolerance;

    /// <summary>NPV quantiles kept for charts: p = 0, 0.005, …, 1.</summary>
    private const int NpvQuantilePoints = 201;

    /// <summary>Simulates <paramref name="scenario"/> and summarises the result.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Trials, seed, threads and how many trials to stream out.</param>
    /// <param name="sink">Receives the first <see cref="SimulationOptions.KeepTrials"/> trials in order; may be null.</param>
    /// <param name="progress">Told the number of trials done after each wave of blocks; may be null.</param>
    /// <param name="cancellation">Stops the run between waves (throws <see cref="OperationCanceledException"/>).</param>
    public static RunResult Run(Scenario scenario, SimulationOptions options, ITrialSink? sink = null,
        IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trials, 1);
        var model = new CompiledScenario(scenario, options.PartnerLedgers);
        var layout = model.Layout.Programme;
        var scheduler = new WaveScheduler(model, options);
        var (target, targetMetric) = scenario.Target is { } t ? (t.CumulativeNetSavings, layout.Cumulative(t.ByYear)) : (0.0, -1);
        var estimator = new PercentileEstimator(model.Layout.Count, options.Trials, SummaryBuilder.NeededPercentiles(model), scheduler.Threads,
            SummaryBuilder.DecisionMetrics(model));
        var blockMoments = new OrderedMomentsMerge(model.Layout.Count);
        var targetMet = new long[scheduler.Blocks];
        var counts = Enumerable.Range(0, scheduler.Threads).Select(_ => new TrialCounts(model)).ToArray();
        var sample = new SensitivitySample(model, (int)Math.Min(options.Trials, SimulationOptions.SensitivityTrials));
        var paired = new PairedSample(options, layout.Npv, targetMetric >= 0 ? targetMetric : layout.Cumulative(model.H));
        var registerBase = new RiskRegisterAnalysis.BaseCase(model, options.Trials);
        // Trials kept for output or sensitivity read every input; the others skip inputs they cannot read.
        long fullTrials = Math.Max(sample.Count, options.KeepTrials);
        // Where the plan falls among all the trials: counted exactly per block, merged in block order.
        var plan = PlanCaseBuilder.Of(model);
        int planYear = scenario.Target?.ByYear ?? model.H;
        int planMetric = layout.Cumulative(planYear);
        double planCumulative = plan.CumulativeNetSavings[planYear - 1];
        var planNpvReached = new long[scheduler.Blocks];
        var planCumulativeReached = new long[scheduler.Blocks];

        var monitor = options.Precision is { } goal ? new PrecisionMonitor(model, goal, scheduler.Blocks) : null;
        var checkpoints = options.Precision is null ? [options.Trials] : PrecisionGoal.Checkpoints(options.Trials);
        var passed = new List<PrecisionCheckpoint>();
        long trials = options.Trials;

        var clock = Stopwatch.StartNew();
        long doneBlocks = 0;
        foreach (long checkpoint in checkpoints)
        {
            long endBlock = (checkpoint + SimulationOptions.BlockSize - 1) / SimulationOptions.BlockSize;
            scheduler.RunBlocks(doneBlocks, endBlock, (worker, w) =>
            {
                InputSampler.SampleInputs(w, options.Seed, w.FirstTrial < fullTrials);
                TrialEvaluator.Simulate(w, target, targetMetric);
                // Per-block results are kept by block index (moments merged in block order), so no result depends on scheduling.
                bool tallying = estimator.Tallying;
                blockMoments.Add(w.BlockIndex, MomentsOf(w, model.Layout.Count, tallying ? estimator : null, worker));
                targetMet[w.BlockIndex] = w.TargetMet;
                planNpvReached[w.BlockIndex] = AtLeast(w.Metric(layout.Npv), plan.Npv);
                planCumulativeReached[w.BlockIndex] = AtLeast(w.Metric(planMetric), planCumulative);
                paired.Record(w);
                sample.Record(w);
                registerBase.Record(w);
                counts[worker].Add(w);
                monitor?.Record(w);
                if (!tallying && w.FirstTrial < estimator.PilotTrials)
                {
                    estimator.AddToPilot(w.FirstTrial, w.Count, w);
                }
            }, (wave, done) =>
            {
                if (estimator.PilotComplete(done))
                {
                    // The pilot (the first trials) fixes the histogram ranges; blocks of this wave beyond it were held back.
                    estimator.StartTallying();
                    foreach (var w in wave.Where(w => w.FirstTrial >= estimator.PilotTrials))
                    {
                        estimator.Tally(0, w);
                    }
                    monitor?.PilotDone(estimator.PilotTrials / SimulationOptions.BlockSize);
                }
                WriteKept(wave, sink, options.KeepTrials);
                progress?.Report(done);
            }, cancellation);
            doneBlocks = endBlock;
            if (monitor is null || checkpoint == options.Trials)
            {
                continue;
            }
            // Stop at the first checkpoint where every watched figure is known well enough: the run is then exactly a
            // run of that many trials.
            var check = monitor.Check(checkpoint, targetMet.AsSpan(0, (int)endBlock).ToArray().Sum(),
                checkpoint - counts.Sum(c => c.Payback[0]));
            passed.Add(check);
            if (check.Reached)
            {
                trials = checkpoint;
                scheduler.StopAt(trials);
                estimator.StopAt(trials);
                break;
            }
        }
        var simulated = clock.Elapsed;

        clock.Restart();
        var moments = blockMoments.Result(scheduler.Blocks);
        var estimates = estimator.Finish(moments, collect => scheduler.RunAll((worker, w) =>
        {
            InputSampler.SampleInputs(w, options.Seed, full: false);
            TrialEvaluator.Simulate(w, target, targetMetric);
            collect(worker, w);
        }, null, cancellation));
        var summary = SummaryBuilder.Build(model, trials, moments, estimates, TrialCounts.Sum(model, counts),
            targetMet.AsSpan(0, (int)scheduler.Blocks).ToArray().Sum());
        var npvQuantiles = estimates.Quantiles(layout.Npv, NpvQuantilePoints);
        var targetQuantiles = estimates.Quantiles(layout.Cumulative(scenario.Target?.ByYear ?? model.H), NpvQuantilePoints);
        var statistics = clock.Elapsed;

        clock.Restart();
        // The block workspaces (about 10 MB each with five ledgers) and the workers' tallies are done with, but large
        // arrays are only freed by a full collection: collecting now lets the stages below reuse their memory rather
        // than add to it (at ten million trials with every ledger, the run's peak is set here).
        scheduler.Release();
        GC.Collect();
        sample = sample.Truncated((int)Math.Min(trials, sample.Count));
        var findings = SensitivityAnalysis.Analyse(model, sample, scheduler.Threads);
        var sensitivity = findings.Rows;
        var twoOutcomes = TwoOutcomeAnalysis.Of(model, sample);
        var exposures = PartnerExposureAnalysis.Of(model, sample, summary.Decision);
        var register = RiskRegisterAnalysis.Of(scenario, options with { Trials = trials, Precision = null }, summary.Decision, plan, cancellation,
            registerBase.Of(trials));
        return new RunResult
        {
            Scenario = scenario,
            Trials = trials,
            Seed = options.Seed,
            Threads = scheduler.Threads,
            Summary = summary.Rows,
            Decision = summary.Decision,
            Sensitivity = sensitivity,
            NpvQuantiles = npvQuantiles,
            TargetQuantiles = targetQuantiles,
            PairedNpv = paired.Npv[..(int)Math.Min(trials, paired.Npv.Length)],
            PairedCumulative = paired.Cumulative[..(int)Math.Min(trials, paired.Cumulative.Length)],
            Plan = plan,
            RiskRegister = register,
            PlanStanding = new PlanStanding(trials, plan.Npv, planNpvReached.Sum(), planYear, planCumulative,
                planCumulativeReached.Sum()),
            SensitivityGroups = findings.Groups,
            Scatter = findings.Scatter,
            TwoOutcomes = twoOutcomes,
            PartnerExposures = exposures,
            SensitivityTrials = sample.Count,
            PercentileErrorBound = estimates.ErrorBound * 100,
            ExactPercentilePass = estimates.ExactPass,
            Timings = new RunTimings(simulated, statistics, clock.Elapsed),
            Precision = options.Precision is { } asked ? Outcome(asked, options.Trials, trials, passed, summary.Decision) : null,
        };
    }

    // How a precision run ended: the checkpoints passed, the last replaced by the run's own figures.
    private static PrecisionOutcome Outcome(PrecisionGoal goal, long maxTrials, long trials, List<PrecisionCheckpoint> passed,
        DecisionFigures decision)
    {
        var final = PrecisionMonitor.FromDecision(trials, decision, goal);
        var checkpoints = passed.Where(c => c.Trials < trials).Append(final).ToList();
        return new PrecisionOutcome(goal, maxTrials, final.Reached, checkpoints);
    }

    // Trials of a block whose value is at least the plan's.
    private static long AtLeast(ReadOnlySpan<double> values, double plan) => ColumnKernels.AtLeast(values, plan);

    // Each metric column's moments, and its histogram and band tallies once the pilot has fixed them (one pass per
    // column while it is in the cache).
    private static Moments[] MomentsOf(BlockWorkspace w, int metrics, PercentileEstimator? tally, int worker)
    {
        var moments = new Moments[metrics];
        for (int m = 0; m < metrics; m++)
        {
            var column = w.Metric(m);
            moments[m] = ColumnKernels.MomentsOf(column);
            tally?.TallyColumn(worker, m, column);
        }
        return moments;
    }

    // Streams the wave's kept trials (the first KeepTrials of the run) to the sink, in trial order.
    private static void WriteKept(ArraySegment<BlockWorkspace> wave, ITrialSink? sink, long keep)
    {
        if (sink is null)
        {
            return;
        }
        foreach (var w in wave)
        {
            if (w.FirstTrial >= keep)
            {
                break;
            }
            int count = w.Count;
            w.Count = (int)Math.Min(count, keep - w.FirstTrial);
            sink.Write(w.View);
            w.Count = count;
        }
    }

    /// <summary>NPV and a cumulative figure of the first trials, kept for paired comparisons of a variant with its base.</summary>
    private sealed class PairedSample(SimulationOptions options, int npvMetric, int cumulativeMetric)
    {
        private static int Count(SimulationOptions o) => (int)Math.Min(o.Trials, Math.Min(o.PairedTrials, int.MaxValue));

        public double[] Npv { get; } = new double[Count(options)];

        public double[] Cumulative { get; } = new double[Count(options)];

        public void Record(BlockWorkspace w)
        {
            if (w.FirstTrial >= Npv.Length)
            {
                return;
            }
            int count = (int)Math.Min(w.Count, Npv.Length - w.FirstTrial);
            w.Metric(npvMetric)[..count].CopyTo(Npv.AsSpan((int)w.FirstTrial, count));
            w.Metric(cumulativeMetric)[..count].CopyTo(Cumulative.AsSpan((int)w.FirstTrial, count));
        }
    }
}
