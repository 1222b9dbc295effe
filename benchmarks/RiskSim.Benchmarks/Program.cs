using BenchmarkDotNet.Running;
using RiskSim.IO.Scenarios;

namespace RiskSim.Benchmarks;

/// <summary>Benchmarks entry point: BenchmarkDotNet by default, or <c>phases SCENARIO</c> for a stage breakdown.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "phases")
        {
            PhaseTimer.Run(ScenarioReader.ReadFile(args[1]), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
