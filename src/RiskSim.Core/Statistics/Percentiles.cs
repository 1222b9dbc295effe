namespace RiskSim.Core.Statistics;

/// <summary>Percentile conventions used throughout RiskSim.</summary>
public static class Percentiles
{
    /// <summary>The percentiles reported for every metric, as fractions.</summary>
    public static readonly double[] Reported = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

    /// <summary>
    /// Empirical percentile of sorted values with linear interpolation between order statistics
    /// (h = (n − 1)·p; Hyndman–Fan type 7, the default of numpy, R and Excel's PERCENTILE.INC).
    /// </summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        double h = (sorted.Length - 1) * p;
        int k = (int)Math.Floor(h);
        if (k >= sorted.Length - 1)
        {
            return sorted[^1];
        }
        return sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]);
    }
}
