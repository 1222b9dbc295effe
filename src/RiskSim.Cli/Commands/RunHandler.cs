using System.Diagnostics;
using System.Reflection;
using RiskSim.Charts;
using RiskSim.Charts.Report;
using RiskSim.Cli.Output;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Results;
using RiskSim.IO.Scenarios;
using Spectre.Console;

namespace RiskSim.Cli.Commands;

/// <summary>Carries out <c>risksim run</c>: read, simulate, write, report.</summary>
public static class RunHandler
{
    /// <summary>RiskSim's version, as recorded in run.json.</summary>
    public static string ToolVersion =>
        typeof(RunHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// results/&lt;scenario-file-name&gt;, with <c>--&lt;variant&gt;</c>, <c>--set</c> or <c>--&lt;variant&gt;-set</c>
    /// appended when the run changes the scenario, named as batch names it, so it never overwrites the base run.
    /// Every part is made a safe folder name (<see cref="FolderNames.Safe"/>), so the folder is always one level
    /// below results/ whatever the file is called.
    /// </summary>
    public static string DefaultFolder(RunOptions options)
    {
        bool sets = (options.Sets?.Count ?? 0) > 0;
        string variant = options.Variant is { } v ? (sets ? v + "-set" : v) : sets ? "set" : "";
        return Path.Combine("results", FolderNames.Run(options.ScenarioPath, variant));
    }

    /// <summary>Runs the command; returns an exit code from <see cref="ExitCodes"/>.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="stdout">Where the summary goes (the console by default).</param>
    /// <param name="stderr">Where progress, notes and errors go (the console by default).</param>
    /// <param name="time">The clock that dates run.json and report.html (the system clock by default).</param>
    /// <param name="cancellation">Stops the run like Ctrl+C, SIGTERM or SIGHUP do (the command line passes System.CommandLine's token).</param>
    public static int Execute(RunOptions options, TextWriter? stdout = null, TextWriter? stderr = null,
        TimeProvider? time = null, CancellationToken cancellation = default)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var clock = Stopwatch.StartNew();
        var started = (time ?? TimeProvider.System).GetUtcNow();
        string shownScenario = TerminalText.Safe(options.ScenarioPath);

        if (options.ScenarioPath.Length == 0)
        {
            stderr.WriteLine("error: no scenario file given (the path is empty)");
            return ExitCodes.InvalidInput;
        }
        if (options.OutputFolder is { Length: 0 })
        {
            stderr.WriteLine("error: --out needs a folder (the path is empty)");
            return ExitCodes.InvalidInput;
        }

        Scenario scenario;
        string scenarioHash;
        LoadedScenario loaded;
        try
        {
            loaded = ScenarioReader.Load(options.ScenarioPath);
            scenarioHash = loaded.Sha256;
            scenario = VariantSelection.Apply(loaded.Scenario, options.ScenarioPath, options.Variant, options.Sets ?? []);
        }
        catch (ScenarioException e)
        {
            CommandSupport.PrintProblems(e, stderr);
            stderr.WriteLine($"{shownScenario}: {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}; nothing was simulated.");
            return ExitCodes.InvalidInput;
        }

        if (PrecisionProblem(options, scenario) is { } precisionProblem)
        {
            stderr.WriteLine($"error: {precisionProblem}");
            return ExitCodes.InvalidInput;
        }
        var goal = PrecisionOf(options, scenario);
        long trials = goal is null ? options.Trials ?? scenario.DefaultTrials
            : options.MaxTrials ?? scenario.DefaultMaxTrials ?? PrecisionGoal.DefaultMaxTrials;
        ulong seed = options.Seed ?? scenario.DefaultSeed;
        long keep = options.TrialsOut switch
        {
            null => Math.Min(trials, RunCommand.DefaultTrialsOutCap),
            long n => Math.Min(trials, n),
        };
        string folderPath = options.OutputFolder ?? DefaultFolder(options);

        using var signals = new SignalCancellation(cancellation);
        var token = signals.Token;
        OutputFolder folder;
        try
        {
            folder = OutputFolder.Open(folderPath);
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"error: {TerminalText.Safe(e.Message)}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            using (folder)
            {
                if (options.TrialsOut is null && trials > RunCommand.DefaultTrialsOutCap && !options.Quiet && goal is null)
                {
                    stderr.WriteLine($"note: trials.parquet keeps the first {RunCommand.DefaultTrialsOutCap:N0} of {trials:N0} trials (use --trials-out N or none to change this).");
                }
                token.ThrowIfCancellationRequested();
                TrialsParquetSink? sink = keep > 0 ? new TrialsParquetSink(scenario, folder.Stage("trials.parquet")) : null;
                RunResult result;
                try
                {
                    var simOptions = new SimulationOptions(trials, seed, options.Threads, keep) { Precision = goal };
                    result = options.Quiet
                        ? Simulation.Run(scenario, simOptions, sink, null, token)
                        : RunWithProgress(scenario, simOptions, sink, stderr, token);
                    token.ThrowIfCancellationRequested();
                    sink?.Complete();
                }
                finally
                {
                    sink?.Dispose();
                }

                ReportFiles? report;
                try
                {
                    var provenance = new RunProvenance(options.ScenarioPath, scenarioHash, ToolVersion, started)
                    {
                        TrialsWritten = sink?.RowsWritten ?? 0,
                        TotalSeconds = clock.Elapsed.TotalSeconds,
                        RegisterFile = loaded.RegisterFile,
                        RegisterSha256 = loaded.RegisterSha256,
                        Marking = options.Marking,
                    };
                    report = RunFiles.Stage(result, folder, provenance, options.Charts, token);
                }
                catch (ChartsFailedException e)
                {
                    stderr.WriteLine($"error: {TerminalText.Safe(e.Message)} (--no-charts skips them); no result files were written.");
                    return ExitCodes.Failed;
                }

                // Everything printed after the commit is built before it, so nothing after the commit can fail the run.
                string summary;
                try
                {
                    summary = options.Quiet
                        ? $"Results in {TerminalText.Safe(folder.Path)}{Environment.NewLine}"
                        : ConsoleSummary.Render(result, folder.Path, stdout == Console.Out && !Console.IsOutputRedirected);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    stderr.WriteLine($"error: preparing the summary failed: {TerminalText.Safe(e.Message)}; no result files were written.");
                    return ExitCodes.Failed;
                }
                var notes = new List<string>();
                if (!options.Quiet && report is not null)
                {
                    notes.AddRange(report.Notes.Select(n => $"note: {TerminalText.Safe(n)}"));
                    summary += $"Report: {TerminalText.Safe(folder.FinalPath(ReportWriter.ReportFile))}{Environment.NewLine}";
                }

                // A signal that arrives from here on is too late to stop the run: the swap below is not interrupted.
                token.ThrowIfCancellationRequested();
                folder.Commit();

                PrintAfterCommit(stdout, stderr, summary, notes);
                return ExitCodes.Ok;
            }
        }
        catch (OperationCanceledException)
        {
            CommandSupport.TryWriteLine(stderr, "Cancelled: no result files were written; any earlier results are unchanged.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: writing results to {TerminalText.Safe(folderPath)} failed: {TerminalText.Safe(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// The precision the run aims at: <c>--precision</c>, else the scenario's <c>simulation.precision</c> unless
    /// <c>--trials</c> asks for a fixed run; null for a fixed run.
    /// </summary>
    internal static PrecisionGoal? PrecisionOf(RunOptions options, Scenario scenario) =>
        options.Precision ?? (options.Trials is null && scenario.DefaultPrecision is double margin ? new PrecisionGoal(margin) : null);

    // Options that contradict each other, as one sentence; null when they agree.
    private static string? PrecisionProblem(RunOptions options, Scenario scenario)
    {
        if (options.Precision is not null && options.Trials is not null)
        {
            return "--trials and --precision cannot both be given: --trials runs a fixed number of trials, --precision runs until "
                + "the figures are that precise (cap it with --max-trials)";
        }
        if (options.MaxTrials is not null && PrecisionOf(options, scenario) is null)
        {
            return "--max-trials caps a run to a precision: give --precision too (or simulation.precision in the scenario), or use --trials";
        }
        return null;
    }

    // The results are committed: a closed or broken stdout/stderr must not turn that into a failure.
    private static void PrintAfterCommit(TextWriter stdout, TextWriter stderr, string summary, List<string> notes)
    {
        try
        {
            foreach (string note in notes)
            {
                stderr.WriteLine(note);
            }
            stdout.Write(summary);
            stdout.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nothing left to tell the user through a stream that is gone.
        }
    }

    private static RunResult RunWithProgress(Scenario scenario, SimulationOptions options, ITrialSink? sink,
        TextWriter stderr, CancellationToken cancellation)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        RunResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                string what = options.Precision is { } goal
                    ? $"Simulating to ±{goal.Text} (at most {options.Trials:N0} trials)"
                    : $"Simulating {options.Trials:N0} trials";
                var task = ctx.AddTask(what, maxValue: options.Trials);
                var progress = new SynchronousProgress(done => task.Value = done);
                result = Simulation.Run(scenario, options, sink, progress, cancellation);
                task.Value = options.Trials;
            });
        return result!;
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
