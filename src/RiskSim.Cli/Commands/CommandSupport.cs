using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using RiskSim.Cli.Output;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>Pieces every command shares: option parsers and the way scenario problems are printed.</summary>
public static class CommandSupport
{
    /// <summary>Prints each problem as <c>error: file:line:column: field: message</c>, control characters escaped.</summary>
    public static void PrintProblems(ScenarioException e, TextWriter stderr)
    {
        foreach (var error in e.Errors)
        {
            stderr.WriteLine($"error: {TerminalText.Safe(error.ToString())}");
        }
    }

    /// <summary>
    /// Writes a line that must not fail the command: after SIGHUP the terminal may be gone, and the exit code
    /// already says what happened.
    /// </summary>
    public static void TryWriteLine(TextWriter writer, string line)
    {
        try
        {
            writer.WriteLine(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nobody is left to read it.
        }
    }

    /// <summary>A <c>--trials</c> option: a whole number ≥ 1 (thousands separators and _ allowed).</summary>
    public static Option<long?> TrialsOption(string description) => new("--trials", "-n")
    {
        Description = description,
        CustomParser = r =>
        {
            string text = Token(r).Replace("_", "", StringComparison.Ordinal);
            if (long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long v) && v >= 1)
            {
                return v;
            }
            r.AddError($"--trials must be a whole number >= 1, not '{Token(r)}'");
            return 1;
        },
    };

    /// <summary>A <c>--seed</c> option: a whole number ≥ 0.</summary>
    public static Option<ulong?> SeedOption(string description) => new("--seed", "-s")
    {
        Description = description,
        CustomParser = r =>
        {
            if (ulong.TryParse(Token(r), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
            {
                return v;
            }
            r.AddError($"--seed must be a whole number >= 0, not '{Token(r)}'");
            return 0;
        },
    };

    /// <summary>A <c>--threads</c> option: 1..1024, 0 (the default) meaning all cores.</summary>
    public static Option<int> ThreadsOption() => new("--threads", "-t")
    {
        Description = "Worker threads (default: all cores). Results are identical for any value.",
        CustomParser = r =>
        {
            if (int.TryParse(Token(r), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 && v <= 1024)
            {
                return v;
            }
            r.AddError($"--threads must be a whole number from 1 to 1024, not '{Token(r)}'");
            return 1;
        },
    };

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
}
