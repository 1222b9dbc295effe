using System.Diagnostics;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Benchmarks;

/// <summary>
/// Times the per-run stages that do not grow with the trials, on the run's own sensitivity sample (its first
/// 200,000 trials, simulated once): the sensitivity ranking with its groups and scatter, and the two-outcome search.
/// Run with <c>fixed SCENARIO [REPEATS] [THREADS]</c>; each stage is timed alone, interleaved with the others, medians.
/// </summary>
internal static class FixedCostTimer
{
    public static void Run(Scenario scenario, int repeats, int threads)
    {
        var model = new CompiledScenario(scenario, partnerLedgers: true);
        var sample = new SensitivitySample(model, SimulationOptions.SensitivityTrials);
        new WaveScheduler(model, new SimulationOptions(sample.Count, 2026, threads)).RunAll((_, w) =>
        {
            InputSampler.SampleInputs(w, 2026, full: true);
            TrialEvaluator.Simulate(w, 0, -1);
            sample.Record(w);
        }, null, CancellationToken.None);
        (string Name, Action Stage)[] stages =
        [
            ("sensitivity (ranks, swings, groups, scatter)", () => SensitivityAnalysis.Analyse(model, sample, threads)),
            ("two-outcome search", () => TwoOutcomeAnalysis.Of(model, sample)),
        ];
        var times = stages.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < repeats + 1; r++)
        {
            for (int s = 0; s < stages.Length; s++)
            {
                var clock = Stopwatch.StartNew();
                stages[s].Stage();
                if (r > 0)
                {
                    times[s].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        Console.WriteLine($"{scenario.Name}: {model.Uncertain.Length} uncertain inputs, {sample.Count:N0} sampled trials, {threads} threads, median of {repeats}");
        for (int s = 0; s < stages.Length; s++)
        {
            var sorted = times[s].Order().ToArray();
            Console.WriteLine($"  {stages[s].Name,-46} {sorted[sorted.Length / 2],8:F1} ms (fastest {sorted[0]:F1})");
        }
    }
}
