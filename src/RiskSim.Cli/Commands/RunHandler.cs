using System.Diagnostics;
using System.Reflection;
using RiskSim.Charts;
using RiskSim.Charts.Report;
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
    /// </summary>
    public static string DefaultFolder(RunOptions options)
    {
        bool sets = (options.Sets?.Count ?? 0) > 0;
        string variant = options.Variant is { } v ? (sets ? v + "-set" : v) : sets ? "set" : "";
        return Path.Combine("results", BatchRunner.FolderName(Path.GetFileNameWithoutExtension(options.ScenarioPath), variant));
    }

    /// <summary>Runs the command; returns an exit code from <see cref="ExitCodes"/>.</summary>
    public static int Execute(RunOptions options, TextWriter? stdout = null, TextWriter? stderr = null,
        CancellationToken cancellation = default)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;

        Scenario scenario;
        try
        {
            scenario = VariantSelection.Apply(ScenarioReader.ReadFile(options.ScenarioPath), options.ScenarioPath,
                options.Variant, options.Sets ?? []);
        }
        catch (ScenarioException e)
        {
            CommandSupport.PrintProblems(e, stderr);
            stderr.WriteLine($"{options.ScenarioPath}: {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}; nothing was simulated.");
            return ExitCodes.InvalidInput;
        }

        long trials = options.Trials ?? scenario.DefaultTrials;
        ulong seed = options.Seed ?? scenario.DefaultSeed;
        long keep = options.TrialsOut switch
        {
            null => Math.Min(trials, RunCommand.DefaultTrialsOutCap),
            long n => Math.Min(trials, n),
        };
        string folderPath = options.OutputFolder ?? DefaultFolder(options);

        OutputFolder folder;
        try
        {
            folder = OutputFolder.Open(folderPath);
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using (folder)
            {
                if (options.TrialsOut is null && trials > RunCommand.DefaultTrialsOutCap && !options.Quiet)
                {
                    stderr.WriteLine($"note: trials.parquet keeps the first {RunCommand.DefaultTrialsOutCap:N0} of {trials:N0} trials (use --trials-out N or none to change this).");
                }
                TrialsParquetSink? sink = keep > 0 ? new TrialsParquetSink(scenario, folder.Stage("trials.parquet")) : null;
                RunResult result;
                try
                {
                    var simOptions = new SimulationOptions(trials, seed, options.Threads, keep);
                    result = options.Quiet
                        ? Simulation.Run(scenario, simOptions, sink, null, cts.Token)
                        : RunWithProgress(scenario, simOptions, sink, stderr, cts.Token);
                    sink?.Complete();
                }
                finally
                {
                    sink?.Dispose();
                }

                string scenarioHash = ResultWriters.Sha256Of(options.ScenarioPath);
                RunOutputs.StageDataFiles(result, folder, new RunProvenance(options.ScenarioPath, scenarioHash,
                    ToolVersion, started, sink?.RowsWritten ?? 0, clock.Elapsed.TotalSeconds));

                ReportFiles? report = null;
                if (options.Charts is { } chartOptions)
                {
                    try
                    {
                        report = ReportWriter.Write(result, folder, chartOptions,
                            new ReportProvenance(options.ScenarioPath, scenarioHash, ToolVersion, started));
                    }
                    catch (Exception e) when (e is not (OperationCanceledException or IOException or UnauthorizedAccessException))
                    {
                        stderr.WriteLine($"error: drawing the charts failed: {e.Message} (--no-charts skips them); no result files were written.");
                        return ExitCodes.Failed;
                    }
                    // Ctrl+C while the charts were drawn still means no result files.
                    cts.Token.ThrowIfCancellationRequested();
                }
                folder.Commit();

                if (options.Quiet)
                {
                    stdout.WriteLine($"Results in {folder.Path}");
                }
                else
                {
                    ConsoleSummary.Write(result, folder.Path, stdout);
                    if (report is not null)
                    {
                        foreach (string note in report.Notes)
                        {
                            stderr.WriteLine($"note: {note}");
                        }
                        stdout.WriteLine($"Report: {folder.FinalPath(ReportWriter.ReportFile)}");
                    }
                }
                return ExitCodes.Ok;
            }
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("Cancelled: no result files were written.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: writing results to {folderPath} failed: {e.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
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
                var task = ctx.AddTask($"Simulating {options.Trials:N0} trials", maxValue: options.Trials);
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
