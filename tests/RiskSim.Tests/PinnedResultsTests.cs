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
        { "tests/reference/reference-simple.yaml", "decision.json", "7e19caff7f94fdbe185d526bf41e0e88ba019e6650d2ee32f18468d00893939b" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "2f09052606ac3876cbd31f2f34e4f9af656b07a0e81660c5e9c6a674b1cfb8ad" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "480e835fdd97049246c3e9daa3b57aef7064fde27a3712c577a98d31128cf9f6" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "7a64f94c929911627db5c886b60e112f309dd2d77e401998f3b382c4ceb1d362" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "d3da8f147605b39048719e591153ffac87f5a03a9817eb6e176a8a2d6ff4a9dc" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "a5487e7527d909c59328cd0996b98d05f5bcd4129f14bf5d8efd939378d5962c" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "ed68a8d949a7fc95bbbd1e1c5e8f773160b6e957805fa1fbbf64a222c49b48f1" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "c07f5232004ae94ae9e6fa7df9dafb54dafac6a980e97074959efcaabfd6a11c" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "c4d4f12b0059a3923e1343ba0a0177523c33ebc81053a3f0dc1094957535f643" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "41dae4d6f38f95e4abd1891ab331ab674796679f03d8ca8b555587570746fe23" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "d3b03c004a2252da7d2c0ee5d607c4eef87c900383d833c2793b43d4d62ae35c" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "c65d47fa3311bc6b81492d1d9af0ac5a89bdd113496d274d3dd4c69cd01c1cdb" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "86656118c6c94a930f857248d4b497a0dec5b4fe09046cd170de44d2266625ab" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "0d2576d30909370c4cef045ab53719dffba6c09edfbd07d45dc53ef2f36b0f87" },
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
