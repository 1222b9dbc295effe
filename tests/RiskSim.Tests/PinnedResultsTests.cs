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
        { "tests/reference/reference-simple.yaml", "decision.json", "0eea7f3355188cc74569321e5746ad7b5084157c9248d58187749e9caf413f27" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "0548e4e67a2d44aadb7ffcb5668596c53aa3a229457369c1a3eb073469c1a355" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "8d21612988212fdc224548f4e784f624eb73f7d319acd466654245c6a5e1ad47" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "0db95a10176b2dfe94b5dd67ea245ff1acfad590a862540579a839b09e47a0f2" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "1ab26635748a48615c3c35e2481aff705f0cae0f164a791464bf20a801e6edfd" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "f388adc74a4b0e838f1bf782d4a54c55af63a6497e3aa29cbe2b2fe9b021e2ce" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "75324c223c35e4ad565b5a19497f099f66aa9aa87a432d4ad4ee8ab13589bae3" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "0443a176188b837ee3a048e4bc577728dca5790a3e191818df5394865ff0eefe" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "fabbe0c6c7a2a2bc357da4b86b8ea58ddeac5873c8c5df9eb43a1f1739e92d3e" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "fcd84bd0a1875ad49c5b1e4075a6c88a110473faccb30a79fd1ff545d0393b13" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "dac4ab065fecd8bf98354da72313f52b8ca44a9b7b944ddc1c35eaa8961fbb2b" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "0e2e054bdf39f5c9a7870b7c65a51462572116085660471b4b248f54bc8e121a" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "c4b24b3d15e17d7fd1ed84ca7e3ba6a348443e3ddde2c24f48f02d864face148" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "972ac23e257be024278088a3099920d2afba91248937c419b10c677077552775" },
        { "benchmarks/scenarios/synthetic-large.yaml", "trials.parquet", "8ab64f33b7e7bf20057474045fcbd3a564142a30250d511e8c1a4a7839abe965" },
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
