using RiskSim.Charts;
using RiskSim.Core.Engine;
using RiskSim.IO.Results;

namespace RiskSim.Cli.Output;

/// <summary>Drawing the charts or the report failed; the run's files are not committed.</summary>
public sealed class ChartsFailedException(Exception inner) : Exception($"drawing the charts failed: {inner.Message}", inner);

/// <summary>
/// The one step that stages every file of a finished run in its output folder, for <c>run</c> and <c>batch</c>
/// alike: the data files (summary, sensitivity, decision, run.json) and, when asked, the charts and report.
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
        if (charts is null)
        {
            return null;
        }
        try
        {
            return ReportWriter.Write(result, folder.Stage, charts, provenance, cancellation);
        }
        catch (Exception e) when (e is not (OperationCanceledException or IOException or UnauthorizedAccessException))
        {
            throw new ChartsFailedException(e);
        }
    }
}
