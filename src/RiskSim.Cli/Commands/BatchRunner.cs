using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskSim.Charts;
using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Charts.Report;
using RiskSim.Cli.Output;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using RiskSim.IO.Results;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>What <c>risksim batch</c> was asked to do.</summary>
/// <param name="Paths">Scenario files or folders (searched for .yaml, .yml and .json, schema files excepted).</param>
/// <param name="OutputFolder">Folder for one sub-folder per scenario/variant plus the comparison files.</param>
/// <param name="Trials">Trials per run, or null for each scenario's default.</param>
/// <param name="Seed">Seed, or null for each scenario's default.</param>
/// <param name="Threads">Worker threads; 0 = all cores.</param>
/// <param name="Force">Re-run even when a run's outputs are up to date.</param>
/// <param name="Charts">Write charts and reports.</param>
/// <param name="Quiet">Only the summary line.</param>
public sealed record BatchOptions(IReadOnlyList<string> Paths, string OutputFolder, long? Trials, ulong? Seed, int Threads,
    bool Force, bool Charts, bool Quiet)
{
    /// <summary>Protective marking for every run's report.html and run.json and for index.html, or null for none.</summary>
    public string? Marking { get; init; }
}

/// <summary>Runs many scenarios and their variants, and compares them side by side.</summary>
/// <remarks>
/// Every run is staged in its own folder and nothing is committed until the whole batch has run: then each run
/// folder is swapped in whole and the comparison files are replaced together, so an interrupted batch leaves the
/// previous batch exactly as it was.
/// </remarks>
public static partial class BatchRunner
{
    /// <summary>Trials of each run kept for the paired comparison of a variant with its base.</summary>
    public const long PairedTrialsCap = 2_000_000;

    /// <summary>The files a batch writes at the top of its output folder, replaced together.</summary>
    public static readonly string[] RootFiles = ["comparison.csv", "comparison.parquet", "comparison.png", WorkbookWriter.ComparisonFile, "index.html"];

    /// <summary>Runs the batch; returns 0 when every scenario ran, 1 when some failed, 2 for bad options, 130 when stopped.</summary>
    public static int Execute(BatchOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        if (options.OutputFolder.Length == 0)
        {
            stderr.WriteLine("error: --out needs a folder (the path is empty)");
            return ExitCodes.InvalidInput;
        }
        if (options.Paths.Any(p => p.Length == 0))
        {
            stderr.WriteLine("error: a scenario file or folder path is empty");
            return ExitCodes.InvalidInput;
        }
        using var signals = new SignalCancellation(cancellation);
        try
        {
            return Run(options, stdout, stderr, signals.Token);
        }
        catch (OperationCanceledException)
        {
            CommandSupport.TryWriteLine(stderr, "Cancelled: no result files were written; the previous batch results are unchanged.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: writing the batch results to {TerminalText.Safe(options.OutputFolder)} failed: {TerminalText.Safe(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    private static int Run(BatchOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var files = FindScenarioFiles(options.Paths, stderr, out bool missing, options.OutputFolder);
        if (files.Count == 0)
        {
            stderr.WriteLine("error: no scenario files found in " + TerminalText.Safe(string.Join(", ", options.Paths)));
            return ExitCodes.InvalidInput;
        }
        FileSetFolder root;
        try
        {
            root = FileSetFolder.Open(options.OutputFolder, RootFiles, ["comparison.csv", "comparison.parquet"]);
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"error: {TerminalText.Safe(e.Message)}");
            return ExitCodes.InvalidInput;
        }

        using (root)
        {
            // Run folders a killed batch left half-swapped are restored before they are checked for being up to date.
            OutputFolder.ReclaimAll(root.Path);
            var failures = new List<(string File, string Why)>();
            var plans = Plan(files, stderr, failures, cancellation);
            var rows = new List<ComparisonRow>();
            var staged = new List<OutputFolder>();
            int ran = 0, skipped = 0;
            try
            {
                foreach (var plan in plans)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var folders = new List<OutputFolder>();
                    try
                    {
                        var (fileRows, wasSkipped) = RunScenario(plan, options, root.Path, stdout, folders, cancellation);
                        rows.AddRange(fileRows);
                        staged.AddRange(folders);
                        folders.Clear();
                        int runs = fileRows.Count(r => r.Partner is null);
                        if (wasSkipped)
                        {
                            skipped += runs;
                        }
                        else
                        {
                            ran += runs;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        stderr.WriteLine($"error: {TerminalText.Safe(plan.File)}: {TerminalText.Safe(e.Message)}");
                        failures.Add((plan.File, e.Message));
                    }
                    finally
                    {
                        folders.ForEach(f => f.Dispose());
                    }
                }

                cancellation.ThrowIfCancellationRequested();
                ComparisonFiles.WriteCsv(rows, root.Stage("comparison.csv"));
                ComparisonFiles.WriteParquet(rows, root.Stage("comparison.parquet"));
                var programme = rows.Where(r => r.Partner is null).ToList();
                bool chart = options.Charts && programme.Count > 0;
                byte[]? chartPng = null;
                if (chart)
                {
                    var priceBases = plans.GroupBy(p => p.File).ToDictionary(g => g.Key, g => ChartCanvas.PriceBase(g.First().Scenario));
                    var data = ComparisonChartData.From(rows, file => priceBases.GetValueOrDefault(file));
                    chartPng = ComparisonChart.Png(data, $"RiskSim batch comparison · {programme.Count} runs", new ChartOptions());
                    File.WriteAllBytes(root.Stage("comparison.png"), chartPng);
                }
                WorkbookWriter.WriteComparison(rows, chartPng, root.Stage(WorkbookWriter.ComparisonFile));
                BatchIndexPage.Write(rows, failures, chart, root.Stage("index.html"),
                    chart ? VariantCurveFolders(programme, root.Path, staged) : null, options.Marking);

                // From here on the batch is committed as a whole; a signal no longer stops it halfway.
                cancellation.ThrowIfCancellationRequested();
                foreach (var folder in staged)
                {
                    folder.Commit();
                }
                root.Commit();
            }
            finally
            {
                staged.ForEach(f => f.Dispose());
            }

            stdout.WriteLine($"{ran} run(s) done, {skipped} up to date, {failures.Count} scenario file(s) failed; comparison in {TerminalText.Safe(root.Path)}");
            foreach (var (file, why) in failures)
            {
                stdout.WriteLine($"  failed: {TerminalText.Safe(file)}: {TerminalText.Safe(why)}");
            }
            return failures.Count > 0 || missing ? ExitCodes.Failed : ExitCodes.Ok;
        }
    }

    /// <summary>One scenario file of the batch: the parsed file and its runs, each with its own folder name.</summary>
    private sealed record ScenarioPlan(string File, Scenario Scenario, string Sha256, List<PlannedRun> Runs)
    {
        /// <summary>The risk register the scenario reads (<c>risks_from</c>); null when none.</summary>
        public string? RegisterFile { get; init; }

        /// <summary>SHA-256 of the register's bytes; null when none.</summary>
        public string? RegisterSha256 { get; init; }
    }

    private sealed record PlannedRun(string Variant, Scenario Model, string Folder);

    // Reads every file first, so that folder names are given out over the whole batch and never shared.
    private static List<ScenarioPlan> Plan(List<string> files, TextWriter stderr, List<(string File, string Why)> failures,
        CancellationToken cancellation)
    {
        var read = new List<(string File, LoadedScenario Loaded, List<(string Variant, Scenario Model)> Runs)>();
        foreach (string file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                var loaded = ScenarioReader.Load(file);
                var runs = new List<(string Variant, Scenario Model)> { ("", loaded.Scenario) };
                runs.AddRange(loaded.Scenario.Variants.Select(v => (v.Name, VariantApplier.Apply(loaded.Scenario, v))));
                read.Add((file, loaded, runs));
            }
            catch (ScenarioException e)
            {
                CommandSupport.PrintProblems(e, stderr);
                failures.Add((file, $"{e.Errors.Count} problem(s) in the scenario file; first: {e.Errors[0]}"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A variant the reader accepted but that cannot be applied fails this file alone.
                stderr.WriteLine($"error: {TerminalText.Safe(file)}: {TerminalText.Safe(e.Message)}");
                failures.Add((file, e.Message));
            }
        }
        var names = FolderNames.Distinct(read.SelectMany(r => r.Runs.Select(run => FolderNames.Run(r.File, run.Variant))));
        int next = 0;
        return read.Select(r => new ScenarioPlan(r.File, r.Loaded.Scenario, r.Loaded.Sha256,
            r.Runs.Select(run => new PlannedRun(run.Variant, run.Model, names[next++])).ToList())
        {
            RegisterFile = r.Loaded.RegisterFile,
            RegisterSha256 = r.Loaded.RegisterSha256,
        }).ToList();
    }

    /// <summary>
    /// Scenario files under the given paths, in a stable order. Folders are searched without following symbolic
    /// links to folders (a link back up would loop), and skip hidden folders, RiskSim's own output (any folder
    /// holding run.json or comparison-row.json) and <paramref name="outputFolder"/>.
    /// </summary>
    public static List<string> FindScenarioFiles(IEnumerable<string> paths, TextWriter stderr, out bool missing,
        string? outputFolder = null)
    {
        missing = false;
        string? ignored = outputFolder is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder));
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(ScenariosUnder(path, ignored).Order(StringComparer.Ordinal));
            }
            else
            {
                stderr.WriteLine($"error: {TerminalText.Safe(path)}: no such file or folder");
                missing = true;
            }
        }
        return files.Distinct().ToList();
    }

    private static List<string> ScenariosUnder(string top, string? ignored)
    {
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(top);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            if (IsOutput(folder, ignored))
            {
                continue;
            }
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
            {
                string path = Path.Combine(folder, entry.Name);
                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is null && !sub.Name.StartsWith('.'))
                    {
                        pending.Push(path);
                    }
                }
                else if (IsScenarioName(entry.Name) && !Directory.Exists(path))
                {
                    found.Add(path);
                }
            }
        }
        return found;
    }

    private static bool IsOutput(string folder, string? ignored) =>
        (ignored is not null && Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) == ignored)
        || OutputFolder.RunMarkers.Any(m => File.Exists(Path.Combine(folder, m)));

    private static bool IsScenarioName(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase));

    // Stages every run of one file into folders the caller commits (or disposes) with the rest of the batch.
    private static (List<ComparisonRow> Rows, bool Skipped) RunScenario(ScenarioPlan plan, BatchOptions options,
        string rootPath, TextWriter stdout, List<OutputFolder> staged, CancellationToken cancellation)
    {
        string file = plan.File;
        long trials = options.Trials ?? plan.Scenario.DefaultTrials;
        ulong seed = options.Seed ?? plan.Scenario.DefaultSeed;
        // A change to the register makes the runs out of date as a change to the scenario file does.
        string hash = plan.RegisterSha256 is { } registerHash ? $"{plan.Sha256}+{registerHash}" : plan.Sha256;

        // Up to date: every run folder of this file carries the same key and its comparison rows.
        if (!options.Force)
        {
            var stored = plan.Runs.Select(r => ReadStoredRow(Path.Combine(rootPath, r.Folder),
                Key(hash, file, r.Folder, seed, trials, options))).ToList();
            if (stored.All(r => r is not null))
            {
                if (!options.Quiet)
                {
                    stdout.WriteLine($"{TerminalText.Safe(file)}: up to date ({plan.Runs.Count} run(s)), skipped");
                }
                return (stored.SelectMany(r => r!).ToList(), true);
            }
        }

        var rows = new List<ComparisonRow>();
        RunResult? baseResult = null;
        var curves = new List<(string Label, RunResult Result)>();
        foreach (var (variant, model, folderName) in plan.Runs)
        {
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            var folder = OutputFolder.Open(Path.Combine(rootPath, folderName));
            staged.Add(folder);
            var paired = Math.Min(trials, PairedTrialsCap);
            var result = Simulation.Run(model, new SimulationOptions(trials, seed, options.Threads, 0, paired), null, null, cancellation);
            baseResult ??= result;
            var runRows = RowsOf(file, folderName, variant, result, variant.Length == 0 ? null : baseResult);
            var row = runRows[0];
            RunFiles.Stage(result, folder, new RunProvenance(file, plan.Sha256, RunHandler.ToolVersion, started)
            {
                TotalSeconds = clock.Elapsed.TotalSeconds,
                RegisterFile = plan.RegisterFile,
                RegisterSha256 = plan.RegisterSha256,
                Marking = options.Marking,
            },
                options.Charts ? new ChartOptions() : null, cancellation);
            File.WriteAllText(folder.Stage("comparison-row.json"),
                JsonSerializer.Serialize(new StoredRows(Key(hash, file, folderName, seed, trials, options), runRows), StoredRowJson.Options));
            rows.AddRange(runRows);
            curves.Add((variant.Length == 0 ? "base" : variant, result));
            if (!options.Quiet)
            {
                stdout.WriteLine($"{TerminalText.Safe(file)}{(variant.Length > 0 ? $" [{TerminalText.Safe(variant)}]" : "")}: NPV P50 "
                    + $"{TerminalText.Safe(Formats.Money(row.NpvP50, model.Currency))}, {result.Trials:N0} trials in "
                    + $"{clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s -> {folderName}/");
            }
        }
        if (options.Charts && staged.Count > 0)
        {
            StageVariantCurves(curves, staged[0], cancellation);
        }
        return (rows, false);
    }

    /// <summary>Folder of a run: the scenario file's name, plus <c>--variant</c> for a variant, made safe (<see cref="FolderNames.Run"/>).</summary>
    public static string FolderName(string scenarioPath, string variant) => FolderNames.Run(scenarioPath, variant);

    /// <summary>
    /// What makes a run's outputs up to date: scenario bytes, the file and folder the run belongs to (names can move
    /// between files when a batch's files change), seed, trials, tool version, charts, protective marking.
    /// </summary>
    private static string Key(string scenarioHash, string file, string folder, ulong seed, long trials, BatchOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{scenarioHash}|{file}|{folder}|{seed}|{trials}|{RunHandler.ToolVersion}|{(options.Charts ? "charts" : "no-charts")}"
            + (options.Marking is { } marking ? $"|{marking}" : ""))));

    /// <summary>
    /// A run's comparison rows: the programme's, then one per partner from its own ledger (its NPV percentiles, its
    /// own target's chance and reserves, its payback). The paired columns stay empty on partner rows: the paired
    /// trials are kept for the programme's NPV and cumulative savings only.
    /// </summary>
    internal static List<ComparisonRow> RowsOf(string file, string folder, string variant, RunResult result, RunResult? baseResult)
    {
        var npv = result.Row(MetricNames.Npv);
        var d = result.Decision;
        var s = result.Scenario;
        var rows = new List<ComparisonRow>
        {
            new(s.Name, variant, file, folder, s.Currency, result.Trials, result.Seed,
                npv.Mean, npv.P10, npv.P50, npv.P90, d.ProbabilityTargetMet, d.Reserve80, d.Reserve90, d.Reserve95, d.ProbabilityOfPayback,
                baseResult is null ? null : PairedDifference.Of("npv", result.PairedNpv, baseResult.PairedNpv),
                baseResult is null ? null : PairedDifference.Of("cumulative_net_savings", result.PairedCumulative, baseResult.PairedCumulative))
            {
                Ci95 = ComparisonIntervals.Programme(result),
            },
        };
        foreach (var p in d.Partners)
        {
            var own = result.PartnerRow(p.PartnerId, MetricNames.Npv);
            rows.Add(new ComparisonRow(s.Name, variant, file, folder, s.Currency, result.Trials, result.Seed,
                own.Mean, own.P10, own.P50, own.P90, p.ProbabilityTargetMet, p.Reserve80, p.Reserve90, p.Reserve95, p.ProbabilityOfPayback,
                null, null)
            { Partner = p.PartnerId, Ci95 = ComparisonIntervals.Partner(result, p) });
        }
        return rows;
    }

    private static IReadOnlyList<ComparisonRow>? ReadStoredRow(string folder, string key)
    {
        string path = Path.Combine(folder, "comparison-row.json");
        if (!File.Exists(path) || RunOutputs.DataFiles.Any(f => !File.Exists(Path.Combine(folder, f))))
        {
            return null;
        }
        try
        {
            // A file from before partner rows were kept has no "Rows" and is out of date.
            var stored = JsonSerializer.Deserialize<StoredRows>(File.ReadAllText(path), StoredRowJson.Options);
            // A file from before the intervals were kept is out of date too.
            return stored?.Key == key && stored.Rows is { Count: > 0 } rows && rows[0].Partner is null && rows.All(r => r.Ci95 is not null) ? rows : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What comparison-row.json holds: the up-to-date key and the run's rows, the programme's first.</summary>
    private sealed record StoredRows(string Key, IReadOnlyList<ComparisonRow>? Rows);

    private static class StoredRowJson
    {
        public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    }
}
