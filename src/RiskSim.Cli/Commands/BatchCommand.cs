using System.CommandLine;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim batch PATHS... --out DIR</c>.</summary>
public static class BatchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Scenario files or folders.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", Required = true };
        var trials = CommandSupport.TrialsOption("Trials per run (default: each scenario's simulation.trials).");
        var seed = CommandSupport.SeedOption("Seed for every run (default: each scenario's simulation.seed).");
        var threads = CommandSupport.ThreadsOption();
        var force = new Option<bool>("--force") { Description = "Re-run scenarios whose outputs are up to date." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip charts and reports." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only the closing summary." };
        var marking = RunCommand.MarkingOption();
        marking.Description = "Protective marking printed on every run's report.html and on index.html, and recorded in each run.json: "
            + "OFFICIAL or OFFICIAL-SENSITIVE.";
        var command = new Command("batch",
            "Run every scenario (and every variant) under the given files or folders and compare them: one folder per run, "
            + "comparison.parquet/.csv/.xlsx, index.html. Scenarios whose outputs are up to date are skipped unless --force.")
        {
            paths, output, trials, seed, threads, force, noCharts, quiet, marking,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(BatchRunner.Execute(new BatchOptions(parse.GetValue(paths)!, parse.GetValue(output)!,
            parse.GetValue(trials), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(force), !parse.GetValue(noCharts),
            parse.GetValue(quiet))
        { Marking = parse.GetValue(marking) }, Console.Out, Console.Error, cancellation)));
        return command;
    }
}
