using System.Globalization;
using System.Text.Json;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Runs to a stated precision (<c>--precision</c>, <c>simulation.precision</c>): they stop at fixed checkpoints, so
/// their files equal a fixed run of the reported trial count on any thread count; the cap stops them and says so;
/// without a target they watch the chance of paying back; the plain precision warnings appear for a small run only;
/// bad options and keys are clear errors.
/// </summary>
public sealed class PrecisionRunTests : IDisposable
{
    private static readonly string ReferenceSimple = Path.Combine(TestPaths.Reference, "reference-simple.yaml");
    private static readonly string[] ResultFiles = ["decision.json", "summary.csv", "summary.parquet", "sensitivity.parquet", "trials.parquet"];
    private readonly List<string> _folders = [];

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

    private static RunCommandTests.RunOutcome Execute(RunOptions options)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = RunHandler.Execute(options, stdout, stderr);
        return new RunCommandTests.RunOutcome(code, stdout.ToString(), stderr.ToString());
    }

    private static long TrialsIn(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "decision.json")));
        return json.RootElement.GetProperty("trials").GetInt64();
    }

    private string WriteScenario(string name, string yaml)
    {
        string folder = NewFolder("precision-scenario");
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Checkpoints_are_whole_blocks_beyond_the_pilot_and_end_at_the_cap()
    {
        var checkpoints = PrecisionGoal.Checkpoints(10_000_000);
        Assert.Equal([98_304L, 131_072, 196_608, 262_144, 393_216, 524_288], checkpoints.Take(6));
        Assert.Equal(10_000_000, checkpoints[^1]);
        Assert.All(checkpoints.SkipLast(1), c => Assert.Equal(0, c % SimulationOptions.BlockSize));
        Assert.Equal([100_000L], PrecisionGoal.Checkpoints(100_000).Skip(1));
    }

    [Fact]
    public void A_precision_run_writes_the_same_files_as_a_fixed_run_of_its_trials_on_one_and_two_threads()
    {
        var runs = new List<(string Folder, long Trials)>();
        foreach (int threads in new[] { 1, 2 })
        {
            string folder = NewFolder($"precision-auto-{threads}");
            var outcome = Execute(new RunOptions(ReferenceSimple, null, 7, threads, folder, null, Quiet: false)
            {
                Precision = new PrecisionGoal(0.01),
            });
            Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
            long trials = TrialsIn(folder);
            Assert.Contains($"Stopped after {trials:N0} trials", outcome.Stdout, StringComparison.Ordinal);
            Assert.Contains(trials, PrecisionGoal.Checkpoints(PrecisionGoal.DefaultMaxTrials));
            runs.Add((folder, trials));
        }
        Assert.Equal(runs[0].Trials, runs[1].Trials);
        // More than the first checkpoint: the run really did go on until the figures were precise enough.
        Assert.True(runs[0].Trials > 98_304, $"stopped at {runs[0].Trials}");

        foreach (int threads in new[] { 1, 2 })
        {
            string fixedFolder = NewFolder($"precision-fixed-{threads}");
            var outcome = RunCommandTests.Run(ReferenceSimple, fixedFolder, runs[0].Trials, threads, seed: 7);
            Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
            foreach (var (folder, _) in runs)
            {
                foreach (string file in ResultFiles)
                {
                    Assert.True(File.ReadAllBytes(Path.Combine(folder, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(fixedFolder, file))),
                        $"{file} of the precision run in {folder} differs from the fixed run of {runs[0].Trials} trials on {threads} thread(s)");
                }
            }
        }

        // run.json says what was asked and shows the figures narrowing at each checkpoint.
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs[0].Folder, "run.json")));
        var precision = run.RootElement.GetProperty("precision_run");
        Assert.True(precision.GetProperty("reached").GetBoolean());
        var checkpoints = precision.GetProperty("checkpoints").EnumerateArray().ToList();
        Assert.Equal(runs[0].Trials, checkpoints[^1].GetProperty("trials").GetInt64());
        double Width(JsonElement c) => c.GetProperty("p_target_met_ci95")[1].GetDouble() - c.GetProperty("p_target_met_ci95")[0].GetDouble();
        Assert.True(Width(checkpoints[^1]) < Width(checkpoints[0]));
        var final = checkpoints[^1];
        double p = final.GetProperty("p_target_met").GetDouble();
        Assert.True(final.GetProperty("p_target_met_ci95")[1].GetDouble() - p <= 0.01);
        Assert.True(p - final.GetProperty("p_target_met_ci95")[0].GetDouble() <= 0.01);
        foreach (string reserve in new[] { "reserve_80", "reserve_90", "reserve_95" })
        {
            double r = final.GetProperty(reserve).GetDouble();
            var ci = final.GetProperty(reserve + "_ci95");
            Assert.True(Math.Max(r - ci[0].GetDouble(), ci[1].GetDouble() - r) <= 0.01 * r, $"{reserve} {r} not within 1%");
        }
    }

    [Fact]
    public void The_cap_stops_a_run_that_cannot_reach_the_precision_and_says_so()
    {
        string folder = NewFolder("precision-cap");
        var outcome = Execute(new RunOptions(ReferenceSimple, null, 3, 0, folder, 0, Quiet: false, Charts: new RiskSim.Charts.ChartOptions(72))
        {
            Precision = new PrecisionGoal(0.0005),
            MaxTrials = 131_072,
        });
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        Assert.Equal(131_072, TrialsIn(folder));
        const string stopped = "Stopped at the limit of 131,072 trials before the precision was reached";
        Assert.Contains(stopped, outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("Raise --max-trials or ask for less precision.", outcome.Stdout, StringComparison.Ordinal);

        // convergence.png shows the figures at both checkpoints passed (98,304 and the cap), and the report shows it
        // with the statement of how the run stopped.
        Assert.True(File.Exists(Path.Combine(folder, RiskSim.Charts.ChartSet.ConvergenceFile)));
        string report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains(stopped, report, StringComparison.Ordinal);
        Assert.Contains($"({RiskSim.Charts.ChartSet.ConvergenceFile})", report, StringComparison.Ordinal);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
        var precision = run.RootElement.GetProperty("precision_run");
        Assert.False(precision.GetProperty("reached").GetBoolean());
        Assert.Equal([98_304L, 131_072], precision.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("trials").GetInt64()));
    }

    [Fact]
    public void Without_a_target_the_precision_applies_to_the_chance_of_paying_back()
    {
        // Saving U(0, 1000) and a one-off cost of 500 in year 1: it pays back when the saving is at least 500, a chance
        // of 0.5, whose Wilson interval at 98,304 trials is ±0.31 points: known to ±1 point at the first checkpoint.
        var scenario = ScenarioReader.Parse("""
            name: No target
            horizon_years: 1
            partners:
              - { id: only, share: 1 }
            workstreams:
              - { id: ws, annual_saving: { uniform: [0, 1000] }, implementation_cost: 500 }
            """, "no-target.yaml");
        var result = Simulation.Run(scenario, new SimulationOptions(PrecisionGoal.DefaultMaxTrials, 1) { Precision = new PrecisionGoal(0.01) });
        Assert.Equal(98_304, result.Trials);
        var outcome = result.Precision!;
        Assert.True(outcome.Reached);
        var figure = Assert.Single(outcome.Checkpoints[^1].Figures);
        Assert.Equal("p_payback_within_horizon", figure.Name);
        Assert.Equal(0.5, figure.Value, 0.02);
        Assert.Contains("the chance of paying back within the horizon (the scenario has no target)", outcome.Sentence(result.Trials),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_run_warns_in_words_wherever_the_figures_are_shown_and_a_large_one_does_not()
    {
        string scenario = WriteScenario("uniform.yaml", ConfidenceIntervalTests.UniformYaml);
        string small = NewFolder("precision-small");
        var outcome = Execute(new RunOptions(scenario, 1000, 1, 0, small, 0, Quiet: false, Charts: new RiskSim.Charts.ChartOptions(72, false)));
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        const string warning = "Only 1,000 trials: the chance of meeting the target could be anywhere between";
        Assert.Contains("warning: " + warning, outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains(warning, File.ReadAllText(Path.Combine(small, "report.html")), StringComparison.Ordinal);
        Assert.Contains(warning, File.ReadAllText(Path.Combine(small, "decision.json")), StringComparison.Ordinal);
        // The other chances carry their intervals too: every trial pays back, so that interval ends at exactly 100%.
        Assert.Contains("95% Monte Carlo intervals of the other figures: paying back ", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains(" to 100%; risk r ", outcome.Stdout, StringComparison.Ordinal);
        // A fixed run has no checkpoints to chart.
        Assert.False(File.Exists(Path.Combine(small, RiskSim.Charts.ChartSet.ConvergenceFile)));
        // The reserve for 95% confidence (650) has a 5th-percentile interval some ±14 wide at 1,000 trials: ±2% of 650 is 13.
        Assert.Contains("run more trials", outcome.Stdout, StringComparison.Ordinal);

        string large = NewFolder("precision-large");
        outcome = Execute(new RunOptions(scenario, 200_000, 1, 0, large, 0, Quiet: false));
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        Assert.DoesNotContain("warning:", outcome.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(large, "decision.json")));
        Assert.Equal(0, json.RootElement.GetProperty("precision_warnings").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("reserve_90_ci95").GetArrayLength());
    }

    [Fact]
    public void A_batch_comparison_carries_the_intervals_and_flags_a_run_that_is_too_small()
    {
        string input = NewFolder("precision-batch-in");
        File.Copy(ReferenceSimple, Path.Combine(input, "simple.yaml"));
        string output = Path.Combine(NewFolder("precision-batch"), "out");
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = BatchRunner.Execute(new BatchOptions([input], output, 2000, 7, 0, false, false, Quiet: true), stdout, stderr);
        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        var lines = File.ReadAllLines(Path.Combine(output, "comparison.csv"));
        var header = lines[0].Split(',');
        var row = header.Zip(lines[1].Split(',')).ToDictionary(p => p.First, p => p.Second);
        double N(string column) => double.Parse(row[column], CultureInfo.InvariantCulture);
        // Programme row of a single run: the same intervals as a single run of the same trials and seed.
        var single = Simulation.Run(ScenarioReader.Load(ReferenceSimple).Scenario, new SimulationOptions(2000, 7));
        Assert.Equal(single.Decision.ProbabilityTargetMetCi95!.Value.Low, N("p_target_met_ci95_low"));
        Assert.Equal(single.Decision.ProbabilityTargetMetCi95!.Value.High, N("p_target_met_ci95_high"));
        Assert.Equal(single.Decision.ReservesCi95!.Reserve90.Low, N("reserve_90_ci95_low"));
        Assert.Equal(single.Decision.ReservesCi95!.Reserve90.High, N("reserve_90_ci95_high"));
        Assert.True(N("npv_mean_ci95_low") < N("npv_mean") && N("npv_mean") < N("npv_mean_ci95_high"));
        Assert.Equal(header.Length, lines[1].Split(',').Length);
        string index = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains("Only 2,000 trials: the chance of meeting the target or a reserve is less precise", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "--precision must be a percentage such as 0.5%, not 'abc'")]
    [InlineData("50", "--precision must be from 0.01% to 20%, not '50'")]
    [InlineData("0.5", "--precision must be from 0.01% to 20%; '0.5' reads as 50% (write a percentage, e.g. 0.5%)")]
    [InlineData("0%", "--precision must be from 0.01% to 20%, not '0%'")]
    public void A_bad_precision_is_a_clear_option_error(string value, string message)
    {
        var errors = Program.BuildRoot().Parse(["run", ReferenceSimple, "--precision", value]).Errors;
        Assert.Contains(errors, e => e.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Precision_options_that_contradict_each_other_are_refused()
    {
        Assert.Contains(Program.BuildRoot().Parse(["run", ReferenceSimple, "--precision", "1%", "--max-trials", "100"]).Errors,
            e => e.Message.Contains("--max-trials must be a whole number of at least 4,096", StringComparison.Ordinal));
        Assert.Empty(Program.BuildRoot().Parse(["run", ReferenceSimple, "--precision", "0.5%", "--max-trials", "2,000,000"]).Errors);

        string folder = NewFolder("precision-refused");
        var both = Execute(new RunOptions(ReferenceSimple, 1000, null, 0, Path.Combine(folder, "a"), 0, true) { Precision = new PrecisionGoal(0.01) });
        Assert.Equal(ExitCodes.InvalidInput, both.ExitCode);
        Assert.Contains("--trials and --precision cannot both be given", both.Stderr, StringComparison.Ordinal);
        var cap = Execute(new RunOptions(ReferenceSimple, null, null, 0, Path.Combine(folder, "b"), 0, true) { MaxTrials = 100_000 });
        Assert.Equal(ExitCodes.InvalidInput, cap.ExitCode);
        Assert.Contains("--max-trials caps a run to a precision", cap.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "a")) && Directory.GetFiles(Path.Combine(folder, "a")).Length > 0);
    }

    private const string ScenarioTemplate = """
        name: Precision keys
        horizon_years: 1
        simulation: SIMULATION
        partners:
          - { id: only, share: 1 }
        workstreams:
          - { id: ws, annual_saving: 100 }
        """;

    [Theory]
    [InlineData("{ precision: 0.5% }", 0.005)]
    [InlineData("{ precision: 0.002, max_trials: 500000, seed: 3 }", 0.002)]
    public void The_scenario_can_ask_for_a_precision(string simulation, double margin)
    {
        var scenario = ScenarioReader.Parse(ScenarioTemplate.Replace("SIMULATION", simulation, StringComparison.Ordinal), "p.yaml");
        Assert.Equal(margin, scenario.DefaultPrecision);
        var goal = RunHandler.PrecisionOf(new RunOptions("p.yaml", null, null, 0, null, null, true), scenario);
        Assert.Equal(margin, goal!.Margin);
        // --trials asks for a fixed run instead.
        Assert.Null(RunHandler.PrecisionOf(new RunOptions("p.yaml", 1000, null, 0, null, null, true), scenario));
    }

    [Theory]
    [InlineData("{ precision: fast }", "simulation.precision", "must be a percentage such as 0.5%, not 'fast'")]
    [InlineData("{ precision: 30% }", "simulation.precision", "must be from 0.01% to 20%, not '30%'")]
    [InlineData("{ trials: 1000, precision: 1% }", "simulation.precision", "give either simulation.trials")]
    [InlineData("{ max_trials: 100000 }", "simulation.max_trials", "max_trials caps a run to a precision")]
    [InlineData("{ precision: 1%, max_trials: 10 }", "simulation.max_trials", "must be a whole number from 4096")]
    [InlineData("{ precison: 1% }", "simulation.precison", "unknown key 'precison'")]
    public void A_bad_precision_key_names_the_file_line_and_field(string simulation, string field, string message)
    {
        var e = Assert.Throws<ScenarioException>(() =>
            ScenarioReader.Parse(ScenarioTemplate.Replace("SIMULATION", simulation, StringComparison.Ordinal), "p.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("p.yaml", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
