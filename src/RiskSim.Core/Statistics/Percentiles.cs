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
    public static double OfSorted(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Interpolated(sorted.Count, p, rank => sorted[(int)rank]);

    /// <summary>
    /// The same type-7 percentile of <paramref name="n"/> values, given a way to read the order statistic of
    /// each 0-based rank (for values held in histograms or counts rather than sorted in memory).
    /// </summary>
    public static double Interpolated(long n, double p, Func<long, double> orderStatistic)
    {
        double h = (n - 1) * p;
        long k = (long)Math.Floor(h);
        if (k >= n - 1)
        {
            return orderStatistic(n - 1);
        }
        double low = orderStatistic(k);
        return low + (h - k) * (orderStatistic(k + 1) - low);
    }
}
