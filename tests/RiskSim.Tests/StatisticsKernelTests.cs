using RiskSim.Core.Engine;
using RiskSim.Core.Statistics;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The statistics stage's column kernels give the same bits on the AVX-512, AVX2 and scalar paths (forced through
/// <see cref="ColumnKernels.Width"/>), on column lengths that are and are not multiples of the vector widths, and a
/// whole run's figures do not depend on the path; the percentile estimator's capture bands hold a fixed amount of
/// memory whatever the number of trials.
/// </summary>
[Collection(nameof(KernelWidthTests))]
public class StatisticsKernelTests
{
    private static readonly int[] Lengths = [0, 1, 3, 7, 8, 9, 31, 32, 33, 100, 1001, 4095, 4096];

    // 512 runs in software where AVX-512 is absent (any machine with AVX), so its code is checked here too.
    private static int[] Widths() => new[] { 512, 256, 0 }.Where(w => w == 0 || System.Runtime.Intrinsics.X86.Avx.IsSupported).ToArray();

    private static T WithWidth<T>(int width, Func<T> run)
    {
        int saved = ColumnKernels.Width;
        ColumnKernels.Width = width;
        try
        {
            return run();
        }
        finally
        {
            ColumnKernels.Width = saved;
        }
    }

    private static double[] Column(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (random.Next(10)) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 => 250_000.0,
                _ => (random.NextDouble() - 0.3) * 1e6,
            };
        }
        return values;
    }

    [Fact]
    public void Moments_are_the_same_bits_on_every_path()
    {
        foreach (int n in Lengths)
        {
            var values = Column(n, n + 1);
            var scalar = WithWidth(0, () => ColumnKernels.MomentsOf(values));
            foreach (int width in Widths())
            {
                var vector = WithWidth(width, () => ColumnKernels.MomentsOf(values));
                Assert.True(BitConverter.DoubleToInt64Bits(scalar.Mean) == BitConverter.DoubleToInt64Bits(vector.Mean), $"mean, n {n}, width {width}");
                Assert.True(BitConverter.DoubleToInt64Bits(scalar.M2) == BitConverter.DoubleToInt64Bits(vector.M2), $"M2, n {n}, width {width}");
                Assert.Equal(scalar.Min, vector.Min);
                Assert.Equal(scalar.Max, vector.Max);
                Assert.Equal(scalar.Count, vector.Count);
            }
            if (n > 1)
            {
                // And they are the moments: against a plain two-pass sum, to rounding.
                double mean = values.Average();
                double m2 = values.Sum(v => (v - mean) * (v - mean));
                Assert.Equal(mean, scalar.Mean, 1e-6);
                Assert.True(Math.Abs(m2 - scalar.M2) <= 1e-12 * m2, $"M2 {scalar.M2} against {m2}");
                Assert.Equal(values.Min(), scalar.Min);
                Assert.Equal(values.Max(), scalar.Max);
            }
        }
    }

    [Fact]
    public void Histogram_slots_and_counts_are_the_same_on_every_path()
    {
        double[] atoms = [0.0, 250_000.0];
        foreach (int n in Lengths)
        {
            var values = Column(n, 100 + n);
            if (n > 5)
            {
                values[5] = double.NaN;
                values[2] = 1e300;
            }
            var scalarSlots = new int[n];
            WithWidth(0, () =>
            {
                ColumnKernels.Slots(values, -3e5, 16384 / 1.2e6, 16384, atoms, 16386, scalarSlots);
                return 0;
            });
            for (int i = 0; i < n; i++)
            {
                // The scalar twin against the histogram's own definition of a slot.
                double v = values[i];
                int atom = Array.IndexOf(atoms, v);
                double x = (v - -3e5) * (16384 / 1.2e6);
                int expected = atom >= 0 ? 16386 + 8 * atom + (i & 7) : !(x >= 0) ? 0 : x >= 16384 ? 16385 : 1 + (int)x;
                Assert.Equal(expected, scalarSlots[i]);
            }
            foreach (int width in Widths())
            {
                var slots = new int[n];
                WithWidth(width, () =>
                {
                    ColumnKernels.Slots(values, -3e5, 16384 / 1.2e6, 16384, atoms, 16386, slots);
                    return 0;
                });
                Assert.Equal(scalarSlots, slots);
                foreach (double t in new[] { 0.0, 250_000.0, -1e5 })
                {
                    Assert.Equal(values.LongCount(v => v >= t), WithWidth(width, () => ColumnKernels.AtLeast(values, t)));
                    Assert.Equal(values.LongCount(v => v > t), WithWidth(width, () => ColumnKernels.Above(values, t)));
                    Assert.Equal(values.LongCount(v => v < t), WithWidth(width, () => ColumnKernels.Below(values, t)));
                    var inside = new int[n];
                    long below = 0;
                    int found = WithWidth(width, () => ColumnKernels.InRange(values, t, t + 3e5, inside, ref below));
                    Assert.Equal(Enumerable.Range(0, n).Where(i => values[i] >= t && values[i] <= t + 3e5), inside.Take(found));
                    Assert.Equal(values.LongCount(v => v < t), below);
                }
                Assert.Equal(values.LongCount(v => !double.IsNaN(v)), WithWidth(width, () => ColumnKernels.NotNaN(values)));
            }
        }
    }

    [Fact]
    public void A_run_gives_the_same_figures_on_every_path()
    {
        var scenario = ScenarioReader.ReadFile(Path.Combine(TestPaths.Scenarios, "oxfordshire-cherwell-joint-management.yaml"));
        // Past the pilot, with a last block that is not full, so every tally and band is used.
        var options = new SimulationOptions(100_001, 11, Threads: 2);
        var scalar = WithWidth(0, () => Simulation.Run(scenario, options));
        foreach (int width in Widths().Where(w => w > 0))
        {
            var vector = WithWidth(width, () => Simulation.Run(scenario, options));
            Assert.Equal(scalar.Summary.Count, vector.Summary.Count);
            for (int i = 0; i < scalar.Summary.Count; i++)
            {
                Assert.True(scalar.Summary[i] == vector.Summary[i], $"width {width}: {scalar.Summary[i]} != {vector.Summary[i]}");
            }
            Assert.Equal(scalar.Decision.Reserve80, vector.Decision.Reserve80);
            Assert.Equal(scalar.Decision.CumulativeAtTargetP5, vector.Decision.CumulativeAtTargetP5);
            Assert.Equal(scalar.Decision.PartnerExits, vector.Decision.PartnerExits);
            Assert.Equal(scalar.Decision.RiskFrequencies, vector.Decision.RiskFrequencies);
            Assert.Equal(scalar.Decision.ProbabilityOfPayback, vector.Decision.ProbabilityOfPayback);
            Assert.Equal(scalar.PlanStanding, vector.PlanStanding);
            Assert.Equal(scalar.NpvQuantiles, vector.NpvQuantiles);
        }
    }

    /// <summary>Values with a spike of density at the median (a crowded percentile), in trial order.</summary>
    private static double Spiky(Random random, long i) => i % 2 == 0 ? random.NextDouble() * 1e7 : 5e6 + random.NextDouble() * 1e-3;

    private static (long KeptValues, long FineCounters) HeldAfter(long n)
    {
        var random = new Random(21);
        var estimator = new PercentileEstimator(1, n, [0.05, 0.25, 0.5, 0.75, 0.95], workers: 1);
        var block = new double[4096];
        for (long start = 0; start < n; start += block.Length)
        {
            int count = (int)Math.Min(block.Length, n - start);
            for (int i = 0; i < count; i++)
            {
                block[i] = Spiky(random, start + i);
            }
            var batch = new OneColumn(block, count);
            if (estimator.Tallying)
            {
                estimator.Tally(0, batch);
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
        return estimator.HeldByBands();
    }

    [Fact]
    public void The_capture_bands_hold_the_same_memory_whatever_the_trials()
    {
        var small = HeldAfter(200_000);
        var large = HeldAfter(2_000_000);
        // The median sits in a spike, so it has a band; its counters are fixed by the pilot and no value is kept.
        Assert.True(small.FineCounters > 0, "the crowded median has no capture band");
        Assert.Equal(small.FineCounters, large.FineCounters);
        Assert.Equal(0, small.KeptValues);
        Assert.Equal(0, large.KeptValues);
    }

    private sealed class OneColumn(double[] values, int count) : IMetricColumns
    {
        public ReadOnlySpan<double> Column(int metric) => values.AsSpan(0, count);
    }
}

/// <summary>Tests that lower the kernels' vector width run one at a time.</summary>
[CollectionDefinition(nameof(KernelWidthTests), DisableParallelization = true)]
public class KernelWidthTests;
