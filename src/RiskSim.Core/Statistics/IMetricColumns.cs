namespace RiskSim.Core.Statistics;

/// <summary>A batch of trials seen as one column of values per metric.</summary>
internal interface IMetricColumns
{
    /// <summary>The values of metric <paramref name="metric"/>, one per trial of the batch.</summary>
    ReadOnlySpan<double> Column(int metric);
}
