using System.Diagnostics;
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

    private static readonly string[] Files = ["decision.json", "summary.csv", "summary.parquet", "trials.parquet", "sensitivity.parquet"];

    [Theory]
    [InlineData("reference-ledger.yaml")]
    [InlineData("reference-shared-ict.yaml")]
    public async Task A_run_writes_the_same_bytes_without_512_bit_or_256_bit_vectors(string scenario)
    {
        string path = Path.Combine(TestPaths.Reference, scenario);
        // 70,003 trials: past the 65,536-trial pilot (so the histograms and bands reach the files), with a last block of
        // 371 trials (not a multiple of any width); each path on its own thread count.
        var widest = await RunCli(path, [], threads: 2);
        var no512 = await RunCli(path, [("DOTNET_EnableAVX512F", "0"), ("DOTNET_EnableAVX512", "0")], threads: 1);
        var no256 = await RunCli(path, [("DOTNET_EnableAVX2", "0")], threads: 3);
        foreach (string file in Files)
        {
            Assert.True(widest[file] == no512[file], $"{scenario}: {file} differs without AVX-512");
            Assert.True(widest[file] == no256[file], $"{scenario}: {file} differs without AVX2");
        }
    }

    private static async Task<Dictionary<string, string>> RunCli(string scenario, (string Name, string Value)[] environment, int threads)
    {
        string output = TestPaths.NewTempFolder("widths");
        string dll = Path.Combine(AppContext.BaseDirectory, "risksim.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "run", scenario, "--trials", "70003", "--seed", "17", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", output, "--no-charts", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("risksim did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"risksim exited with {process.ExitCode}\n{await stdout}\n{await stderr}");
        var hashes = Files.ToDictionary(f => f, f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, f)))));
        Directory.Delete(output, recursive: true);
        return hashes;
    }
}
