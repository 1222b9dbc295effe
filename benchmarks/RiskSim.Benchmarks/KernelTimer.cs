using System.Diagnostics;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Benchmarks;

/// <summary>
/// Times the trial evaluation alone on one thread: the vector kernels (at each width the machine runs) against the
/// trial-by-trial reference evaluation, interleaved on the same sampled block so a noisy machine slows all alike.
/// Run with <c>kernel SCENARIO [REPEATS]</c>.
/// </summary>
internal static class KernelTimer
{
    private static readonly int[] AllWidths = [8, 4, 1];

    public static void Run(Scenario scenario, int repeats)
    {
        foreach (bool ledgers in new[] { false, true })
        {
            var model = new CompiledScenario(scenario, ledgers);
            var w = new BlockWorkspace(model, SimulationOptions.BlockSize) { Count = SimulationOptions.BlockSize };
            InputSampler.SampleInputs(w, 42);
            var widths = AllWidths.Where(x => x == 1 || x <= TrialEvaluator.Width).ToArray();
            var ways = widths.Select(x => ($"kernel, width {x}", (Action)(() => TrialEvaluator.Simulate(w, 0, -1, x))))
                .Append(("reference", () => ReferenceTrialEvaluator.Simulate(w, 0, -1))).ToArray();
            var times = ways.Select(_ => new List<double>()).ToArray();
            for (int r = 0; r < repeats + 2; r++)
            {
                for (int j = 0; j < ways.Length; j++)
                {
                    var clock = Stopwatch.StartNew();
                    ways[j].Item2();
                    if (r >= 2)
                    {
                        times[j].Add(clock.Elapsed.TotalNanoseconds / w.Count);
                    }
                }
            }
            Console.WriteLine($"{scenario.Name}: partner ledgers {(model.HasLedgers ? "on" : "off")}, {model.Layout.Count} metrics, median of {repeats} blocks");
            for (int j = 0; j < ways.Length; j++)
            {
                var sorted = times[j].Order().ToArray();
                Console.WriteLine($"  {ways[j].Item1,-18} {sorted[sorted.Length / 2],8:F1} ns/trial (fastest {sorted[0]:F1})");
            }
        }
    }
}
