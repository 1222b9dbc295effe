using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RiskSim.Cli.Commands;

/// <summary>What <c>risksim run</c> was asked to do, after parsing.</summary>
/// <param name="ScenarioPath">Scenario file (YAML or JSON).</param>
/// <param name="Trials">Trials, or null for the scenario's default.</param>
/// <param name="Seed">Seed, or null for the scenario's default.</param>
/// <param name="Threads">Worker threads; 0 = all cores.</param>
/// <param name="OutputFolder">Output folder, or null for results/&lt;scenario-file-name&gt;/.</param>
/// <param name="TrialsOut">How many trials to write to trials.parquet: null = all (capped), 0 = none.</param>
/// <param name="Quiet">No progress and no table.</param>
public sealed record RunOptions(string ScenarioPath, long? Trials, ulong? Seed, int Threads, string? OutputFolder,
    long? TrialsOut, bool Quiet);

/// <summary>Defines <c>risksim run</c>.</summary>
public static class RunCommand
{
    /// <summary>Most trials written to trials.parquet by default (<c>--trials-out all</c>).</summary>
    public const long DefaultTrialsOutCap = 1_000_000;

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .yml or .json)." };
        var trials = new Option<long?>("--trials", "-n")
        {
            Description = "Number of trials (default: the scenario's simulation.trials, else 1,000,000).",
            CustomParser = r => ParsePositive(r, "--trials"),
        };
        var seed = new Option<ulong?>("--seed", "-s")
        {
            Description = "Random seed (default: the scenario's simulation.seed, else 42).",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
                {
                    return v;
                }
                r.AddError($"--seed must be a whole number >= 0, not '{text}'");
                return null;
            },
        };
        var threads = new Option<int>("--threads", "-t")
        {
            Description = "Worker threads (default: all cores). Results are identical for any value.",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 && v <= 1024)
                {
                    return v;
                }
                r.AddError($"--threads must be a whole number from 1 to 1024, not '{text}'");
                return 0;
            },
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Output folder (default: results/<scenario-file-name>/).",
        };
        var trialsOut = new Option<long?>("--trials-out")
        {
            Description = "Trials to write to trials.parquet: all (the first 1,000,000 at most), none, or a number.",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
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

        var command = new Command("run", "Simulate a scenario and write summary, trials, sensitivity and decision files.")
        {
            scenario, trials, seed, threads, output, trialsOut, quiet,
        };
        command.SetAction(parse => RunHandler.Execute(new RunOptions(
            parse.GetValue(scenario)!,
            parse.GetValue(trials),
            parse.GetValue(seed),
            parse.GetValue(threads),
            parse.GetValue(output),
            parse.GetValue(trialsOut),
            parse.GetValue(quiet))));
        return command;
    }

    private static long? ParsePositive(ArgumentResult r, string name)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value.Replace("_", "", StringComparison.Ordinal) : "";
        if (long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long v) && v >= 1)
        {
            return v;
        }
        r.AddError($"{name} must be a whole number >= 1, not '{text}'");
        return null;
    }
}
