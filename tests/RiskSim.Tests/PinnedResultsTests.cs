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
        { "tests/reference/reference-simple.yaml", "decision.json", "78867376cf3af80e5b5db75ecc1a221e584952547a20284bc4051ac1fe0b0fdc" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "2f09052606ac3876cbd31f2f34e4f9af656b07a0e81660c5e9c6a674b1cfb8ad" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "4b7e3c6dcd4d7619b4bf533635e180b7383584905b8d114ce87686b6855b10c3" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "654672d4300844be1a1556c2033cb61604dd2c1fc4829f9ba85868cd85dc647b" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "d3da8f147605b39048719e591153ffac87f5a03a9817eb6e176a8a2d6ff4a9dc" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "ab4b3d9074adc4495c409f186cbf529b0ef2bce41ca7ffd86981dd1dd3c1dcc5" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "ed68a8d949a7fc95bbbd1e1c5e8f773160b6e957805fa1fbbf64a222c49b48f1" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "56a600b4dfab7045140c296b6b40f3d0edc3677e18d5ef0a8c6f42305d2d4195" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "372641f1f393253492be529fcf13aaf0937232301c8cad04d9d602993060f1d8" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "41dae4d6f38f95e4abd1891ab331ab674796679f03d8ca8b555587570746fe23" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "fe27a6c2ac67b9e336dd2cef0802725cea39dc177e1540611a616865b680fe3c" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "c65d47fa3311bc6b81492d1d9af0ac5a89bdd113496d274d3dd4c69cd01c1cdb" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "28daaf4195c0bfeff67d6e3199a39ce966f7cfabc998c941118a4525f31151ea" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "2490b98d0e47834a9df46be4dd5145faa07178ba83cd5120965a63a5edb8c3eb" },
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
