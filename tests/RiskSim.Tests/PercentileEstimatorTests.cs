using RiskSim.Core.Statistics;

namespace RiskSim.Tests;

/// <summary>
/// The percentile estimator on its own, fed columns whose exact percentiles are known by sorting: every reported
/// percentile lands within 0.05 percentile points (in rank) of the exact one, on smooth values, spikes of density
/// at a percentile, point masses ("atoms") and heavy ties.
/// </summary>
public class PercentileEstimatorTests
{
    private const int Batch = 4096;
    private static readonly double[] Probabilities = [0.05, 0.10, 0.20, 0.25, 0.50, 0.75, 0.90, 0.95];

    /// <summary>Values of one metric in trial order, served in batches of 4,096 like the engine's blocks.</summary>
    private sealed class Columns(double[] values, int start, int count) : IMetricColumns
    {
        public ReadOnlySpan<double> Column(int metric) => values.AsSpan(start, count);
    }

    private static PercentileEstimates Estimate(double[] values, out int reruns, IReadOnlyList<int>? decisionMetrics = null)
    {
        long n = values.Length;
        var estimator = new PercentileEstimator(1, n, Probabilities, workers: 2, decisionMetrics);
        var moments = new Moments[] { Moments.Of(values) };
        for (int start = 0, b = 0; start < n; start += Batch, b++)
        {
            int count = (int)Math.Min(Batch, n - start);
            var batch = new Columns(values, start, count);
            if (estimator.Tallying)
            {
                estimator.Tally(b % 2, batch);
            }
            else
            {
                estimator.AddToPilot(start, count, batch);
                if (estimator.PilotComplete(start + count))
                {
                    estimator.StartTallying();
                }
            }
        }
        int passes = 0;
        var estimates = estimator.Finish(moments, collect =>
        {
            passes++;
            for (int start = 0, b = 0; start < n; start += Batch, b++)
            {
                collect(b % 2, new Columns(values, start, (int)Math.Min(Batch, n - start)));
            }
        });
        reruns = passes;
        return estimates;
    }

    /// <summary>The estimate's rank error against the sorted values, in percentile points.</summary>
    private static void AssertWithinTolerance(double[] values, PercentileEstimates estimates, string what)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        long n = sorted.Length;
        foreach (double p in Probabilities)
        {
            double exact = Percentiles.OfSorted(sorted, p);
            double estimate = estimates.Percentile(0, p);
            if (estimate == exact)
            {
                continue;
            }
            // The estimate must sit between the order statistics 0.05 points either side of the exact rank.
            long rank = (long)Math.Floor((n - 1) * p);
            long slack = (long)Math.Ceiling(PercentileEstimator.Tolerance * n) + 1;
            double low = sorted[Math.Max(0, rank - slack)];
            double high = sorted[Math.Min(n - 1, rank + 1 + slack)];
            Assert.True(estimate >= low && estimate <= high,
                $"{what}: P{p * 100} estimated {estimate:R}, exact {exact:R}, allowed [{low:R}, {high:R}]");
        }
    }

    private static double[] Smooth(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1e6 + 1e3 * Math.Sqrt(-2 * Math.Log(random.NextDouble()))).ToArray();
    }

    [Fact]
    public void Smooth_values_are_estimated_within_the_tolerance()
    {
        var values = Smooth(300_000, 1);
        AssertWithinTolerance(values, Estimate(values, out _), "smooth");
    }

    [Fact]
    public void A_decision_metric_s_reserve_ranks_are_exact_when_its_bands_hold_many_chunks_of_values_per_worker()
    {
        // 1,000,000 trials: each reserve percentile's capture band keeps about 5% of them, some 25,000 values per
        // worker, several of the band store's chunks of 8,192; every rank the reserves and their intervals read is exact.
        var values = Smooth(1_000_000, 7);
        var estimates = Estimate(values, out int reruns, decisionMetrics: [0]);
        var sorted = values.Order().ToArray();
        long n = sorted.Length;
        Assert.Equal(0, reruns);
        foreach (double p in PercentileEstimator.DecisionPercentiles)
        {
            long k = (long)Math.Floor((n - 1) * p);
            var (lower, upper) = ConfidenceInterval.OrderStatisticRanks(n, p);
            foreach (long rank in new[] { k, k + 1, lower, upper })
            {
                Assert.Equal(sorted[rank], estimates.OrderStatistic(0, rank));
            }
        }
    }

    [Fact]
    public void A_run_no_larger_than_the_pilot_is_read_exactly()
    {
        var values = Smooth(PercentileEstimator.PilotSize, 2);
        var estimates = Estimate(values, out int reruns);
        var sorted = values.Order().ToArray();
        Assert.Equal(0, reruns);
        Assert.False(estimates.ExactPass);
        foreach (double p in Probabilities)
        {
            Assert.Equal(Percentiles.OfSorted(sorted, p), estimates.Percentile(0, p));
        }
    }

    [Fact]
    public void A_spike_of_density_at_the_median_is_still_estimated_within_the_tolerance()
    {
        // Half the trials are spread widely; the other half crowd into a range narrower than one histogram bin.
        var random = new Random(3);
        var values = Enumerable.Range(0, 300_000)
            .Select(i => i % 2 == 0 ? random.NextDouble() * 1e7 : 5e6 + random.NextDouble() * 1e-3).ToArray();
        AssertWithinTolerance(values, Estimate(values, out _), "spike");
    }

    [Fact]
    public void Point_masses_are_read_exactly()
    {
        // 30% of trials exactly 0 (no saving yet), 10% exactly 250,000 (a cap), the rest spread.
        var random = new Random(4);
        var values = Enumerable.Range(0, 300_000).Select(_ => random.NextDouble() switch
        {
            < 0.3 => 0.0,
            < 0.4 => 250_000.0,
            var u => u * 1e6,
        }).ToArray();
        var estimates = Estimate(values, out _);
        Assert.Equal(0.0, estimates.Percentile(0, 0.05));
        Assert.Equal(0.0, estimates.Percentile(0, 0.25));
        AssertWithinTolerance(values, estimates, "atoms");
    }

    [Fact]
    public void Heavy_ties_among_a_few_values_are_estimated_within_the_tolerance()
    {
        // Whole-pound amounts from a handful of values, each a big share of the trials: more ties than atoms kept.
        var random = new Random(5);
        double[] levels = Enumerable.Range(0, 40).Select(k => 1000.0 * k).ToArray();
        var values = Enumerable.Range(0, 300_000).Select(_ => levels[random.Next(levels.Length)]).ToArray();
        AssertWithinTolerance(values, Estimate(values, out _), "ties");
    }

    [Fact]
    public void A_cluster_that_only_appears_after_the_pilot_inside_a_fine_band_is_read_exactly_by_the_second_pass()
    {
        // The pilot shows a spike at the median, so the median gets a fine band; after the pilot, the spike's trials
        // fall within a hundredth of a millionth (ten distinct values), about one gap between neighbouring pilot
        // values, far more of them than the tolerance, so the band's counts cannot certify the median and the exact
        // pass must read it.
        var random = new Random(6);
        const int n = 300_000;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            bool spike = i % 2 == 1;
            values[i] = !spike ? random.NextDouble() * 1e7
                : i < PercentileEstimator.PilotSize ? 5e6 + random.NextDouble() * 1e-3
                : 5e6 + 5e-4 + (i % 10) * 1e-9;
        }
        var estimates = Estimate(values, out int reruns);
        Assert.Equal(1, reruns);
        Assert.True(estimates.ExactPass);
        var sorted = values.Order().ToArray();
        Assert.Equal(Percentiles.OfSorted(sorted, 0.50), estimates.Percentile(0, 0.50));
        AssertWithinTolerance(values, estimates, "late cluster");
    }
}
