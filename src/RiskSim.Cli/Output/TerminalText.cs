using System.Globalization;
using System.Text;

namespace RiskSim.Cli.Output;

/// <summary>Makes text from files and paths safe to print on a terminal.</summary>
public static class TerminalText
{
    /// <summary>
    /// <paramref name="text"/> with every control character (C0, DEL, C1) and invisible format character
    /// (bidirectional overrides, zero-width marks) written as <c>\xNN</c> or <c>\uNNNN</c>, so a file name or a
    /// scenario's text cannot move the cursor, recolour or retitle the terminal, or hide what it says.
    /// </summary>
    public static string Safe(string text)
    {
        int i = 0;
        while (i < text.Length && !Escaped(text[i]))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        var safe = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (!Escaped(c))
            {
                safe.Append(c);
            }
            else if (c <= '\u00ff')
            {
                safe.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return safe.ToString();
    }

    private static bool Escaped(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
