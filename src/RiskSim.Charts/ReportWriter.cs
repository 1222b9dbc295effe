using System.Text;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;

namespace RiskSim.Charts;

/// <summary>What <see cref="ReportWriter.Write"/> wrote.</summary>
/// <param name="Files">File names staged in the output folder, in writing order.</param>
/// <param name="Charts">The rendered charts and their data.</param>
/// <param name="Notes">Things the user should know, e.g. a chart that was not drawn and why.</param>
public sealed record ReportFiles(IReadOnlyList<string> Files, ChartSet Charts, IReadOnlyList<string> Notes);

/// <summary>
/// Writes a run's charts (<c>fan.png</c>, <c>annual.png</c>, <c>npv.png</c>, <c>tornado.png</c>, <c>partners.png</c>,
/// their SVGs on request) and <c>report.html</c> into an output folder, each under a staged temporary name that
/// the folder renames only when the whole run has succeeded.
/// </summary>
/// <remarks>Only reads the run's result; it never changes another output file.</remarks>
public static class ReportWriter
{
    /// <summary>File name of the report.</summary>
    public const string ReportFile = "report.html";

    /// <summary>Renders and stages every chart and the report.</summary>
    /// <param name="result">The run.</param>
    /// <param name="stage">Gives the temporary path to write a file of the output folder to (the folder renames it on commit).</param>
    /// <param name="options">Chart size, SVG and tornado grouping.</param>
    /// <param name="provenance">Where the run came from.</param>
    /// <param name="cancellation">Checked between charts and files.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled between two charts or files.</exception>
    public static ReportFiles Write(RunResult result, Func<string, string> stage, ChartOptions options, RunProvenance provenance,
        CancellationToken cancellation = default)
    {
        var charts = ChartSet.Render(result, options, cancellation);
        var files = new List<string>();
        foreach (var chart in charts.Charts)
        {
            cancellation.ThrowIfCancellationRequested();
            File.WriteAllBytes(stage(chart.FileName), chart.Png);
            files.Add(chart.FileName);
            if (chart.Svg is { } svg)
            {
                File.WriteAllText(stage(chart.SvgFileName), svg, new UTF8Encoding(false));
                files.Add(chart.SvgFileName);
            }
        }
        cancellation.ThrowIfCancellationRequested();
        File.WriteAllText(stage(ReportFile), HtmlReport.Build(result, charts, provenance), new UTF8Encoding(false));
        files.Add(ReportFile);
        var notes = new List<string>();
        if (!charts.Partners.HasChart)
        {
            notes.Add($"{ChartSet.PartnersFile} not drawn: no partner has a withdrawal risk.");
        }
        return new ReportFiles(files, charts, notes);
    }
}
