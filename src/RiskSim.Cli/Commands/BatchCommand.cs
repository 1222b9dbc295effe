using System.CommandLine;
using System.Globalization;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim batch PATHS... --out DIR</c>.</summary>
public static class BatchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Scenario files or folders.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", Required = true };
        var trials = new Option<long?>("--trials", "-n")
        {
            Description = "Trials per run (default: each scenario's simulation.trials).",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v >= 1)
                {
                    return v;
                }
                r.AddError($"--trials must be a whole number >= 1, not '{text}'");
                return 1;
            },
        };
        var seed = new Option<ulong?>("--seed", "-s")
        {
            Description = "Seed for every run (default: each scenario's simulation.seed).",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
                {
                    return v;
                }
                r.AddError($"--seed must be a whole number >= 0, not '{text}'");
                return 0;
            },
        };
        var threads = new Option<int>("--threads", "-t") { Description = "Worker threads (default: all cores)." };
        var force = new Option<bool>("--force") { Description = "Re-run scenarios whose outputs are up to date." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip charts and reports." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only the closing summary." };
        var command = new Command("batch",
            "Run every scenario (and every variant) under the given files or folders and compare them: one folder per run, "
            + "comparison.parquet/.csv, index.html. Scenarios whose outputs are up to date are skipped unless --force.")
        {
            paths, output, trials, seed, threads, force, noCharts, quiet,
        };
        command.SetAction(parse => BatchRunner.Execute(new BatchOptions(parse.GetValue(paths)!, parse.GetValue(output)!,
            parse.GetValue(trials), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(force), !parse.GetValue(noCharts),
            parse.GetValue(quiet)), Console.Out, Console.Error));
        return command;
    }
}
