using System.Diagnostics;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Benchmarks;

/// <summary>
/// Times each stage of the per-block work on one thread (sampling, trial evaluation, per-block
/// moments), to show where the engine's time goes. Run with <c>-- phases SCENARIO</c>.
/// </summary>
internal static class PhaseTimer
{
    public static void Run(Scenario scenario, int blocks, bool partnerLedgers = true)
    {
        var model = new CompiledScenario(scenario, partnerLedgers);
        var w = new BlockWorkspace(model, SimulationOptions.BlockSize) { Count = SimulationOptions.BlockSize };
        var sample = new Stopwatch();
        var simulate = new Stopwatch();
        var moments = new Stopwatch();
        var tally = new Stopwatch();
        var low = new double[model.Layout.Count];
        var scale = new double[model.Layout.Count];
        InputSampler.SampleInputs(w, 42);
        TrialEvaluator.Simulate(w, 0, -1);
        for (int m = 0; m < model.Layout.Count; m++)
        {
            var column = w.Metric(m).ToArray();
            low[m] = column.Min();
            scale[m] = Core.Statistics.QuantileHistogram.Bins / Math.Max(1e-9, 1.2 * (column.Max() - low[m]));
        }
        var histogram = new Core.Statistics.QuantileHistogram(low, scale, low.Select(_ => Array.Empty<double>()).ToArray());
        // The run's own percentile estimator (pilot, atoms, capture bands) and trial counts, as Simulation.Run uses them.
        int pilotBlocks = Core.Statistics.PercentileEstimator.PilotSize / SimulationOptions.BlockSize;
        var estimator = new Core.Statistics.PercentileEstimator(model.Layout.Count, (long)(pilotBlocks + blocks) * SimulationOptions.BlockSize,
            SummaryBuilder.NeededPercentiles(model), 1, SummaryBuilder.DecisionMetrics(model));
        for (int b = 0; b < pilotBlocks; b++)
        {
            w.BlockIndex = 100_000 + b;
            InputSampler.SampleInputs(w, 42, full: false);
            TrialEvaluator.Simulate(w, 0, -1);
            estimator.AddToPilot((long)b * SimulationOptions.BlockSize, w.Count, w);
        }
        estimator.StartTallying();
        var counts = new TrialCounts(model);
        var runTally = new Stopwatch();
        var countsClock = new Stopwatch();
        var fused = new Stopwatch();
        for (int b = 0; b < blocks; b++)
        {
            w.BlockIndex = b;
            sample.Start();
            InputSampler.SampleInputs(w, 42, full: false);
            sample.Stop();
            simulate.Start();
            TrialEvaluator.Simulate(w, 0, -1);
            simulate.Stop();
            moments.Start();
            for (int m = 0; m < model.Layout.Count; m++)
            {
                _ = Core.Statistics.Moments.Of(w.Metric(m));
            }
            moments.Stop();
            tally.Start();
            for (int m = 0; m < model.Layout.Count; m++)
            {
                histogram.AddAll(m, w.Metric(m));
            }
            tally.Stop();
            runTally.Start();
            estimator.Tally(0, w);
            runTally.Stop();
            countsClock.Start();
            counts.Add(w);
            countsClock.Stop();
            // As Simulation.Run does it: each column's moments, histogram and bands in one pass while it is in the cache.
            fused.Start();
            for (int m = 0; m < model.Layout.Count; m++)
            {
                var column = w.Metric(m);
                _ = Core.Statistics.Moments.Of(column);
                estimator.TallyColumn(0, m, column);
            }
            fused.Stop();
        }
        double trials = (double)blocks * SimulationOptions.BlockSize;
        Console.WriteLine($"{scenario.Name}: {model.Inputs.Length} inputs ({model.Uncertain.Length} uncertain), {model.Layout.Count} metrics, partner ledgers {(model.HasLedgers ? "on" : "off")}");
        Console.WriteLine($"  sample   {sample.Elapsed.TotalNanoseconds / trials,8:F1} ns/trial");
        Console.WriteLine($"  simulate {simulate.Elapsed.TotalNanoseconds / trials,8:F1} ns/trial");
        Console.WriteLine($"  moments  {moments.Elapsed.TotalNanoseconds / trials,8:F1} ns/trial");
        Console.WriteLine($"  tally    {tally.Elapsed.TotalNanoseconds / trials,8:F1} ns/trial (histogram only, no atoms)");
        Console.WriteLine($"  run tally {runTally.Elapsed.TotalNanoseconds / trials,7:F1} ns/trial (the run's estimator: histogram, atoms, capture bands)");
        Console.WriteLine($"  fused    {fused.Elapsed.TotalNanoseconds / trials,8:F1} ns/trial (moments and the run's tally, column by column)");
        Console.WriteLine($"  counts   {countsClock.Elapsed.TotalNanoseconds / trials,8:F1} ns/trial (trial counts)");
        var u = new double[SimulationOptions.BlockSize];
        var values = new double[SimulationOptions.BlockSize];
        foreach (int i in model.Uncertain)
        {
            var clock = Stopwatch.StartNew();
            for (int b = 0; b < 200; b++)
            {
                var stream = new Core.Sampling.RandomStream(42, model.Keys[i], (ulong)b);
                stream.Fill(u);
                model.Inputs[i].Distribution.Quantiles(u, values);
            }
            Console.WriteLine($"    {model.Inputs[i].Name,-40} {model.Inputs[i].Distribution.GetType().Name,-28} {clock.Elapsed.TotalNanoseconds / (200.0 * u.Length),6:F1} ns{(model.InCopula[i] ? " (copula)" : "")}");
        }
    }
}
