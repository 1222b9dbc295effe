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
        { "tests/reference/reference-simple.yaml", "decision.json", "f8c92de3c51a1041badc6164aeece8f56d16da8e93b0a9c9db00934bfb9972af" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "df0017f011efd67f206776f848ec8eca19d85a01e01c5e78dd1ca8d3dd5e0618" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "23418df6f9114fd0a17f2f06cb4d54133c82820f97d3f79aec1196954a56fff7" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "50138f7698ac3f2ddeb476f822356abd2982939dc31718366920f62602155984" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "35352e73ebe1110d3b4816e202241695c41d27ef76a6295b3c397e1a2e140326" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "6a355d346fab8caf43572437f388e8ed36224bb09f86651b1ccab1dc787cd2da" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "38ef64e8210aaa400d43a77b4210384e4f53b19d6b5278c85499309092b7b367" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "9d069eb4c4590fce46e2147ff67e3e4b8e20a288010f596d4587b6a3aca564bc" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "36343e7a7a7f50dbbae28475fe80ed507cad2ee3f79ddf4231f7569d14f1ceb1" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "1d2108c44554b194ea197974d862c977cf52166f46a94e2ac4154d0191395dd2" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "07c2e49df9072ac7a0380cc970dce905d897d9c0aeaa183c568d87d3ebdcb714" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "155d05c07bca8f8ab6aed7f32ca82fe565340c227c217680d1c1b46ce2c0f310" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "15d5f2b87a4c67ecd8d8da9ec5a197c3175f15585300f36dea6116bc7466dd49" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "dacca4e177bf95fadfecbdcbe750355e752bc19b8e06ad9c5039f1aca088c895" },
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
