using System.Text;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Charts.Report;

// The evidence log in the report: the flag for influential inputs with no stated source, and the sources of the
// figures that are not uncertain inputs.
public static partial class HtmlReport
{
    /// <summary>Id of the paragraph that flags influential inputs with no stated source.</summary>
    public const string UnsourcedId = "unsourced";

    private static void EvidenceNote(StringBuilder html, RunResult result)
    {
        if (Evidence.Sentence(result) is { } sentence)
        {
            html.Append("<p id=\"").Append(UnsourcedId).Append("\" class=\"note\">").Append(E(sentence)).Append("</p>\n");
        }
    }

    private static void OtherSources(StringBuilder html, Scenario scenario)
    {
        var others = SourcePaths.Others(scenario);
        if (others.Count == 0)
        {
            return;
        }
        html.Append("<h3>Sources of other figures</h3>\n<table>\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
        foreach (var (path, source) in others)
        {
            html.Append("<tr><td><code>").Append(E(path)).Append("</code></td><td>").Append(E(source)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}
