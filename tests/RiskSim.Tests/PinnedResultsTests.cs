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
        { "tests/reference/reference-simple.yaml", "decision.json", "7f3dddd9a84cea2474b2eb0c4b1c0a52d5e81e978d19fe818f5a9ecf31ec5716" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "2f09052606ac3876cbd31f2f34e4f9af656b07a0e81660c5e9c6a674b1cfb8ad" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "55db0ca9e76b202d8c53a87ef08b35ad4a2f23ba15047bd3cf00524bb6fea4f6" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "fb4a6bae451620f700a10f84565e5b651e3a9b7ebecc51ca6fa4191333127cbc" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "d3da8f147605b39048719e591153ffac87f5a03a9817eb6e176a8a2d6ff4a9dc" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "73bf338af49c884f3e2186f7fd1896ee5c172f530c964b8d8c98da39499e7a49" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "ed68a8d949a7fc95bbbd1e1c5e8f773160b6e957805fa1fbbf64a222c49b48f1" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "5784e31bf9f26d28b8f105e9e6adf4eb97468a9e46503cff4da9533dd05b4b8d" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "9ec8c9646137e1b2a38c3e245bfcc660165e32553a1629ffa95597c253cccaf2" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "41dae4d6f38f95e4abd1891ab331ab674796679f03d8ca8b555587570746fe23" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "8ee2aaec7b74cc049c52ea151e9a1a10fcff8a7a0a534a52315d86ce705cf6b1" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "c65d47fa3311bc6b81492d1d9af0ac5a89bdd113496d274d3dd4c69cd01c1cdb" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "f6e336c12b4ade7ace69e0a388afa098349a497d9981209c587c4740ba5c80df" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "573705af5acb2fcba1a67b1afd5d64bf57c7e7fe112a5561d9f3bcd58b075bcd" },
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
