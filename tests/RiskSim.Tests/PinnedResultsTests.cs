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
        { "tests/reference/reference-simple.yaml", "decision.json", "e4cc7892833c45b78d24547edda7c03aa2a035dc23ab9294470325edee857044" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "4afa49641eabec552a88032b759d21ba8ea32ba7be82ffc663fe81cdfb40e64a" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "77d6486311b019d9a303333bf36e4af75cf57f6ba12afe3e6bbb23073bef4e09" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "bc1d57b9f9134d67b2c4cb40aa67d63141c2a7dbbf3a4652c828f63bcf51155c" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "e00299660fe877f5342699a609d14e4819a16ac4337007b5290f194cc7896655" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "92bdef5631abab571e7a1b488c65c1b7b7f9064d2948051e67629ddeb80df8e3" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "d0b6b4ebd21db79ba9934c16283ee62f6910972810ee72cb21075f43978ee0e1" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "afc38434dc23defc09eb4eb1580a28508995c909e532786c3364957b11f416bf" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "2532cc55267eec29051d4502abe989c2caf08908121d2696a414410427a252f0" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "87b4b43a64dbae495db56a760032d3c8d5c333a30741772ee1e0b9ab41aec03b" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "3779c00f853cf7af5f8353326b1ad0f25cd8609f02d7a64aac59357c9948f3b2" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "23a18a79226437a029c1f5ef6d8d48350d8ca086fd14f079b22a42a6b0661fab" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "a6eec7d0375d641e2cd16a78c24cd0742f6d9f98517b798e5b259bd522cf5af9" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "7a73d8aafe618261994c2c7fbd7102ea55cc035a9ff675de24ba687d8d1a502b" },
        { "benchmarks/scenarios/synthetic-large.yaml", "trials.parquet", "c0702853b414e6937906e1648b8934fa35b6f4fab955787055cd0959a4e1376b" },
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
