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
        { "tests/reference/reference-simple.yaml", "decision.json", "538152956d6f787d8a0a2f5af222fc8683f13ed6220032f421cd08d8183b5ef8" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "df0017f011efd67f206776f848ec8eca19d85a01e01c5e78dd1ca8d3dd5e0618" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "c7e9f0832bf5e6e91fa7c6c5691a46f6c9e3fb21468b74a5f92fee71349a6b7a" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "d572a0c6ee66f8f58ad931a633ad06717ca0a2de1204cac8c601176bef87b049" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "35352e73ebe1110d3b4816e202241695c41d27ef76a6295b3c397e1a2e140326" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "67fe9fbd6ea5d720c56829977bfb395fe13df2cfa9083939a00581e42bd4944b" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "38ef64e8210aaa400d43a77b4210384e4f53b19d6b5278c85499309092b7b367" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "d1710ea56deed98b61162fc29ed401b463e730afeee2987f4e48b5c6671c3660" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "0cfa5cf7bad41952ce408ee37d70e8a81404a4b432d2c7968780240371f3d323" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "1d2108c44554b194ea197974d862c977cf52166f46a94e2ac4154d0191395dd2" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "89a2c8f35c0a868ec9856f72391044b864d2533cc573040d503639c14ac6f2c1" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "155d05c07bca8f8ab6aed7f32ca82fe565340c227c217680d1c1b46ce2c0f310" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "fe893cceeddbe5874ecba0a4bdd1fd75dfe2603a5626a8b1ec6ff908d239f6f8" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "d8e58fae074bbd96c962ae2c0d625b97f7562c8ac72dc32c3c92d1e289fafe4f" },
        { "benchmarks/scenarios/synthetic-large.yaml", "trials.parquet", "2e13f59c0c2dff81bea1427afd40c6ceba97c50b6b76cc0e3bc6eaa33b8d4ec6" },
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
