using BenchmarkDotNet.Running;
using RiskSim.IO.Scenarios;

namespace RiskSim.Benchmarks;

/// <summary>Benchmarks entry point: BenchmarkDotNet by default, or <c>phases SCENARIO</c> for a stage breakdown.</summary>
public static class Program
{
    /// <summary>Runs BenchmarkDotNet, or a stage breakdown (<c>phases</c>) or allocation probe (<c>alloc</c>).</summary>
    public static void Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "phases")
        {
            PhaseTimer.Run(ScenarioReader.ReadFile(args[1]), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500);
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
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
