using System.Text;
using System.Text.RegularExpressions;

namespace RiskSim.Charts.Report;

/// <summary>HTML text for the report and the batch page.</summary>
public static partial class Html
{
    /// <summary>Escapes the five characters HTML gives meaning to; other text (£, –, …) stays readable UTF-8.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>Class of the span that keeps a figure on one line (<c>white-space: nowrap</c>).</summary>
    public const string FigureClass = "fig";

    /// <summary>
    /// Escaped element text in which every money figure (−£1.2m, €250k, "XYZ 40k") and every chance written as a
    /// phrase ("less than 0.5%", "more than 99.5%") sits in a <see cref="FigureClass"/> span, so that no line ever
    /// breaks inside one: a browser may break between the minus sign and the currency symbol, or at a space. Plain
    /// percentages ("72%") need no span: no line breaks inside them. For attribute values and the page title use
    /// <see cref="Escape"/>.
    /// </summary>
    public static string Text(string text) =>
        Figure().Replace(Escape(text), m => $"<span class=\"{FigureClass}\">{m.Value}</span>");

    /// <summary>
    /// A figure that could break across lines as RiskSim writes it for people: signed money with its symbol (or ISO
    /// code and a space) and k/m/bn, or a chance beyond the rounding edges.
    /// </summary>
    [GeneratedRegex(@"(?:less|more) than \d+(?:\.\d+)?%|[\u2212-]?(?:£|€|\$|\b[A-Z]{3} )\d[\d,]*(?:\.\d+)?(?:bn|m|k)?",
        RegexOptions.CultureInvariant)]
    public static partial Regex Figure();
}
