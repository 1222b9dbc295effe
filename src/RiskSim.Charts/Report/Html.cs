using System.Text;

namespace RiskSim.Charts.Report;

/// <summary>HTML text for the report and the batch page.</summary>
public static class Html
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
}
