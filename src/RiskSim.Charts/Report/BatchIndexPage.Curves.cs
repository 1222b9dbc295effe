using System.Text;
using RiskSim.Core.Engine;

namespace RiskSim.Charts.Report;

// The batch index's S-curves of each base scenario with its variants.
public static partial class BatchIndexPage
{
    /// <summary>File name, in a base run's folder, of the S-curves of the base and its variants at the target year.</summary>
    public const string VariantCurvesFile = "target-variants.png";

    private static void VariantCurves(StringBuilder html, IReadOnlyList<ComparisonRow> rows, IReadOnlyCollection<string> folders)
    {
        var bases = rows.Where(r => r.Partner is null && r.Variant.Length == 0 && folders.Contains(r.Folder)).ToList();
        if (bases.Count == 0)
        {
            return;
        }
        html.Append("<h2>Chance of the target: each scenario and its variants</h2>");
        foreach (var r in bases)
        {
            string src = Uri.EscapeDataString(r.Folder) + "/" + VariantCurvesFile;
            html.Append("<figure><img src=\"").Append(src).Append("\" alt=\"")
                .Append(Html.Escape($"S-curves of cumulative net savings at the target year for {r.Scenario} and its variants"))
                .Append("\"><figcaption>").Append(Html.Escape(r.Scenario))
                .Append(": for any amount, the chance that cumulative net savings by the target year are at most that amount, ")
                .Append("for the base (solid) and each variant (dashed) on the same axes, with the target dashed in orange.</figcaption></figure>");
        }
    }
}
