using System.CommandLine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim register template FILE</c>: writes an empty risk register (.xlsx or .csv) to fill in.</summary>
public static class RegisterCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "Register to create: an Excel workbook (.xlsx) or a CSV file (.csv)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var template = new Command("template",
            "Write an empty risk register with the columns RiskSim reads, a filled example row and (in a workbook) a Notes sheet.")
        {
            file,
            force,
        };
        template.SetAction((parse, _) => Task.FromResult(Template(parse.GetValue(file)!, parse.GetValue(force), Console.Out, Console.Error)));
        return new Command("register", "Risk registers kept in Excel or CSV, read by a scenario's risks_from.") { template };
    }

    /// <summary>Writes the template to <paramref name="path"/>; returns an exit code.</summary>
    public static int Template(string path, bool force, TextWriter stdout, TextWriter stderr)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv"))
        {
            stderr.WriteLine($"error: a register is an Excel workbook (.xlsx) or a CSV file (.csv), not '{path}'");
            return ExitCodes.InvalidInput;
        }
        if (File.Exists(path) && !force)
        {
            stderr.WriteLine($"error: {path} already exists (use --force to overwrite)");
            return ExitCodes.InvalidInput;
        }
        // Written beside the target and moved into place, so a failure never leaves half a register.
        string temporary = path + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite))
            {
                if (extension == ".xlsx")
                {
                    RegisterTemplate.WriteXlsx(stream);
                }
                else
                {
                    var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble()
                        .Concat(System.Text.Encoding.UTF8.GetBytes(RegisterTemplate.CsvText())).ToArray();
                    stream.Write(bytes);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            stderr.WriteLine($"error: cannot write {path}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        stdout.WriteLine($"Wrote {path}. Fill in one risk a row, then read it from a scenario with risks_from: {Path.GetFileName(path)}"
            + $" (the example row delays workstream '{RegisterTemplate.ExampleWorkstream}': change or delete it).");
        return ExitCodes.Ok;
    }
}
