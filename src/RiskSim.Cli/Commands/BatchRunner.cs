using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskSim.Charts;
using RiskSim.Charts.Rendering;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
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
    bool Force, bool Charts, bool Quiet);

/// <summary>One row of comparison.parquet / comparison.csv.</summary>
public sealed record ComparisonRow(
    string Scenario, string Variant, string File, string Folder, long Trials, ulong Seed,
    double NpvMean, double NpvP10, double NpvP50, double NpvP90,
    double? ProbabilityTargetMet, double? Reserve80, double? Reserve90, double? Reserve95, double ProbabilityOfPayback,
    PairedDifference? PairedNpv, PairedDifference? PairedCumulative);

/// <summary>Runs many scenarios and their variants, and compares them side by side.</summary>
public static class BatchRunner
{
    /// <summary>Trials of each run kept for the paired comparison of a variant with its base.</summary>
    public const long PairedTrialsCap = 2_000_000;

    /// <summary>Runs the batch; returns 0 when every scenario ran, 1 when some failed, 2 for bad options.</summary>
    public static int Execute(BatchOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        var files = FindScenarioFiles(options.Paths, stderr, out bool missing);
        if (files.Count == 0)
        {
            stderr.WriteLine("error: no scenario files found in " + string.Join(", ", options.Paths));
            return ExitCodes.InvalidInput;
        }
        OutputFolder root;
        try
        {
            root = OutputFolder.Open(options.OutputFolder);
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var rows = new List<ComparisonRow>();
        var failures = new List<(string File, string Why)>();
        int ran = 0, skipped = 0;
        foreach (string file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            Scenario scenario;
            try
            {
                scenario = ScenarioReader.ReadFile(file);
            }
            catch (ScenarioException e)
            {
                CommandSupport.PrintProblems(e, stderr);
                failures.Add((file, $"{e.Errors.Count} problem(s) in the scenario file; first: {e.Errors[0]}"));
                continue;
            }
            try
            {
                var (fileRows, wasSkipped) = RunScenario(file, scenario, options, root.Path, stdout, cancellation);
                rows.AddRange(fileRows);
                if (wasSkipped)
                {
                    skipped += fileRows.Count;
                }
                else
                {
                    ran += fileRows.Count;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                stderr.WriteLine($"error: {file}: {e.Message}");
                failures.Add((file, e.Message));
            }
        }

        using (root)
        {
            ComparisonWriter.WriteCsv(rows, root.Stage("comparison.csv"));
            ComparisonWriter.WriteParquet(rows, root.Stage("comparison.parquet"));
            bool chart = options.Charts && rows.Count > 0;
            if (chart)
            {
                var entries = rows.Select(r => new ComparisonEntry(r.Folder, r.NpvP10, r.NpvP50, r.NpvP90, r.ProbabilityTargetMet)).ToList();
                File.WriteAllBytes(root.Stage("comparison.png"),
                    ComparisonChart.Png(entries, $"RiskSim batch comparison · {rows.Count} runs", new ChartOptions()));
            }
            ComparisonWriter.WriteIndex(rows, failures, chart, root.Stage("index.html"));
            root.Commit();
        }
        stdout.WriteLine($"{ran} run(s) done, {skipped} up to date, {failures.Count} scenario file(s) failed; comparison in {root.Path}");
        foreach (var (file, why) in failures)
        {
            stdout.WriteLine($"  failed: {file}: {why}");
        }
        return failures.Count > 0 || missing ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>Scenario files under the given paths, in a stable order.</summary>
    public static List<string> FindScenarioFiles(IEnumerable<string> paths, TextWriter stderr, out bool missing)
    {
        missing = false;
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                        || (f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                stderr.WriteLine($"error: {path}: no such file or folder");
                missing = true;
            }
        }
        return files.Distinct().ToList();
    }

    private static (List<ComparisonRow> Rows, bool Skipped) RunScenario(string file, Scenario scenario, BatchOptions options,
        string rootPath, TextWriter stdout, CancellationToken cancellation)
    {
        long trials = options.Trials ?? scenario.DefaultTrials;
        ulong seed = options.Seed ?? scenario.DefaultSeed;
        string hash = ResultWriters.Sha256Of(file);
        string stem = Path.GetFileNameWithoutExtension(file);
        string key = Key(hash, seed, trials, options.Charts);
        var runs = new List<(string Variant, Scenario Scenario)> { ("", scenario) };
        runs.AddRange(scenario.Variants.Select(v => (v.Name, VariantApplier.Apply(scenario, v))));

        // Up to date: every run folder of this file carries the same key and its comparison row.
        if (!options.Force)
        {
            var stored = runs.Select(r => ReadStoredRow(Path.Combine(rootPath, FolderName(stem, r.Variant)), key)).ToList();
            if (stored.All(r => r is not null))
            {
                if (!options.Quiet)
                {
                    stdout.WriteLine($"{file}: up to date ({runs.Count} run(s)), skipped");
                }
                return (stored.Select(r => r!).ToList(), true);
            }
        }

        var rows = new List<ComparisonRow>();
        RunResult? baseResult = null;
        foreach (var (variant, model) in runs)
        {
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            string folderName = FolderName(stem, variant);
            var paired = Math.Min(trials, PairedTrialsCap);
            var result = Simulation.Run(model, new SimulationOptions(trials, seed, options.Threads, 0, paired), null, null, cancellation);
            baseResult ??= result;
            var row = RowOf(file, folderName, variant, result, variant.Length == 0 ? null : baseResult);
            using var folder = OutputFolder.Open(Path.Combine(rootPath, folderName));
            RunOutputs.StageDataFiles(result, folder, new RunProvenance(file, hash, RunHandler.ToolVersion, started, 0, clock.Elapsed.TotalSeconds));
            if (options.Charts)
            {
                ReportWriter.Write(result, folder, new ChartOptions(), new ReportProvenance(file, hash, RunHandler.ToolVersion, started));
            }
            File.WriteAllText(folder.Stage("comparison-row.json"), JsonSerializer.Serialize(new StoredRow(key, row), StoredRowJson.Options));
            folder.Commit();
            rows.Add(row);
            if (!options.Quiet)
            {
                stdout.WriteLine($"{file}{(variant.Length > 0 ? $" [{variant}]" : "")}: NPV P50 {MoneyFormat.Short(row.NpvP50, model.Currency)}, "
                    + $"{result.Trials:N0} trials in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s -> {folderName}/");
            }
        }
        return (rows, false);
    }

    /// <summary>Folder of a run: the scenario file's name, plus <c>--variant</c> for a variant.</summary>
    public static string FolderName(string stem, string variant) => variant.Length == 0 ? stem : $"{stem}--{variant}";

    /// <summary>What makes a run's outputs up to date: scenario bytes, seed, trials, tool version, charts.</summary>
    private static string Key(string scenarioHash, ulong seed, long trials, bool charts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{scenarioHash}|{seed}|{trials}|{RunHandler.ToolVersion}|{(charts ? "charts" : "no-charts")}")));

    private static ComparisonRow RowOf(string file, string folder, string variant, RunResult result, RunResult? baseResult)
    {
        var npv = result.Row(MetricNames.Npv);
        var d = result.Decision;
        return new ComparisonRow(result.Scenario.Name, variant, file, folder, result.Trials, result.Seed,
            npv.Mean, npv.P10, npv.P50, npv.P90, d.ProbabilityTargetMet, d.Reserve80, d.Reserve90, d.Reserve95, d.ProbabilityOfPayback,
            baseResult is null ? null : PairedDifference.Of("npv", result.PairedNpv, baseResult.PairedNpv),
            baseResult is null ? null : PairedDifference.Of("cumulative_net_savings", result.PairedCumulative, baseResult.PairedCumulative));
    }

    private static ComparisonRow? ReadStoredRow(string folder, string key)
    {
        string path = Path.Combine(folder, "comparison-row.json");
        if (!File.Exists(path) || RunOutputs.DataFiles.Any(f => !File.Exists(Path.Combine(folder, f))))
        {
            return null;
        }
        try
        {
            var stored = JsonSerializer.Deserialize<StoredRow>(File.ReadAllText(path), StoredRowJson.Options);
            return stored?.Key == key ? stored.Row : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record StoredRow(string Key, ComparisonRow Row);

    private static class StoredRowJson
    {
        public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    }
}
