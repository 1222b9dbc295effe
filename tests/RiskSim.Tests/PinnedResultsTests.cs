using System.Security.Cryptography;
using RiskSim.Cli;

namespace RiskSim.Tests;

/// <summary>
/// Fixed runs whose result files are pinned by their SHA-256: a change to the code's structure must leave
/// every byte of every result file as it was. When a change of behaviour is intended, the new hashes are
/// recorded here in the same commit, with the reason in its message.
/// </summary>
public class PinnedResultsTests
{
    private const long Trials = 100_000;
    private const ulong Seed = 11;

    public static TheoryData<string, string, string> Pins => new()
    {
        { "tests/reference/reference-simple.yaml", "decision.json", "521a16ea759548904af4b8a7d30b179f4dd9ff6bbc6951f0d18af3255946c7f2" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "341c82df8ca897eed8dd6f01d96c96b2076a98daf54b9c5279b7f38ce83e5d35" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "db85f0efc60ff0b2a0ff2659012c90280a440c39aac4f76818be09eac4b751d5" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "2d67ed9f0ba4469d73d47f0854641f58730e934efa73ed8fe0c821e51fecfd1e" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "d3da8f147605b39048719e591153ffac87f5a03a9817eb6e176a8a2d6ff4a9dc" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "5e7daa5a33c851079b9cbe43afa4d930c2f306b505d7a54c7ed549be59783019" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "8e75cb19ccafba51294ea60f9e920bd08524bc2b27406540c9ec4214b76b3a05" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "ba647c3e18b112264e034037219d7361e340540867e83823bfe8712c024ea0ee" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "7075e4a0438336a6c5e4dab2f3db128d6e9632608f9ff5b772d8f2b98b6a02a6" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "41dae4d6f38f95e4abd1891ab331ab674796679f03d8ca8b555587570746fe23" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "9be88c6aec0a8279ee9376bdb767e1272ac6dab409acdc255ebb2323f82e7d30" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "367f249f9b977f1ef275e982ce656e7acd96956e5b6e2c5692e2fe262a9b7e3e" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "babc8a1c28fa740e7e80d77628fd2c324fb2caee1a8334a9a14aca47945342b6" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "1847fc4f0185f22f1ecf700d76da2f55bc41d8b2f93844c3a3756adf4eca7cb3" },
        { "benchmarks/scenarios/synthetic-large.yaml", "trials.parquet", "05824f09da28aef481b0fa3bb3feb50b4a99d22468235eb82ff51a2499bcaeb8" },
    };

    private static readonly Dictionary<string, Lazy<string>> Runs = new(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Pins))]
    public void A_fixed_run_writes_exactly_the_pinned_bytes(string scenario, string file, string sha256)
    {
        string folder = RunOnce(scenario);
        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
        Assert.True(actual == sha256, $"{file} of {scenario} ({Trials} trials, seed {Seed}) changed: {actual}");
    }

    // Each scenario runs once per test run, whichever of its files is checked first.
    private static string RunOnce(string scenario)
    {
        Lazy<string> run;
        lock (Runs)
        {
            if (!Runs.TryGetValue(scenario, out run!))
            {
                run = new Lazy<string>(() =>
                {
                    string output = TestPaths.NewTempFolder("pinned-" + Path.GetFileNameWithoutExtension(scenario));
                    var outcome = RunCommandTests.Run(Path.Combine(TestPaths.RepoRoot, scenario), output, Trials, seed: Seed);
                    Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
                    return output;
                });
                Runs[scenario] = run;
            }
        }
        return run.Value;
    }
}
