using System.CommandLine;
using RiskSim.Cli.Output;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim validate FILES...</c>: every problem in every file, variants included.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files (and their variants) without simulating; exit code 0 when all are valid, 2 (invalid input) otherwise.")
        {
            files,
        };
        command.SetAction((parse, _) => Task.FromResult(Execute(parse.GetValue(files)!, Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Checks each file; returns 0 when every file is valid, 2 (invalid input) otherwise.</summary>
    public static int Execute(IReadOnlyList<string> files, TextWriter stdout, TextWriter stderr)
    {
        int invalid = 0;
        foreach (string file in files)
        {
            try
            {
                var s = ScenarioReader.ReadFile(file);
                stdout.WriteLine($"{TerminalText.Safe(file)}: valid ({s.Partners.Count} partners, {s.Workstreams.Count} workstreams, {s.Risks.Count} risks, "
                    + $"{s.Correlations.Count} correlations, {s.Variants.Count} variants)");
            }
            catch (ScenarioException e)
            {
                invalid++;
                CommandSupport.PrintProblems(e, stderr);
                stderr.WriteLine($"{TerminalText.Safe(file)}: {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}");
            }
        }
        return invalid == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
