using System.Diagnostics;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Sampling;

namespace RiskSim.Benchmarks;

/// <summary>
/// The sampling stage in detail, on one thread: each column kernel and each input's quantiles on a block of 4,096,
/// then the whole stage. Every figure is the fastest of several rounds (ns per value or per trial), which keeps
/// out most of a shared machine's noise. Run with <c>sampling SCENARIO</c>.
/// </summary>
internal static class SamplingTimer
{
    private const int Rounds = 15;
    private const int Repeats = 50;

    public static void Run(Scenario scenario)
    {
        int n = SimulationOptions.BlockSize;
        var u = new double[n];
        var y = new double[n];
        UniformColumn.Fill(42, 1, 0, u);
        Console.WriteLine($"vector width {ColumnMath.Width}");
        Report("uniforms", () => UniformColumn.Fill(42, 1, 0, y));
        Report("log", () => ColumnMath.Log(u, y));
        Report("exp", () => ColumnMath.Exp(u, y));
        Report("normal quantile", () => ColumnMath.NormalInvCdf(u, y));
        ColumnMath.NormalInvCdf(u, y);
        var z = (double[])y.Clone();
        Report("normal cdf", () => ColumnMath.NormalCdf(z, y));
        var model = new CompiledScenario(scenario, false);
        foreach (int i in model.Uncertain)
        {
            var dist = model.Inputs[i].Distribution;
            Report($"{model.Inputs[i].Name} ({dist.GetType().Name.Replace("Distribution", "", StringComparison.Ordinal)})", () => dist.Quantiles(u, y));
        }
        var w = new BlockWorkspace(model, n) { Count = n };
        InputSampler.SampleInputs(w, 42, full: false);
        Report("whole stage, ns per trial", () => InputSampler.SampleInputs(w, 42, full: false), 10);
    }

    private static void Report(string name, Action action, int repeats = Repeats)
    {
        double best = double.MaxValue;
        action();
        for (int r = 0; r < Rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int k = 0; k < repeats; k++)
            {
                action();
            }
            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / ((double)repeats * SimulationOptions.BlockSize));
        }
        Console.WriteLine($"  {name,-56} {best,7:F2} ns");
    }
}
