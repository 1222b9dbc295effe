using System.Globalization;
using System.Text.Json;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// <c>risksim run</c> end to end through <see cref="RunHandler.Execute"/>: exit codes, the files written
/// (the result files, docs/model.md), reproducibility across thread counts, errors, cancellation and the command line.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly List<string> _folders = [];

    /// <summary>The files every run writes (with trials.parquet unless --trials-out none).</summary>
    // Every example and reference scenario has risks, so every run also writes the quantified register, risks.csv.
    private static readonly string[] ResultFiles =
        ["decision.json", "results.xlsx", "risks.csv", "run.json", "sensitivity.parquet", "summary.csv", "summary.parquet", "trials.parquet"];

    private static string ReferenceIct => Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml");

    public static TheoryData<string> ExampleScenarios =>
        new(Directory.GetFiles(TestPaths.Scenarios, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    // ---- (a) every example scenario runs ---------------------------------------------------------

    [Theory]
    [MemberData(nameof(ExampleScenarios))]
    public void Every_example_scenario_runs_and_writes_exactly_the_result_files(string fileName)
    {
        string output = NewFolder("run-" + Path.GetFileNameWithoutExtension(fileName));
        var run = Run(Path.Combine(TestPaths.Scenarios, fileName), output, trials: 20_000);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(ResultFiles, FilesIn(output));
        Assert.Empty(Directory.GetDirectories(output));
        Assert.DoesNotContain(FilesIn(output), f => f.StartsWith('.'));
        Assert.Contains(output, run.Stdout, StringComparison.Ordinal);

        using var runJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "run.json")));
        Assert.Equal(20_000, runJson.RootElement.GetProperty("trials").GetInt64());
        Assert.Equal(20_000, runJson.RootElement.GetProperty("trials_written").GetInt64());
    }

    // ---- (b) reproducible for any number of threads ------------------------------------------------

    [Fact]
    public void One_and_two_threads_write_byte_identical_results()
    {
        string one = NewFolder("threads-1");
        string two = NewFolder("threads-2");

        var runOne = Run(ReferenceIct, one, trials: 150_000, threads: 1);
        var runTwo = Run(ReferenceIct, two, trials: 150_000, threads: 2);

        Assert.True(runOne.ExitCode == ExitCodes.Ok, runOne.ToString());
        Assert.True(runTwo.ExitCode == ExitCodes.Ok, runTwo.ToString());
        Assert.Equal(FilesIn(one), FilesIn(two));
        foreach (string file in FilesIn(one).Where(f => f != "run.json"))
        {
            byte[] a = File.ReadAllBytes(Path.Combine(one, file));
            byte[] b = File.ReadAllBytes(Path.Combine(two, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between 1 and 2 threads");
        }
        using var runJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(two, "run.json")));
        Assert.Equal(2, runJson.RootElement.GetProperty("threads").GetInt32());
    }

    [Fact]
    public void The_seed_changes_the_results_and_the_same_seed_repeats_them()
    {
        string first = NewFolder("seed-a");
        string again = NewFolder("seed-b");
        string other = NewFolder("seed-c");

        Assert.Equal(ExitCodes.Ok, Run(ReferenceIct, first, trials: 20_000, seed: 5, trialsOut: 0).ExitCode);
        Assert.Equal(ExitCodes.Ok, Run(ReferenceIct, again, trials: 20_000, seed: 5, trialsOut: 0).ExitCode);
        Assert.Equal(ExitCodes.Ok, Run(ReferenceIct, other, trials: 20_000, seed: 6, trialsOut: 0).ExitCode);

        string csv = File.ReadAllText(Path.Combine(first, "summary.csv"));
        Assert.Equal(csv, File.ReadAllText(Path.Combine(again, "summary.csv")));
        Assert.NotEqual(csv, File.ReadAllText(Path.Combine(other, "summary.csv")));
    }

    // ---- (c) bad input --------------------------------------------------------------------------

    [Fact]
    public void An_invalid_scenario_exits_2_with_every_problem_as_file_line_column_and_writes_nothing()
    {
        string folder = NewFolder("invalid");
        string scenario = Path.Combine(folder, "broken.yaml");
        File.WriteAllText(scenario, ScenarioValidationTests.Valid
            .Replace("share: 0.6", "share: lots", StringComparison.Ordinal)                                         // 7:12
            .Replace("{ pert: [100000, 150000, 200000] }", "{ pert: [160000, 150000, 200000] }", StringComparison.Ordinal) // 13:28
            .Replace("probability: 0.2", "probability: 1.5", StringComparison.Ordinal));                           // 19:18
        string output = Path.Combine(folder, "out");

        var run = Run(scenario, output, trials: 1_000);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{scenario}:7:12:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{scenario}:13:28:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{scenario}:19:18:", run.Stderr, StringComparison.Ordinal);
        var problems = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario)).Errors;
        foreach (var problem in problems)
        {
            Assert.Contains($"{problem.File}:{problem.Line}:{problem.Column}: ", run.Stderr, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.True(!Directory.Exists(output) || Directory.GetFileSystemEntries(output).Length == 0,
            "an invalid scenario must not produce any output");
    }

    [Fact]
    public void A_missing_scenario_file_exits_2_with_a_clear_message()
    {
        string folder = NewFolder("missing");
        string scenario = Path.Combine(folder, "no-such-scenario.yaml");
        string output = Path.Combine(folder, "out");

        var run = Run(scenario, output, trials: 1_000);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(scenario, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("not found", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_output_folder_under_a_regular_file_exits_2_naming_the_folder_and_writes_nothing()
    {
        string folder = NewFolder("unwritable");
        string blocker = Path.Combine(folder, "not-a-folder");
        File.WriteAllText(blocker, "x");
        string output = Path.Combine(blocker, "out");

        var run = Run(ReferenceIct, output, trials: 1_000);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(output, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(blocker));
        Assert.Equal(["not-a-folder"], FilesIn(folder));
    }

    [Fact]
    public void An_output_folder_that_is_a_file_exits_2_naming_it_and_leaves_it_alone()
    {
        string folder = NewFolder("out-is-file");
        string output = Path.Combine(folder, "results");
        File.WriteAllText(output, "keep me");

        var run = Run(ReferenceIct, output, trials: 1_000);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(output, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(output));
        Assert.Equal(["results"], FilesIn(folder));
    }

    // ---- (d) cancellation -------------------------------------------------------------------------

    [Fact]
    public void A_run_cancelled_before_it_starts_exits_130_and_leaves_no_result_file()
    {
        string output = NewFolder("cancel-now");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var run = Run(ReferenceIct, output, trials: 100_000, cancellation: cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        AssertNoResultFiles(output);
    }

    [Fact]
    public void A_run_cancelled_while_simulating_exits_130_promptly_and_leaves_no_result_file()
    {
        string output = NewFolder("cancel-later");
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(700));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // 50 million trials take minutes; trials.parquet is being streamed when the cancel arrives.
        var run = Run(ReferenceIct, output, trials: 50_000_000, cancellation: cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancellation took {clock.Elapsed}");
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        AssertNoResultFiles(output);
    }

    [Fact]
    public void A_cancelled_run_keeps_the_results_of_an_earlier_run_intact()
    {
        string output = NewFolder("cancel-keeps");
        Assert.Equal(ExitCodes.Ok, Run(ReferenceIct, output, trials: 20_000, trialsOut: 0).ExitCode);
        var before = FilesIn(output).ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(output, f)));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var run = Run(ReferenceIct, output, trials: 30_000, cancellation: cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), FilesIn(output));
        foreach (var (file, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, file))), $"{file} was changed");
        }
    }

    // ---- (e) --trials-out ----------------------------------------------------------------------

    [Fact]
    public void Trials_out_none_writes_no_trials_file()
    {
        string output = NewFolder("trials-none");

        var run = Run(ReferenceIct, output, trials: 20_000, trialsOut: 0);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(ResultFiles.Where(f => f != "trials.parquet"), FilesIn(output));
        using var runJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "run.json")));
        Assert.Equal(0, runJson.RootElement.GetProperty("trials_written").GetInt64());
    }

    [Fact]
    public void Trials_out_5000_writes_the_first_5000_trials()
    {
        string output = NewFolder("trials-5000");

        var run = Run(ReferenceIct, output, trials: 20_000, trialsOut: 5_000);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        string trials = Path.Combine(output, "trials.parquet");
        Assert.Equal(5_000L, Duck.Scalar<long>($"SELECT count(*) FROM read_parquet('{trials}')"));
        Assert.Equal(1L, Duck.Scalar<long>($"SELECT min(trial) FROM read_parquet('{trials}')"));
        Assert.Equal(5_000L, Duck.Scalar<long>($"SELECT max(trial) FROM read_parquet('{trials}')"));
        Assert.Equal(5_000L, Duck.Scalar<long>($"SELECT count(DISTINCT trial) FROM read_parquet('{trials}')"));
        using var runJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "run.json")));
        Assert.Equal(5_000, runJson.RootElement.GetProperty("trials_written").GetInt64());
    }

    [Fact]
    public void Trials_out_above_the_trial_count_writes_every_trial()
    {
        string output = NewFolder("trials-more");

        var run = Run(ReferenceIct, output, trials: 3_000, trialsOut: 10_000);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(3_000L, Duck.Scalar<long>($"SELECT count(*) FROM read_parquet('{Path.Combine(output, "trials.parquet")}')"));
    }

    // ---- (f) the command line ---------------------------------------------------------------------

    [Fact]
    public void The_command_line_parses_every_run_option()
    {
        var result = Program.BuildRoot().Parse(
            ["run", "x.yaml", "--trials", "10", "--seed", "3", "--threads", "2", "--out", "d", "--trials-out", "none", "--quiet"]);

        Assert.Empty(result.Errors);
        Assert.Equal("run", result.CommandResult.Command.Name);
        Assert.Equal("x.yaml", result.GetValue<string>("scenario"));
        Assert.Equal(10L, result.GetValue<long?>("--trials"));
        Assert.Equal(3UL, result.GetValue<ulong?>("--seed"));
        Assert.Equal(2, result.GetValue<int>("--threads"));
        Assert.Equal("d", result.GetValue<string?>("--out"));
        Assert.Equal(0L, result.GetValue<long?>("--trials-out"));
        Assert.True(result.GetValue<bool>("--quiet"));
    }

    [Fact]
    public void The_command_line_accepts_short_aliases_and_trials_out_all()
    {
        RunOptions? options = null;
        var run = RunCommand.Build((o, _) =>
        {
            options = o;
            return ExitCodes.Ok;
        });
        var result = run.Parse(["x.yaml", "-n", "1_000_000", "-s", "7", "-t", "1", "-o", "d", "--trials-out", "all", "-q"]);

        Assert.Empty(result.Errors);
        Assert.Equal(ExitCodes.Ok, result.Invoke());
        Assert.NotNull(options);
        Assert.Equal(1_000_000L, options.Trials);
        Assert.Equal(7UL, options.Seed);
        Assert.Equal(1, options.Threads);
        Assert.True(options.Quiet);
        Assert.Null(options.TrialsOut);
    }

    [Fact]
    public void Trials_out_all_runs_from_the_command_line()
    {
        string output = NewFolder("trials-all");

        int code = Program.Main(["run", ReferenceIct, "--trials", "2000", "--trials-out", "all", "--out", output, "--quiet", "--no-charts"]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(ResultFiles, FilesIn(output));
        Assert.Equal(2_000L, Duck.Scalar<long>($"SELECT count(*) FROM read_parquet('{Path.Combine(output, "trials.parquet")}')"));
    }

    [Theory]
    [InlineData("--trials", "abc")]
    [InlineData("--trials", "0")]
    [InlineData("--trials", "-5")]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "two")]
    [InlineData("--seed", "-1")]
    [InlineData("--trials-out", "maybe")]
    public void The_command_line_rejects_bad_option_values(string option, string value)
    {
        var result = Program.BuildRoot().Parse(["run", "x.yaml", option, value]);

        Assert.NotEmpty(result.Errors);
        Assert.Contains(result.Errors, e => e.Message.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_line_needs_a_scenario()
    {
        Assert.NotEmpty(Program.BuildRoot().Parse(["run"]).Errors);
    }

    [Fact]
    public void A_bad_option_value_exits_with_the_invalid_input_code()
    {
        // ExitCodes.InvalidInput documents "bad options" as one of its causes.
        Assert.Equal(ExitCodes.InvalidInput, Program.Main(["run", ReferenceIct, "--trials", "abc"]));
    }

    // ---- (g) the console summary -----------------------------------------------------------------

    [Fact]
    public void A_normal_run_prints_year_labels_percentiles_and_chances()
    {
        string output = NewFolder("stdout");

        var run = Run(ReferenceIct, output, trials: 20_000, trialsOut: 0, quiet: false);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        foreach (string expected in new[] { "2025/26", "2030/31", "P10", "P50", "P90", "chance", output })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("2031/32", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quiet_run_prints_only_where_the_results_are()
    {
        string output = NewFolder("quiet");

        var run = Run(ReferenceIct, output, trials: 5_000, trialsOut: 0, quiet: true);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.DoesNotContain("P10", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(output, run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    // ---- helpers ------------------------------------------------------------------------------

    internal sealed record RunOutcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() =>
            $"exit {ExitCode.ToString(CultureInfo.InvariantCulture)}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}"
            + $"{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
    }

    /// <summary>Runs <c>risksim run</c> in-process; <paramref name="trialsOut"/> null means the default (all), 0 none.</summary>
    internal static RunOutcome Run(string scenario, string output, long trials, int threads = 0, ulong? seed = null,
        long? trialsOut = null, bool quiet = true, CancellationToken cancellation = default)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var options = new RunOptions(scenario, trials, seed, threads, output, trialsOut, quiet);
        int code = RunHandler.Execute(options, stdout, stderr, cancellation: cancellation);
        return new RunOutcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A new temporary folder, deleted after the test.</summary>
    private string NewFolder(string name)
    {
        string path = TestPaths.NewTempFolder(name);
        _folders.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (string folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    private static void AssertNoResultFiles(string output)
    {
        if (!Directory.Exists(output))
        {
            return;
        }
        var left = FilesIn(output);
        Assert.False(left.Any(f => ResultFiles.Contains(f)), $"result files left: {string.Join(", ", left)}");
        // The run promises to delete its temporary files too.
        Assert.True(left.Length == 0, $"files left: {string.Join(", ", left)}");
    }
}
