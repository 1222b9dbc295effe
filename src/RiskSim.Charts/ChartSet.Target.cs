using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Core.Engine;

namespace RiskSim.Charts;

// target.png: the S-curve of cumulative net savings at the target year.
public sealed partial record ChartSet
{
    /// <summary>What <c>target.png</c> draws.</summary>
    public static string TargetDescription(bool hasTarget) => hasTarget
        ? "The S-curve of cumulative net savings by the target year: for any amount, the chance that the outcome is at most that "
          + "amount. The dashed line is the target; the dots mark the amounts reached with 80%, 90% and 95% confidence and the "
          + "reserve each needs, and any other confidence level can be read off the curve."
        : "The S-curve of cumulative net savings by the last year: for any amount, the chance that the outcome is at most that "
          + "amount, with the amounts reached with 90% and 95% confidence marked. The scenario sets no target.";

    private static RenderedChart DrawTarget(RunResult result, string footer, ChartOptions options, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var data = TargetCurveData.From(result);
        return DrawChart(TargetFile, data.Title, () => TargetCurveChart.Build(data), footer, options,
            TargetDescription(data.Target is not null));
    }
}
