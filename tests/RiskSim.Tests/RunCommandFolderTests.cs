using System.Globalization;
using RiskSim.Charts;
using RiskSim.Cli;
using RiskSim.Cli.Commands;

namespace RiskSim.Tests;

/// <summary>
/// <c>risksim run</c> and its output folder: one run per folder, the user's files kept, temporaries reclaimed,
/// empty paths refused, scenario text that cannot break the summary, and which files carry the date.
/// </summary>
public sealed class RunCommandFolderTests
{
    private static string ReferenceIct => Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml");

    [Fact]
    public void A_run_without_trials_leaves_no_trials_file_of_the_earlier_run()
    {
        string output = TestPaths.NewTempFolder("one-run");
        Assert.Equal(ExitCodes.Ok, RunCommandTests.Run(ReferenceIct, output, trials: 5_000, seed: 1).ExitCode);
        Assert.Contains("trials.parquet", FilesIn(output));

        var run = RunCommandTests.Run(ReferenceIct, output, trials: 5_000, seed: 2, trialsOut: 0);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.DoesNotContain("trials.parquet", FilesIn(output));
    }

    [Fact]
    public void A_run_without_charts_leaves_no_report_of_the_earlier_run()
    {
        string output = TestPaths.NewTempFolder("one-run-charts");
        var withCharts = Execute(Options(ReferenceIct, output, seed: 1) with { Charts = new ChartOptions(Dpi: 72) });
        Assert.True(withCharts.Code == ExitCodes.Ok, withCharts.Stderr);
        Assert.Contains("report.html", FilesIn(output));

        var without = Execute(Options(ReferenceIct, output, seed: 2));

        Assert.True(without.Code == ExitCodes.Ok, without.Stderr);
        Assert.Equal(["decision.json", "results.xlsx", "risks.csv", "run.json", "sensitivity.parquet", "summary.csv", "summary.parquet"], FilesIn(output));
    }

    [Fact]
    public void A_run_into_a_folder_of_the_users_files_exits_2_and_changes_nothing()
    {
        string output = TestPaths.NewTempFolder("users-folder");
        File.WriteAllText(Path.Combine(output, "budget.xlsx"), "the user's work");

        var run = RunCommandTests.Run(ReferenceIct, output, trials: 2_000, trialsOut: 0);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("budget.xlsx", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("RiskSim did not write", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["budget.xlsx"], FilesIn(output));
        Assert.Equal("the user's work", File.ReadAllText(Path.Combine(output, "budget.xlsx")));
        Assert.Equal([Path.GetFileName(output)], Siblings(output));
    }

    [Fact]
    public void The_next_run_reclaims_what_a_killed_run_left()
    {
        string output = TestPaths.NewTempFolder("killed");
        Assert.Equal(ExitCodes.Ok, RunCommandTests.Run(ReferenceIct, output, trials: 2_000, trialsOut: 0).ExitCode);
        string name = Path.GetFileName(output);
        string parent = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(Path.Combine(parent, $".{name}.999999999-0badf00d.staging"));
        File.WriteAllText(Path.Combine(parent, $".{name}.999999999-0badf00d.staging", "summary.csv"), "half");
        Directory.CreateDirectory(Path.Combine(parent, $".{name}.999999998-0badf00d.old"));
        File.WriteAllText(Path.Combine(output, ".trials.parquet.0badf00d.partial"), "old style");

        var run = RunCommandTests.Run(ReferenceIct, output, trials: 2_000, trialsOut: 0);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal([name], Siblings(output));
        Assert.DoesNotContain(FilesIn(output), f => f.StartsWith('.'));
    }

    [Fact]
    public void Empty_paths_are_usage_errors_with_one_clear_message()
    {
        string output = TestPaths.NewTempFolder("empty-paths");

        var noScenario = Execute(Options("", output));
        var noOut = Execute(Options(ReferenceIct, ""));
        var init = new StringWriter();
        int initCode = InitCommand.Execute("", "shared-ict", force: false, TextWriter.Null, init);
        var batch = new StringWriter();
        int batchCode = BatchRunner.Execute(new BatchOptions([ReferenceIct], "", 1_000, 1, 0, false, false, true), TextWriter.Null, batch);

        Assert.Equal(ExitCodes.InvalidInput, noScenario.Code);
        Assert.Equal("error: no scenario file given (the path is empty)", noScenario.Stderr.Trim());
        Assert.Equal(ExitCodes.InvalidInput, noOut.Code);
        Assert.Equal("error: --out needs a folder (the path is empty)", noOut.Stderr.Trim());
        Assert.Equal(ExitCodes.InvalidInput, initCode);
        Assert.Equal("error: no file name given (the path is empty)", init.ToString().Trim());
        Assert.Equal(ExitCodes.InvalidInput, batchCode);
        Assert.Equal("error: --out needs a folder (the path is empty)", batch.ToString().Trim());
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Theory]
    [InlineData("run", "x.yaml", "--out", "")]
    [InlineData("run", "", "--out", "out")]
    [InlineData("batch", "x.yaml", "--out", "")]
    [InlineData("init", "", "--force", null)]
    public void Empty_paths_exit_2_from_the_command_line(string command, string first, string option, string? value)
    {
        string[] args = value is null ? [command, first, option] : [command, first, option, value];

        Assert.Equal(ExitCodes.InvalidInput, Program.Main(args));
    }

    [Fact]
    public void Scenario_text_with_markup_and_control_characters_prints_safely_and_the_run_commits()
    {
        string folder = TestPaths.NewTempFolder("markup");
        string scenario = Path.Combine(folder, "markup.yaml");
        File.WriteAllText(scenario, ScenarioValidationTests.Valid
            .Replace("name: Test scenario", "name: \"[red]Shared [/] ICT ] [ \\e]0;owned\\a\"", StringComparison.Ordinal)
            .Replace("  - id: county\n", "  - id: county\n    name: \"County [bold]\\e[2J\"\n", StringComparison.Ordinal)
            .Replace("  - id: outage\n", "  - id: outage\n    name: \"Outage ]][[\"\n", StringComparison.Ordinal));
        string output = Path.Combine(folder, "out");

        var run = RunCommandTests.Run(scenario, output, trials: 2_000, trialsOut: 0, quiet: false);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("[red]Shared [/] ICT ] [ \\x1b]0;owned\\x07", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("County [bold]\\x1b[2J (county)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Risk 'Outage ]][[ (outage)'", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.DoesNotContain('\u0007', run.Stdout);
        Assert.True(File.Exists(Path.Combine(output, "decision.json")));
    }

    [Fact]
    public void A_scenario_file_name_with_control_characters_is_escaped_in_messages()
    {
        string folder = TestPaths.NewTempFolder("ctrl-name");
        string scenario = Path.Combine(folder, "bad\u001b[31mname.yaml");
        File.WriteAllText(scenario, "name: x\n");

        var run = RunCommandTests.Run(scenario, Path.Combine(folder, "out"), trials: 1_000);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("bad\\x1b[31mname.yaml", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stderr);
    }

    [Fact]
    public void The_scenario_hash_is_that_of_the_bytes_simulated()
    {
        string folder = TestPaths.NewTempFolder("hash");
        string scenario = Path.Combine(folder, "s.yaml");
        File.Copy(ReferenceIct, scenario);
        string output = Path.Combine(folder, "out");

        Assert.Equal(ExitCodes.Ok, RunCommandTests.Run(scenario, output, trials: 1_000, trialsOut: 0).ExitCode);

        using var runJson = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "run.json")));
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ReferenceIct)));
        Assert.Equal(expected, runJson.RootElement.GetProperty("scenario_sha256").GetString());
    }

    [Fact]
    public void Identical_runs_on_different_days_differ_only_in_run_json_and_report_html()
    {
        // The README and docs/model.md name exactly these two files as carrying the date and timings.
        string[] dated = ["report.html", "run.json"];
        string first = TestPaths.NewTempFolder("day-1");
        string second = TestPaths.NewTempFolder("day-2");
        var options = Options(ReferenceIct, first, seed: 3) with { Charts = new ChartOptions(Dpi: 72, Svg: true), TrialsOut = 2_000 };

        var a = Execute(options, new FixedTime(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero)));
        var b = Execute(options with { OutputFolder = second }, new FixedTime(new DateTimeOffset(2027, 3, 5, 17, 45, 0, TimeSpan.Zero)));

        Assert.True(a.Code == ExitCodes.Ok, a.Stderr);
        Assert.True(b.Code == ExitCodes.Ok, b.Stderr);
        Assert.Equal(FilesIn(first), FilesIn(second));
        var differing = FilesIn(first)
            .Where(f => !File.ReadAllBytes(Path.Combine(first, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, f))))
            .ToArray();
        Assert.Equal(dated, differing);
        Assert.Contains("1 December 2026", File.ReadAllText(Path.Combine(first, "report.html")), StringComparison.Ordinal);
        Assert.Contains("5 March 2027", File.ReadAllText(Path.Combine(second, "report.html")), StringComparison.Ordinal);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static RunOptions Options(string scenario, string output, ulong seed = 1) =>
        new(scenario, 3_000, seed, 0, output, 0, Quiet: true);

    private static (int Code, string Stdout, string Stderr) Execute(RunOptions options, TimeProvider? time = null)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = RunHandler.Execute(options, stdout, stderr, time);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The entries beside <paramref name="folder"/> whose names start with its name (itself and its temporaries).</summary>
    private static string[] Siblings(string folder)
    {
        string name = Path.GetFileName(folder);
        return Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!).Select(f => Path.GetFileName(f))
            .Where(f => f == name || f.StartsWith($".{name}.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }
}
