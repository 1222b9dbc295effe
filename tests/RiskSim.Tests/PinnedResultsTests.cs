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
        { "tests/reference/reference-simple.yaml", "decision.json", "9f29baebf11f5576d306a0f7801d666e6b94448620ebcdba07948fb4384cf0d8" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "341c82df8ca897eed8dd6f01d96c96b2076a98daf54b9c5279b7f38ce83e5d35" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "4b7e3c6dcd4d7619b4bf533635e180b7383584905b8d114ce87686b6855b10c3" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "654672d4300844be1a1556c2033cb61604dd2c1fc4829f9ba85868cd85dc647b" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "d3da8f147605b39048719e591153ffac87f5a03a9817eb6e176a8a2d6ff4a9dc" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "89b6c2e6ac4e8ceb5a00e7f1487b6023cbbf0cae3806bc295f48f400e1a2374a" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "8e75cb19ccafba51294ea60f9e920bd08524bc2b27406540c9ec4214b76b3a05" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "872c8d80a232dd708c718288894a98c98c6fed340e250e78675fea15feae7289" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "97a4bb7c8f3c0e8c3ec412c73a4f936558c229996df594ccdf8c59fa25a3e8f1" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "f64c9bffbc88d74d285a08ad03820a3c359e3159df8d33db1170f978422c7c0b" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "454625ef6e8b3da5a356b0cae09acd0db1884fa85b014f46ddc42de9c1ca6fc9" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "367f249f9b977f1ef275e982ce656e7acd96956e5b6e2c5692e2fe262a9b7e3e" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "5426010adc90ed14032aa93cd56f73fc4956914c5e113c1cde672323f11f5550" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "81f55704c25d163e0779ce5cd3281c14d6644af9f6c792cc8cfd4d4f8ad1c6ef" },
        { "benchmarks/scenarios/synthetic-large.yaml", "trials.parquet", "684210717a13d4166f10acb3bce9b8a09cac277cb18164a1858226be0181d5c8" },
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
