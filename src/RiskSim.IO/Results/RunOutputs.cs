using RiskSim.Core.Engine;

namespace RiskSim.IO.Results;

/// <summary>Writes the data files every run produces (the result files, docs/model.md) into a staged output folder.</summary>
public static class RunOutputs
{
    /// <summary>Names of the data files, in the order they are written (results.xlsx last, after the charts it shows).</summary>
    public static readonly string[] DataFiles = ["summary.parquet", "summary.csv", "sensitivity.parquet", "decision.json", "run.json", WorkbookWriter.ResultsFile];

    /// <summary>
    /// Stages summary.parquet, summary.csv, sensitivity.parquet, decision.json, run.json and, when the scenario has
    /// risks, risks.csv; the caller commits the folder once everything else (trials, charts, report) is staged too.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled between two files.</exception>
    public static void StageDataFiles(RunResult result, OutputFolder folder, RunProvenance provenance,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        ResultWriters.WriteSummaryParquet(result, folder.Stage("summary.parquet"));
        cancellation.ThrowIfCancellationRequested();
        ResultWriters.WriteSummaryCsv(result, folder.Stage("summary.csv"));
        cancellation.ThrowIfCancellationRequested();
        ResultWriters.WriteSensitivityParquet(result, folder.Stage("sensitivity.parquet"));
        cancellation.ThrowIfCancellationRequested();
        ResultWriters.WriteDecisionJson(result, folder.Stage("decision.json"));
        cancellation.ThrowIfCancellationRequested();
        ResultWriters.WriteRunJson(result, provenance, folder.Stage("run.json"));
        if (result.RiskRegister is { } register)
        {
            cancellation.ThrowIfCancellationRequested();
            RiskRegisterWriters.WriteRisksCsv(register, folder.Stage(RiskRegisterWriters.RisksCsvFile));
        }
    }

    /// <summary>
    /// Stages results.xlsx (<see cref="WorkbookWriter.WriteResults"/>): the run's figures with its headline sentences
    /// and, when charts were drawn, their images.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before it was written.</exception>
    public static void StageWorkbook(RunResult result, OutputFolder folder, IReadOnlyList<string> headline, IReadOnlyList<XlsxImage> charts,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        WorkbookWriter.WriteResults(result, headline, charts, folder.Stage(WorkbookWriter.ResultsFile));
    }
}
