using RiskSim.Charts;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.IO.Results;

namespace RiskSim.Cli.Output;

/// <summary>Drawing the charts or the report failed; the run's files are not committed.</summary>
public sealed class ChartsFailedException(Exception inner) : Exception($"drawing the charts failed: {inner.Message}", inner);

/// <summary>
/// The one step that stages every file of a finished run in its output folder, for <c>run</c> and <c>batch</c>
/// alike: the data files (summary, sensitivity, decision, run.json), when asked the charts and report, then
/// results.xlsx (with the chart images when there are charts).
/// trials.parquet is the one file staged earlier, as the trials stream out during the simulation.
/// </summary>
public static class RunFiles
{
    /// <summary>Stages the files; returns what the report step wrote, or null without charts.</summary>
    /// <exception cref="ChartsFailedException">A chart or the report could not be drawn.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between two files.</exception>
    public static ReportFiles? Stage(RunResult result, OutputFolder folder, RunProvenance provenance, ChartOptions? charts,
        CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        RunOutputs.StageDataFiles(result, folder, provenance, cancellation);
        ReportFiles? report = null;
        if (charts is not null)
        {
            try
            {
                report = ReportWriter.Write(result, folder.Stage, charts, provenance, cancellation);
            }
            catch (Exception e) when (e is not (OperationCanceledException or IOException or UnauthorizedAccessException))
            {
                throw new ChartsFailedException(e);
            }
        }
        StageWorkbook(result, folder, report, cancellation);
        return report;
    }

    /// <summary>Stages results.xlsx with the report's headline and the charts just rendered (none without charts).</summary>
    private static void StageWorkbook(RunResult result, OutputFolder folder, ReportFiles? report, CancellationToken cancellation)
    {
        var images = report?.Charts.Charts.Select(c => new XlsxImage($"{c.Title} ({c.FileName})", c.Png)).ToList() ?? [];
        RunOutputs.StageWorkbook(result, folder, Headline.Sentences(result), images, cancellation);
    }
}
