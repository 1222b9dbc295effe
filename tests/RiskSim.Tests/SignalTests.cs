using System.Diagnostics;
using RiskSim.Cli;

namespace RiskSim.Tests;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP sent to a real <c>risksim</c> process: it stops with exit code 130, the previous
/// results stay byte-identical and no temporary file or folder remains.
/// </summary>
public sealed class SignalTests
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private static string ReferenceIct => Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml");

    [Theory]
    [InlineData(SigInt, false)]
    [InlineData(SigTerm, true)]
    [InlineData(SigHup, false)]
    public async Task A_run_stopped_by_a_signal_while_simulating_exits_130_and_keeps_the_previous_results(int signal, bool charts)
    {
        string output = TestPaths.NewTempFolder($"signal-{signal}");
        Assert.Equal(ExitCodes.Ok, RunCommandTests.Run(ReferenceIct, output, trials: 5_000, trialsOut: 1_000).ExitCode);
        var before = BatchTests.Snapshot(output);

        // 50 million trials take minutes: the signal arrives while trials.parquet is being streamed.
        string[] args = ["run", ReferenceIct, "--trials", "50000000", "--out", output, "--quiet", .. charts ? Array.Empty<string>() : ["--no-charts"]];
        var outcome = await RunAndSignal(args, signal, () => StagingOf(output) is { } staging && File.Exists(Path.Combine(staging, "trials.parquet")));

        Assert.True(outcome.ExitCode == ExitCodes.Cancelled, outcome.ToString());
        Assert.Contains("Cancelled", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, BatchTests.Snapshot(output));
        AssertNoTemporaries(output);
    }

    [Fact]
    public async Task A_run_stopped_while_drawing_its_charts_exits_130_and_keeps_the_previous_results()
    {
        string output = TestPaths.NewTempFolder("signal-charts");
        Assert.Equal(ExitCodes.Ok, RunCommandTests.Run(ReferenceIct, output, trials: 5_000, trialsOut: 0).ExitCode);
        var before = BatchTests.Snapshot(output);

        // run.json is staged just before the charts are drawn; at 600 dpi with SVG they take seconds.
        string[] args = ["run", ReferenceIct, "--trials", "20000", "--trials-out", "none", "--out", output, "--quiet", "--dpi", "600", "--svg"];
        var outcome = await RunAndSignal(args, SigTerm, () => StagingOf(output) is { } staging && File.Exists(Path.Combine(staging, "run.json")));

        Assert.True(outcome.ExitCode == ExitCodes.Cancelled, outcome.ToString());
        Assert.Equal(before, BatchTests.Snapshot(output));
        AssertNoTemporaries(output);
    }

    [Theory]
    [InlineData(SigInt)]
    [InlineData(SigTerm)]
    public async Task A_batch_stopped_by_a_signal_exits_130_and_keeps_the_previous_batch(int signal)
    {
        string input = TestPaths.NewTempFolder("signal-batch-in");
        File.Copy(ReferenceIct, Path.Combine(input, "ict.yaml"));
        string output = TestPaths.NewTempFolder("signal-batch-out");
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Ok, Cli.Commands.BatchRunner.Execute(
            new Cli.Commands.BatchOptions([input], output, 5_000, 1, 0, false, false, true), TextWriter.Null, stderr));
        var before = BatchTests.Snapshot(output);

        string[] args = ["batch", input, "--out", output, "--trials", "50000000", "--no-charts", "--quiet"];
        var outcome = await RunAndSignal(args, signal, () => StagingOf(Path.Combine(output, "ict")) is not null);

        Assert.True(outcome.ExitCode == ExitCodes.Cancelled, outcome.ToString());
        Assert.Equal(before, BatchTests.Snapshot(output));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(output, "*", SearchOption.AllDirectories), e => Path.GetFileName(e).StartsWith('.'));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /// <summary>Sends a signal with the system's kill command.</summary>
    private static async Task Kill(int pid, int signal)
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        kill.ArgumentList.Add("-s");
        kill.ArgumentList.Add(signal switch { SigHup => "HUP", SigInt => "INT", _ => "TERM" });
        kill.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(kill) ?? throw new InvalidOperationException("kill did not start");
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kill failed: {error}");
    }

    /// <summary>
    /// Starts <c>dotnet risksim.dll ARGS</c>, waits until <paramref name="started"/> holds (at most 15 s), sends
    /// <paramref name="signal"/> and waits for the process to end (at most 15 s).
    /// </summary>
    private static async Task<RiskSimOutcome> RunAndSignal(string[] args, int signal, Func<bool> started)
    {
        // A test run started in the background by a shell inherits SIGINT as ignored, and so would risksim; a user's
        // risksim in a terminal has it at its default. GNU env restores the default before starting risksim.
        bool restore = IgnoredByThisProcess(signal) && File.Exists("/usr/bin/env");
        using var risksim = RiskSimProcess.Start(args, launcher: restore ? ["/usr/bin/env", $"--default-signal={signal}"] : null);
        var clock = Stopwatch.StartNew();
        while (!started())
        {
            if (risksim.HasExited)
            {
                Assert.Fail($"risksim ended before the signal was sent: {await risksim.StopAsync()}");
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail($"risksim did not reach the stage to interrupt within 15 s\n{await risksim.StopAsync()}");
            }
            await Task.Delay(10);
        }
        await Kill(risksim.Id, signal);
        return await risksim.WaitAsync(TimeSpan.FromSeconds(15));
    }

    // Whether this process ignores the signal (the SigIgn mask of /proc/self/status), which a child would inherit.
    private static bool IgnoredByThisProcess(int signal)
    {
        string? line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))
            : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    /// <summary>The staging folder beside <paramref name="folder"/>, once a run has made one.</summary>
    private static string? StagingOf(string folder)
    {
        string parent = Path.GetDirectoryName(folder)!;
        string prefix = $".{Path.GetFileName(folder)}.";
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent).FirstOrDefault(d =>
                Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal) && d.EndsWith(".staging", StringComparison.Ordinal))
            : null;
    }

    private static void AssertNoTemporaries(string folder)
    {
        string name = Path.GetFileName(folder);
        var left = Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!, $".{name}.*")
            .Concat(Directory.GetFileSystemEntries(folder, ".*")).ToList();
        Assert.True(left.Count == 0, $"temporaries left: {string.Join(", ", left)}");
    }
}
