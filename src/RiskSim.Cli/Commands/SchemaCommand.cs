using System.CommandLine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim schema</c>: prints the JSON Schema of the scenario format.</summary>
public static class SchemaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var command = new Command("schema",
            "Print the JSON Schema of the scenario format (the repository keeps it as scenarios/risksim.schema.json).");
        command.SetAction((_, _) =>
        {
            Console.Out.Write(ScenarioSchema.Text());
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
