using BenchmarkDotNet.Running;
using RiskSim.IO.Scenarios;

namespace RiskSim.Benchmarks;

/// <summary>Benchmarks entry point: BenchmarkDotNet by default, <c>phases SCENARIO</c> for a stage breakdown, <c>sampling SCENARIO</c> for the sampling kernels, <c>ledger SCENARIO</c> for the cost of partner ledgers, <c>runs SCENARIO TRIALS on|off [RUNS]</c> for whole runs stage by stage, <c>fixed SCENARIO [REPEATS] [THREADS]</c> for the per-run stages that do not grow with the trials.</summary>
public static class Program
{
    /// <summary>Runs BenchmarkDotNet, or a stage breakdown (<c>phases</c>) or allocation probe (<c>alloc</c>).</summary>
    public static void Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "phases")
        {
            var scenario = ScenarioReader.ReadFile(args[1]);
            int blocks = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500;
            PhaseTimer.Run(scenario, blocks, partnerLedgers: false);
            PhaseTimer.Run(scenario, blocks, partnerLedgers: true);
            return;
        }
        if (args.Length >= 4 && args[0] == "runs")
        {
            // Whole runs on all cores, as the command line makes them: each run's stages and trials per second.
            var scenario = ScenarioReader.ReadFile(args[1]);
            long trials = long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
            bool ledgers = args[3] == "on";
            int runs = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 3;
            for (int i = 0; i < runs; i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = Core.Engine.Simulation.Run(scenario, new Core.Engine.SimulationOptions(trials, 2026) { PartnerLedgers = ledgers });
                double total = clock.Elapsed.TotalSeconds;
                var t = result.Timings;
                Console.WriteLine($"{trials:N0} trials, ledgers {args[3]}: {total:F3} s ({trials / total / 1e6:F3} M trials/s); simulation " +
                    $"{t.Simulation.TotalSeconds:F3} s, statistics {t.Statistics.TotalSeconds:F3} s, sensitivity and register {t.Sensitivity.TotalSeconds:F3} s");
            }
            return;
        }
        if (args.Length >= 2 && args[0] == "kernel")
        {
            KernelTimer.Run(ScenarioReader.ReadFile(args[1]), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100);
            return;
        }
        if (args.Length >= 2 && args[0] == "fixed")
        {
            FixedCostTimer.Run(ScenarioReader.ReadFile(args[1]),
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 7,
                args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2);
            return;
        }
        if (args.Length >= 2 && args[0] == "sampling")
        {
            SamplingTimer.Run(ScenarioReader.ReadFile(args[1]));
            return;
        }
        if (args.Length >= 2 && args[0] == "alloc")
        {
            // Marginal allocation per trial: the difference between a long and a short run.
            var scenario = ScenarioReader.ReadFile(args[1]);
            long Allocated(long trials)
            {
                long before = GC.GetTotalAllocatedBytes(true);
                Core.Engine.Simulation.Run(scenario, new Core.Engine.SimulationOptions(trials, 1));
                return GC.GetTotalAllocatedBytes(true) - before;
            }
            Allocated(100_000);
            long small = Allocated(1_000_000), large = Allocated(5_000_000);
            Console.WriteLine($"allocated: 1M trials {small / 1e6:F1} MB, 5M trials {large / 1e6:F1} MB, marginal {(large - small) / 4e6:F2} bytes per trial");
            return;
        }
        if (args.Length >= 2 && args[0] == "ledger")
        {
            // Partner ledgers on against off, interleaved so that a noisy machine slows both alike.
            var scenario = ScenarioReader.ReadFile(args[1]);
            long trials = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
            double Seconds(bool ledgers)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                Core.Engine.Simulation.Run(scenario, new Core.Engine.SimulationOptions(trials, 1) { PartnerLedgers = ledgers });
                return clock.Elapsed.TotalSeconds;
            }
            Seconds(true);
            Seconds(false);
            var on = new List<double>();
            var off = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                on.Add(Seconds(true));
                off.Add(Seconds(false));
            }
            double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
            Console.WriteLine($"{trials:N0} trials: ledgers on {Median(on):F2} s ({trials / Median(on) / 1e6:F2} M/s), off {Median(off):F2} s ({trials / Median(off) / 1e6:F2} M/s), ratio {Median(on) / Median(off):F2}");
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
