using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// The difference a variant makes, measured trial by trial against its base run with the same seed:
/// both runs draw the same random numbers for every input they share (common random numbers), so the
/// paired difference has a far smaller standard error than the difference of two independent runs.
/// </summary>
/// <param name="Metric">"npv" or "cumulative_net_savings" (at the target year, else the last year).</param>
/// <param name="Trials">Pairs compared.</param>
/// <param name="Mean">Mean of variant − base.</param>
/// <param name="StandardError">Monte Carlo standard error of that mean (sd of the differences / √n).</param>
/// <param name="P10">10th percentile of the differences.</param>
/// <param name="P50">Median difference.</param>
/// <param name="P90">90th percentile of the differences.</param>
/// <param name="ProbabilityWorse">Share of trials where the variant is lower than the base.</param>
public sealed record PairedDifference(string Metric, long Trials, double Mean, double StandardError,
    double P10, double P50, double P90, double ProbabilityWorse)
{
    /// <summary>Compares per-trial values of a variant with those of its base.</summary>
    public static PairedDifference Of(string metric, IReadOnlyList<double> variant, IReadOnlyList<double> baseline)
    {
        int n = Math.Min(variant.Count, baseline.Count);
        if (n == 0)
        {
            throw new ArgumentException("no paired trials: run both with SimulationOptions.PairedTrials > 0");
        }
        var difference = new double[n];
        long worse = 0;
        for (int i = 0; i < n; i++)
        {
            difference[i] = variant[i] - baseline[i];
            worse += difference[i] < 0 ? 1 : 0;
        }
        var moments = Moments.Of(difference);
        Array.Sort(difference);
        return new PairedDifference(metric, n, moments.Mean, moments.Sd / Math.Sqrt(n),
            Percentiles.OfSorted(difference, 0.10), Percentiles.OfSorted(difference, 0.50), Percentiles.OfSorted(difference, 0.90),
            (double)worse / n);
    }
}
