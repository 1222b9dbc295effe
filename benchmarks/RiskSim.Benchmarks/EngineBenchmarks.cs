using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Benchmarks;

/// <summary>
/// Whole-engine throughput: one operation is one trial, so BenchmarkDotNet's "Mean" is the time per
/// trial (trials per second = 1e9 / Mean in ns). Every feature is on: correlations, percentiles,
/// decision figures and sensitivity; no trial file (the <c>--trials-out none</c> case).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Trials = 2_000_000;
    private Scenario _scenario = null!;

    /// <summary>Scenario file, relative to the repository root.</summary>
    [Params("benchmarks/scenarios/synthetic-large.yaml", "scenarios/oxfordshire-cherwell-joint-management.yaml")]
    public string Scenario { get; set; } = "";

    /// <summary>Worker threads (0 = all cores).</summary>
    [Params(0, 1)]
    public int Threads { get; set; }

    /// <summary>Each partner's own ledger on (the default) or off (programme figures only).</summary>
    [Params(true, false)]
    public bool PartnerLedgers { get; set; }

    /// <summary>Reads the scenario once.</summary>
    [GlobalSetup]
    public void Setup() => _scenario = ScenarioReader.ReadFile(Path.Combine(RepoRoot.Path, Scenario));

    /// <summary>One whole run; BenchmarkDotNet divides its time by the trials.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public RunResult Run() => Simulation.Run(_scenario, new SimulationOptions(Trials, 2026, Threads) { PartnerLedgers = PartnerLedgers });

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1));
            ArtifactsPath = Path.Combine(RepoRoot.Path, "benchmarks", "artifacts");
        }
    }
}

/// <summary>Finds the repository root (the folder holding RiskSim.sln) from the working directory.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "RiskSim.sln")))
            {
                dir = dir.Parent;
            }
            if (dir is not null)
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmarks from inside the RiskSim repository.");
    }
}
