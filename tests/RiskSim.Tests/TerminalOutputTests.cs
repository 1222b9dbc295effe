using RiskSim.Cli;
using RiskSim.Cli.Commands;

namespace RiskSim.Tests;

/// <summary>A scenario's text and file names reach the terminal with their control characters escaped.</summary>
public sealed class TerminalOutputTests
{
    [Fact]
    public void Explain_shows_control_characters_in_a_scenarios_text_as_escapes()
    {
        string folder = TestPaths.NewTempFolder("explain-ctrl");
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, ScenarioValidationTests.Valid
            .Replace("name: Test scenario", "name: \"Shared \\e]0;owned\\a ICT\\rX\"", StringComparison.Ordinal)
            .Replace("  - id: county\n", "  - id: county\n    name: \"County \\e[2J\"\n", StringComparison.Ordinal));
        var stdout = new StringWriter();

        int code = ExplainCommand.Execute(scenario, stdout, new StringWriter());

        Assert.Equal(ExitCodes.Ok, code);
        string text = stdout.ToString();
        Assert.Contains("Shared \\x1b]0;owned\\x07 ICT\\x0dX", text, StringComparison.Ordinal);
        Assert.Contains("County \\x1b[2J", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains('\n', text);
    }

    [Fact]
    public void Validate_shows_control_characters_in_a_file_name_as_escapes()
    {
        string folder = TestPaths.NewTempFolder("validate-ctrl");
        string valid = Path.Combine(folder, "ok\u001b[31m.yaml");
        string invalid = Path.Combine(folder, "bad\u001b[31m.yaml");
        File.WriteAllText(valid, ScenarioValidationTests.Valid);
        File.WriteAllText(invalid, "name: x\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = ValidateCommand.Execute([valid, invalid], stdout, stderr);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("ok\\x1b[31m.yaml: valid", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("bad\\x1b[31m.yaml", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout.ToString() + stderr.ToString());
    }
}
