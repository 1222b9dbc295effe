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
        { "tests/reference/reference-simple.yaml", "decision.json", "ec11055142e9170dcd97b20b750e2611b3259ddaf4645e3c5e709fb0fa4468ef" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "341c82df8ca897eed8dd6f01d96c96b2076a98daf54b9c5279b7f38ce83e5d35" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "ed1127bbdcf2441ef9e6672d3746789b288661d48571c7b09f19efca8f642f3e" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "5b69c6a7629c403f273d9ff6bae8fb904b3f88d5b661805a99e9df9b5b5b578c" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "2bdee6379efc1e56b76d964bec70bb0d16f9496fdece3e5d38f8cfda6ce5e373" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "ec135f307a6c9447c308050f178cc3f623a5cb379190f78efed65c861c31533a" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "8e75cb19ccafba51294ea60f9e920bd08524bc2b27406540c9ec4214b76b3a05" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "98eb8ab68f3b9cb4db27df006d888e212f71ce54c00ad20e3ea5d78f0a5a063e" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "e02043b2272fd5db406aea87a87f1dce2d641d62482f2692ad8323cfd42ab356" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "c97e9751e03f7491785b053f89b0af1d826106cb3ba20e497115ec211c808a25" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "e84c8ad95d4bea0b4a9ce12d5da7e74800115b729693a12543a309aa07af57ff" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "367f249f9b977f1ef275e982ce656e7acd96956e5b6e2c5692e2fe262a9b7e3e" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "fb1ea6ecb5240015d2e48475e5dac04f84bf178186e5029582fb6308be821da4" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "92d2edad494fc25cbc79058a174ee119b1e1d80230aba204e6ce767cfd0377fc" },
        { "benchmarks/scenarios/synthetic-large.yaml", "trials.parquet", "e8766b0095208130be1008280fe3740c6c328d250070a11b6b14ffe650f95621" },
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
