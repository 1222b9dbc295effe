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
        { "tests/reference/reference-simple.yaml", "decision.json", "3999d7f2b610e91174a6f353c4cde0615c099354a9898288e224b975fdc32166" },
        { "tests/reference/reference-simple.yaml", "sensitivity.parquet", "2f09052606ac3876cbd31f2f34e4f9af656b07a0e81660c5e9c6a674b1cfb8ad" },
        { "tests/reference/reference-simple.yaml", "summary.csv", "592381f70f13aa6a7ca04aaf8e59c8cd9d624543de4811149ce87b6770149d7e" },
        { "tests/reference/reference-simple.yaml", "summary.parquet", "4d304b96e932b27df3022239a4ae2565c3ff1c81b3f990aa47e899c8031b98aa" },
        { "tests/reference/reference-simple.yaml", "trials.parquet", "d3da8f147605b39048719e591153ffac87f5a03a9817eb6e176a8a2d6ff4a9dc" },
        { "tests/reference/reference-shared-ict.yaml", "decision.json", "9f06c5c0946e128af2e0b4e34e863d546cfb201a335ca7ea6cf5723e98d10c00" },
        { "tests/reference/reference-shared-ict.yaml", "sensitivity.parquet", "ed68a8d949a7fc95bbbd1e1c5e8f773160b6e957805fa1fbbf64a222c49b48f1" },
        { "tests/reference/reference-shared-ict.yaml", "summary.csv", "44a8948931695af5b4284ff20617aa80fe6ca008c014f8a4239c12fc876d70cd" },
        { "tests/reference/reference-shared-ict.yaml", "summary.parquet", "e0bcd4f7e1269922eee9752e1c23ae9e1585115a13baa994a4ec1bde017d7bf6" },
        { "tests/reference/reference-shared-ict.yaml", "trials.parquet", "41dae4d6f38f95e4abd1891ab331ab674796679f03d8ca8b555587570746fe23" },
        { "benchmarks/scenarios/synthetic-large.yaml", "decision.json", "872cb1256e7bcabc1e3ca03b451821f37b4ba816d26f89914a2ddb1fafea1cdb" },
        { "benchmarks/scenarios/synthetic-large.yaml", "sensitivity.parquet", "c65d47fa3311bc6b81492d1d9af0ac5a89bdd113496d274d3dd4c69cd01c1cdb" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.csv", "88bb5527a89ed15eac655c00125b1b79976809652edf4b1915956f27e5bcf13c" },
        { "benchmarks/scenarios/synthetic-large.yaml", "summary.parquet", "b81f2f1086b9913571c04cffaa8484a02513d5d24499bdd4ad35cff7b6efd019" },
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
