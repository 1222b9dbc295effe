using System.Text;

namespace RiskSim.Cli.Output;

/// <summary>
/// Passes text on to another writer with every character <see cref="TerminalText.Safe"/> escapes shown as an
/// escape, line breaks excepted, for commands that print a scenario's own text line by line.
/// </summary>
/// <remarks>Disposing it does not dispose the inner writer (usually the console).</remarks>
public sealed class TerminalWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        // Line breaks are the writer's own; any other control character came from a file.
        if (value == '\n' || (value == '\r' && Environment.NewLine.Contains('\r', StringComparison.Ordinal)))
        {
            inner.Write(value);
        }
        else
        {
            inner.Write(TerminalText.Safe(value.ToString()));
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }
        int start = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == '\n' || value[i] == '\r')
            {
                inner.Write(TerminalText.Safe(value[start..i]));
                if (i < value.Length)
                {
                    Write(value[i]);
                }
                start = i + 1;
            }
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    /// <inheritdoc />
    public override void Flush() => inner.Flush();
}
