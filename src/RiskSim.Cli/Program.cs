using System.CommandLine;
using RiskSim.Cli.Commands;

namespace RiskSim.Cli;

/// <summary>Entry point of the <c>risksim</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad options are invalid input (exit 2), with the command's usage for reference.
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }
            Console.Error.WriteLine("Run with --help for the options.");
            return ExitCodes.InvalidInput;
        }
        return parse.Invoke();
    }

    /// <summary>The whole command tree (tested by parsing alone).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "RiskSim: Monte Carlo risk simulation of shared-service savings for section 151 officers.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(BatchCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(ExplainCommand.Build());
        root.Subcommands.Add(InitCommand.Build());
        root.Subcommands.Add(SchemaCommand.Build());
        root.Subcommands.Add(RegisterCommand.Build());
        root.Subcommands.Add(SeekCommand.Build());
        return root;
    }
}

/// <summary>Exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The run failed while simulating or writing results.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an invalid scenario, bad options or an unusable output folder.</summary>
    public const int InvalidInput = 2;

    /// <summary>Stopped by Ctrl+C (SIGINT), SIGTERM or SIGHUP; the previous results are left as they were.</summary>
    public const int Cancelled = 130;
}
