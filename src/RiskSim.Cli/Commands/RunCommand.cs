using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using RiskSim.Charts;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;

namespace RiskSim.Cli.Commands;

/// <summary>What <c>risksim run</c> was asked to do, after parsing.</summary>
/// <param name="ScenarioPath">Scenario file (YAML or JSON).</param>
/// <param name="Trials">Trials, or null for the scenario's default.</param>
/// <param name="Seed">Seed, or null for the scenario's default.</param>
/// <param name="Threads">Worker threads; 0 = all cores.</param>
/// <param name="OutputFolder">Output folder, or null for results/&lt;scenario-file-name&gt;/ (with
/// <c>--&lt;variant&gt;</c>, <c>--set</c> or <c>--&lt;variant&gt;-set</c> appended for a changed scenario).</param>
/// <param name="TrialsOut">How many trials to write to trials.parquet: null = all (capped), 0 = none.</param>
/// <param name="Quiet">No progress and no table.</param>
/// <param name="Charts">
/// Charts and report to write. The command line always sets it unless <c>--no-charts</c>; null writes none
/// (so a caller that builds the options itself gets only the result files unless it asks).
/// </param>
/// <param name="Variant">A variant declared in the scenario to run instead of the base, or null.</param>
/// <param name="Sets">Changes <c>path=value</c> applied after the variant (same paths as a variant's <c>set</c>).</param>
public sealed record RunOptions(string ScenarioPath, long? Trials, ulong? Seed, int Threads, string? OutputFolder,
    long? TrialsOut, bool Quiet, ChartOptions? Charts = null, string? Variant = null, IReadOnlyList<string>? Sets = null)
{
    /// <summary><c>--precision</c>: run until the decision figures are known to this precision; null for the scenario's choice.</summary>
    public RiskSim.Core.Engine.PrecisionGoal? Precision { get; init; }

    /// <summary><c>--max-trials</c>: the most trials a run to a precision simulates; null for the scenario's or the default.</summary>
    public long? MaxTrials { get; init; }

    /// <summary>Protective marking for report.html and run.json (one of <c>ProtectiveMarking.All</c>), or null for none.</summary>
    public string? Marking { get; init; }
}

/// <summary>Defines <c>risksim run</c>.</summary>
public static class RunCommand
{
    /// <summary>Most trials written to trials.parquet by default (<c>--trials-out all</c>).</summary>
    public const long DefaultTrialsOutCap = 1_000_000;

    /// <summary>
    /// What <c>--trials-out all</c> parses to. System.CommandLine cannot take null from a custom parser that
    /// consumed a token (it throws InvalidCastException when the value is read), so "all" is this marker and
    /// becomes null in <see cref="RunOptions.TrialsOut"/>.
    /// </summary>
    public const long AllTrialsOut = -1;

    /// <summary>Builds the command.</summary>
    /// <param name="execute">
    /// What to do with the parsed options and System.CommandLine's cancellation token (cancelled by Ctrl+C and SIGTERM);
    /// <see cref="RunHandler.Execute"/> by default (tests pass their own).
    /// </param>
    public static Command Build(Func<RunOptions, CancellationToken, int>? execute = null)
    {
        execute ??= (options, cancellation) => RunHandler.Execute(options, cancellation: cancellation);
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .yml or .json)." };
        var trials = CommandSupport.TrialsOption("Number of trials (default: the scenario's simulation.trials, else 1,000,000).");
        var seed = CommandSupport.SeedOption("Random seed (default: the scenario's simulation.seed, else 42).");
        var threads = CommandSupport.ThreadsOption();
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Output folder (default: results/<scenario-file-name>/, or results/<scenario-file-name>--<variant>/ with --variant).",
        };
        var trialsOut = new Option<long?>("--trials-out")
        {
            Description = "Trials to write to trials.parquet: all (the first 1,000,000 at most), none, or a number.",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    return AllTrialsOut;
                }
                if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    return 0;
                }
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                {
                    return v;
                }
                r.AddError($"--trials-out must be all, none or a number of trials, not '{text}'");
                return null;
            },
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar and no results table." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Write no charts and no report.html." };
        var svg = new Option<bool>("--svg") { Description = "Also write each chart as SVG." };
        var dpi = new Option<int>("--dpi")
        {
            Description = $"Chart resolution for printing 16 cm wide (default {ChartOptions.DefaultDpi}: 1600 x 900 pixels; {ChartOptions.MinDpi} to {ChartOptions.MaxDpi}).",
            DefaultValueFactory = _ => ChartOptions.DefaultDpi,
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)
                    && v >= ChartOptions.MinDpi && v <= ChartOptions.MaxDpi)
                {
                    return v;
                }
                r.AddError($"--dpi must be a whole number from {ChartOptions.MinDpi} to {ChartOptions.MaxDpi}, not '{text}'");
                return ChartOptions.DefaultDpi;
            },
        };
        var group = new Option<TornadoGrouping>("--group")
        {
            Description = "How the tornado chart groups inputs: input (default, one bar each), workstream (one bar per "
                + "workstream, partner and risk) or partner (each partner's withdrawal as one bar).",
            DefaultValueFactory = _ => TornadoGrouping.Input,
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ParseGrouping(text) is { } grouping)
                {
                    return grouping;
                }
                r.AddError($"--group must be workstream, partner or input, not '{text}'");
                return TornadoGrouping.Input;
            },
        };
        group.CompletionSources.Add("input", "workstream", "partner");
        var tornado = new Option<TornadoView>("--tornado")
        {
            Description = "What the tornado chart measures: swing (default, the mean NPV of each input's lowest and highest 10% "
                + "of trials, in pounds; a withdrawal or a risk as yes / no) or variance (each input's share of the NPV variance).",
            DefaultValueFactory = _ => TornadoView.Swing,
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ParseTornadoView(text) is { } view)
                {
                    return view;
                }
                r.AddError($"--tornado must be swing or variance, not '{text}'");
                return TornadoView.Swing;
            },
        };
        tornado.CompletionSources.Add("swing", "variance");

        var variant = new Option<string?>("--variant")
        {
            Description = "Run one of the scenario's declared variants instead of the base (same random streams, so results pair with the base run).",
        };
        var sets = new Option<string[]>("--set")
        {
            Description = "Change one quantity without editing the file, e.g. --set ict.go_live_month=12 or --set \"ict.delay_months={ triangular: [3, 6, 18] }\" (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var precision = new Option<RiskSim.Core.Engine.PrecisionGoal?>("--precision")
        {
            Description = "Run until the chance of meeting the target and the reserves for 80%, 90% and 95% confidence are each known "
                + "to this precision at 95% confidence, e.g. 0.5% (the chance in percentage points, each reserve relative to itself; "
                + "without a target, the chance of paying back). Stops at fixed checkpoints, so the same seed gives the same trials.",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                var (goal, problem) = RiskSim.Core.Engine.PrecisionGoal.Parse(text);
                if (goal is null)
                {
                    r.AddError($"--precision {problem}");
                }
                return goal;
            },
        };
        var maxTrials = new Option<long?>("--max-trials")
        {
            Description = $"The most trials a run with --precision simulates (default {RiskSim.Core.Engine.PrecisionGoal.DefaultMaxTrials:N0}).",
            CustomParser = r =>
            {
                string text = (r.Tokens.Count > 0 ? r.Tokens[0].Value : "").Replace("_", "", StringComparison.Ordinal);
                if (long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long v)
                    && v >= RiskSim.Core.Engine.SimulationOptions.BlockSize)
                {
                    return v;
                }
                r.AddError($"--max-trials must be a whole number of at least {RiskSim.Core.Engine.SimulationOptions.BlockSize:N0}, not '{text}'");
                return null;
            },
        };
        var marking = MarkingOption();
        var command = new Command("run",
            "Simulate a scenario and write summary, trials, sensitivity and decision files, results.xlsx, charts and report.html.")
        {
            scenario, trials, seed, threads, output, trialsOut, quiet, noCharts, svg, dpi, group, variant, sets, precision, maxTrials, tornado, marking,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(execute(new RunOptions(
            parse.GetValue(scenario)!,
            parse.GetValue(trials),
            parse.GetValue(seed),
            parse.GetValue(threads),
            parse.GetValue(output),
            parse.GetValue(trialsOut) is long keep && keep != AllTrialsOut ? keep : null,
            parse.GetValue(quiet),
            parse.GetValue(noCharts) ? null : new ChartOptions(parse.GetValue(dpi), parse.GetValue(svg), parse.GetValue(group))
            {
                Tornado = parse.GetValue(tornado),
            },
            parse.GetValue(variant),
            parse.GetValue(sets) ?? [])
        {
            Precision = parse.GetValue(precision),
            MaxTrials = parse.GetValue(maxTrials),
            Marking = parse.GetValue(marking),
        }, cancellation)));
        return command;
    }

    /// <summary>Reads a <c>--tornado</c> value (case-insensitive); null when it is neither.</summary>
    internal static TornadoView? ParseTornadoView(string text) => text.ToLowerInvariant() switch
    {
        "swing" => TornadoView.Swing,
        "variance" => TornadoView.Variance,
        _ => null,
    };


    /// <summary>
    /// <c>--marking</c>: OFFICIAL or OFFICIAL-SENSITIVE (any case; a space for the hyphen is read as one), printed at
    /// the top and bottom of every page of report.html and recorded in run.json. Anything else is refused.
    /// </summary>
    internal static Option<string?> MarkingOption() => new("--marking")
    {
        Description = "Protective marking printed at the top and bottom of every page of report.html and recorded in run.json: OFFICIAL or OFFICIAL-SENSITIVE.",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (ProtectiveMarking.Parse(text) is { } parsed)
            {
                return parsed;
            }
            r.AddError($"--marking must be OFFICIAL or OFFICIAL-SENSITIVE, not '{text}'");
            return null;
        },
    };

    /// <summary>Reads a <c>--group</c> value (case-insensitive); null when it is none of the three.</summary>
    internal static TornadoGrouping? ParseGrouping(string text) => text.ToLowerInvariant() switch
    {
        "input" => TornadoGrouping.Input,
        "workstream" => TornadoGrouping.Workstream,
        "partner" => TornadoGrouping.Partner,
        _ => null,
    };
}
