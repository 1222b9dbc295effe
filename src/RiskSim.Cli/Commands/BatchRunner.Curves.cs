using System.Globalization;
using RiskSim.Charts;
using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.IO.Results;

namespace RiskSim.Cli.Commands;

// A batch's S-curves: each base scenario and its variants on one set of axes, in the base run's folder.
public static partial class BatchRunner
{
    /// <summary>
    /// Stages <see cref="BatchIndexPage.VariantCurvesFile"/> in the base run's folder when a scenario file has variants: the
    /// S-curves of cumulative net savings at the target year of the base and every variant, on one set of axes.
    /// </summary>
    private static void StageVariantCurves(List<(string Label, RunResult Result)> curves, OutputFolder baseFolder,
        CancellationToken cancellation)
    {
        if (curves.Count < 2)
        {
            return;
        }
        cancellation.ThrowIfCancellationRequested();
        var data = TargetCurveData.From(curves);
        using var plot = TargetCurveChart.Build(data);
        var first = curves[0].Result;
        string footer = string.Create(CultureInfo.InvariantCulture, $"{first.Scenario.Name} and its variants · {first.Trials:N0} trials · seed {first.Seed}");
        File.WriteAllBytes(baseFolder.Stage(BatchIndexPage.VariantCurvesFile), ChartCanvas.Png(plot, footer, new ChartOptions()));
    }

    /// <summary>
    /// The base run folders that hold the S-curves of their variants: staged in this batch, or kept from an earlier one
    /// when the runs were up to date.
    /// </summary>
    private static List<string> VariantCurveFolders(IReadOnlyList<ComparisonRow> programme, string rootPath, IReadOnlyList<OutputFolder> staged)
    {
        var folders = new List<string>();
        foreach (var row in programme.Where(r => r.Variant.Length == 0 && programme.Any(v => v.File == r.File && v.Variant.Length > 0)))
        {
            string final = Path.Combine(rootPath, row.Folder);
            var stagedFolder = staged.FirstOrDefault(f => string.Equals(Path.GetFileName(f.Path), row.Folder, StringComparison.Ordinal));
            string file = stagedFolder is not null
                ? Path.Combine(stagedFolder.StagingPath, BatchIndexPage.VariantCurvesFile)
                : Path.Combine(final, BatchIndexPage.VariantCurvesFile);
            if (File.Exists(file))
            {
                folders.Add(row.Folder);
            }
        }
        return folders;
    }
}
