using System.CommandLine;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim init [--template ...] FILE</c>: writes a commented starter scenario.</summary>
public static class InitCommand
{
    /// <summary>Template names.</summary>
    public static readonly string[] Templates = ["shared-ict", "shared-management", "procurement"];

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "Scenario file to create (.yaml)." };
        var template = new Option<string>("--template")
        {
            Description = "Starting point: shared-ict, shared-management or procurement.",
            DefaultValueFactory = _ => "shared-ict",
        };
        template.AcceptOnlyFromAmong(Templates);
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write a commented starter scenario that runs as written.") { file, template, force };
        command.SetAction((parse, _) => Task.FromResult(Execute(parse.GetValue(file)!, parse.GetValue(template)!, parse.GetValue(force), Console.Out, Console.Error)));
        return command;
    }

    /// <summary>The template's text, shipped as <c>Templates/&lt;name&gt;.yaml</c> inside the program.</summary>
    public static string TemplateText(string template)
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream($"templates/{template}.yaml")
            ?? throw new ArgumentException($"no template named '{template}'", nameof(template));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Writes the template; returns an exit code.</summary>
    public static int Execute(string path, string template, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (path.Length == 0)
        {
            stderr.WriteLine("error: no file name given (the path is empty)");
            return ExitCodes.InvalidInput;
        }
        if (File.Exists(path) && !force)
        {
            stderr.WriteLine($"error: {path} already exists (use --force to overwrite)");
            return ExitCodes.InvalidInput;
        }
        string text = TemplateText(template);
        try
        {
            string temporary = path + ".partial";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"error: cannot write {path}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        stdout.WriteLine($"Wrote {path} ({template}). Next: risksim explain {path}, then risksim run {path}");
        return ExitCodes.Ok;
    }
}
