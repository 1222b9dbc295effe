using System.Globalization;
using System.Security.Cryptography;

namespace RiskSim.Tests;

/// <summary>
/// The 256-bit and scalar trial kernels are the 512-bit kernel with its width changed, and a run gives the same
/// bytes whichever the machine's widest vectors are.
/// </summary>
public class TrialKernelSourceTests
{
    private static string Engine => Path.Combine(TestPaths.RepoRoot, "src", "RiskSim.Core", "Engine");

    // The sed commands that make the narrower kernels from TrialKernel512.cs:
    //   sed -e 's/Lanes512/Lanes256/g; s/Vector512/Vector256/g; s/TrialKernel512/TrialKernel256/g' TrialKernel512.cs > TrialKernel256.cs
    //   sed -e 's/^using M = System.Runtime.Intrinsics.Vector512<double>;/using M = bool;/;
    //          s/^using V = System.Runtime.Intrinsics.Vector512<double>;/using V = double;/;
    //          s/Lanes512/Lanes1/g; s/TrialKernel512/TrialKernel1/g' TrialKernel512.cs > TrialKernel1.cs
    private static string To256(string source) => source
        .Replace("Lanes512", "Lanes256", StringComparison.Ordinal)
        .Replace("Vector512", "Vector256", StringComparison.Ordinal)
        .Replace("TrialKernel512", "TrialKernel256", StringComparison.Ordinal);

    private static string ToScalar(string source) => source
        .Replace("using M = System.Runtime.Intrinsics.Vector512<double>;", "using M = bool;", StringComparison.Ordinal)
        .Replace("using V = System.Runtime.Intrinsics.Vector512<double>;", "using V = double;", StringComparison.Ordinal)
        .Replace("Lanes512", "Lanes1", StringComparison.Ordinal)
        .Replace("TrialKernel512", "TrialKernel1", StringComparison.Ordinal);

    [Fact]
    public void The_narrower_kernels_are_the_512_bit_kernel_with_its_width_changed()
    {
        string source = File.ReadAllText(Path.Combine(Engine, "TrialKernel512.cs"));
        Assert.Contains("Vector512", source, StringComparison.Ordinal);
        Assert.True(To256(source) == File.ReadAllText(Path.Combine(Engine, "TrialKernel256.cs")),
            "TrialKernel256.cs is not TrialKernel512.cs with the width changed: regenerate it (see this test)");
        Assert.True(ToScalar(source) == File.ReadAllText(Path.Combine(Engine, "TrialKernel1.cs")),
            "TrialKernel1.cs is not TrialKernel512.cs with the width changed: regenerate it (see this test)");
    }

    // Every one of these scenarios has risks, so each run writes the quantified register, risks.csv, too.
    private static readonly string[] Files = ["decision.json", "risks.csv", "sensitivity.parquet", "summary.csv", "summary.parquet", "trials.parquet"];

    [Theory]
    [InlineData("tests/reference/reference-ledger.yaml", 17)]
    [InlineData("tests/reference/reference-shared-ict.yaml", 17)]
    [InlineData("benchmarks/scenarios/synthetic-large.yaml", 5)] // a copula scenario
    public async Task A_run_writes_the_same_bytes_on_the_avx512_avx2_and_scalar_paths(string scenario, int seed)
    {
        string path = Path.Combine(TestPaths.RepoRoot, scenario);
        // 70,003 trials: past the 65,536-trial pilot (so the histograms and bands reach the files), with a last block of
        // 371 trials (not a multiple of any width); each path on its own thread count.
        (string Name, int Threads, (string Name, string Value)[] Environment)[] paths =
        [
            ("on the widest path", 2, []),
            ("without AVX-512", 1, [("DOTNET_EnableAVX512F", "0"), ("DOTNET_EnableAVX512", "0")]),
            ("without AVX2", 3, [("DOTNET_EnableAVX2", "0")]),
        ];
        var folders = new List<string>();
        try
        {
            foreach (var (_, threads, environment) in paths)
            {
                string output = TestPaths.NewTempFolder("widths");
                folders.Add(output);
                await RiskSimProcess.RunAsync(["run", path, "--trials", "70003", "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", output, "--no-charts", "--quiet"], environment, TimeSpan.FromMinutes(3));
            }
            foreach (string file in Files)
            {
                var hashes = new string[paths.Length];
                for (int p = 0; p < paths.Length; p++)
                {
                    string written = Path.Combine(folders[p], file);
                    Assert.True(File.Exists(written), $"{scenario}: no {file} {paths[p].Name}");
                    hashes[p] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(written)));
                }
                for (int p = 1; p < paths.Length; p++)
                {
                    Assert.True(hashes[p] == hashes[0], $"{scenario}: {file} differs {paths[p].Name}");
                }
            }
        }
        finally
        {
            foreach (string folder in folders)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: the test run's scratch folder is removed when the run ends.
                }
            }
        }
    }
}
