using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.Core.Statistics;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The 95% Monte Carlo intervals of the decision figures: each covers the true figure in about 95% of runs with
/// different seeds (checked on a scenario whose answer is known exactly), and the ends of the reserve intervals are
/// the exact order statistics at the ranks n·q ± 1.96·√(n·q·(1−q)), also when the run reads percentiles from histograms.
/// </summary>
public class ConfidenceIntervalTests
{
    /// <summary>Seeds per coverage check.</summary>
    private const int Seeds = 400;

    /// <summary>
    /// One workstream saving U(0, 1000) a year from the start, nothing else, over one year with a target of 700: the
    /// year-1 cumulative net savings (and the NPV) are U(0, 1000), so P(target) = 0.3, P(payback) = 1, the 20th, 10th
    /// and 5th percentiles are 200, 100 and 50 and the reserves 500, 600 and 650; the mean NPV is 500. Risk "r"
    /// happens with probability 0.25 and costs nothing.
    /// </summary>
    internal const string UniformYaml = """
        name: One uniform saving
        horizon_years: 1
        target: { cumulative_net_savings: 700, by_year: 1 }
        partners:
          - { id: only, share: 1 }
        workstreams:
          - { id: ws, annual_saving: { uniform: [0, 1000] } }
        risks:
          - { id: r, probability: 0.25, year: 1 }
        """;

    // Allowed distance of the number of covering runs from 0.95·Seeds: 4.5 binomial standard errors, plus the small
    // conservatism of the discrete order-statistic and Wilson intervals (their coverage is a little above 95%).
    private static void AssertCoverage(int covers, string what)
    {
        double expected = 0.95 * Seeds;
        double se = Math.Sqrt(Seeds * 0.95 * 0.05);
        Assert.True(covers >= expected - 4.5 * se && covers <= Math.Min(Seeds, expected + 4.5 * se),
            string.Create(CultureInfo.InvariantCulture, $"{what}: {covers} of {Seeds} intervals cover the true value (expected {expected} ± {4.5 * se:0.#})"));
    }

    [Fact]
    public void Every_interval_covers_the_known_answer_in_about_95_percent_of_seeds()
    {
        var scenario = ScenarioReader.Parse(UniformYaml, "uniform.yaml");
        int target = 0, r80 = 0, r90 = 0, r95 = 0, p20 = 0, mean = 0, risk = 0;
        for (int seed = 1; seed <= Seeds; seed++)
        {
            var result = Simulation.Run(scenario, new SimulationOptions(1000, (ulong)seed, Threads: 1));
            var d = result.Decision;
            target += d.ProbabilityTargetMetCi95!.Value.Covers(0.3) ? 1 : 0;
            r80 += d.ReservesCi95!.Reserve80.Covers(500) ? 1 : 0;
            r90 += d.ReservesCi95.Reserve90.Covers(600) ? 1 : 0;
            r95 += d.ReservesCi95.Reserve95.Covers(650) ? 1 : 0;
            p20 += d.ReservesCi95.P20.Covers(200) ? 1 : 0;
            risk += d.RiskFrequencies[0].Ci95.Covers(0.25) ? 1 : 0;
            var npv = result.Row(MetricNames.Npv);
            mean += ConfidenceInterval.Mean(npv.Mean, npv.Sd, npv.Count).Covers(500) ? 1 : 0;
            // Every trial pays back: the Wilson interval of 1,000 out of 1,000 ends exactly at 1.
            Assert.Equal(1.0, d.ProbabilityOfPaybackCi95.High);
        }
        AssertCoverage(target, "P(target)");
        AssertCoverage(r80, "reserve for 80%");
        AssertCoverage(r90, "reserve for 90%");
        AssertCoverage(r95, "reserve for 95%");
        AssertCoverage(p20, "20th percentile");
        AssertCoverage(risk, "risk frequency");
        AssertCoverage(mean, "mean NPV");
    }

    [Fact]
    public void Wilson_interval_matches_the_formula_worked_by_hand()
    {
        // 30 of 100, z = 1.959964: centre (0.3 + z²/200)/(1 + z²/100) = 0.319207/1.038415 = 0.307398;
        // half-width z/(1 + z²/100)·√(0.3·0.7/100 + z²/40,000) = 1.887458·√(0.0021 + 0.00009604) = 0.088450.
        var ci = ConfidenceInterval.Wilson(30, 100);
        Assert.Equal(0.21895, ci.Low, 5);
        Assert.Equal(0.39585, ci.High, 5);
        Assert.Equal(new Interval(0, ConfidenceInterval.Wilson(0, 10).High), ConfidenceInterval.Wilson(0, 10));
        Assert.Equal(1.0, ConfidenceInterval.Wilson(10, 10).High);
    }

    [Fact]
    public void Order_statistic_ranks_are_n_q_plus_or_minus_1_96_standard_deviations()
    {
        // n = 1,000, q = 0.2: n·q = 200, 1.959964·√(1000·0.2·0.8) = 24.79; 1-based ranks ⌊175.21⌋ = 175 and ⌈224.79⌉ = 225.
        Assert.Equal((174L, 224L), ConfidenceInterval.OrderStatisticRanks(1000, 0.2));
        // Kept within 1..n for a tiny run.
        Assert.Equal((0L, 4L), ConfidenceInterval.OrderStatisticRanks(5, 0.5));
        // A reserve's interval comes from the quantile's, the other way round.
        Assert.Equal(new Interval(0, 150), ConfidenceInterval.Reserve(100, new Interval(-50, 120)));
    }

    /// <summary>Keeps every trial's cumulative net savings at a set of target-year columns.</summary>
    private sealed class ColumnSink(params int[] columns) : ITrialSink
    {
        public List<double>[] Values { get; } = columns.Select(_ => new List<double>()).ToArray();

        public void Write(TrialBlock block)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                Values[c].AddRange(block.Metric(columns[c]).ToArray());
            }
        }
    }

    [Theory]
    [InlineData("reference-ledger.yaml", 1)]
    [InlineData("reference-ledger.yaml", 2)]
    [InlineData("reference-simple.yaml", 2)]
    public void Reserve_interval_ends_are_the_exact_order_statistics_in_a_run_read_from_histograms(string file, int threads)
    {
        // 300,000 trials: well beyond the 65,536-trial pilot, so the percentiles come from histograms, capture bands
        // and, where needed, the exact pass; every trial is kept here to sort and compare.
        const long n = 300_000;
        var scenario = ScenarioReader.Load(Path.Combine(TestPaths.Reference, file)).Scenario;
        var layout = new CompiledScenario(scenario, true).Layout;
        var targets = new List<(int Column, double Target, Func<RunResult, ReserveIntervals> Ci, Func<RunResult, double?> Reserve90)>
        {
            (layout.Programme.Cumulative(scenario.Target!.ByYear), scenario.Target.CumulativeNetSavings, r => r.Decision.ReservesCi95!,
                r => r.Decision.Reserve90),
        };
        for (int p = 0; p < scenario.Partners.Count && layout.Partners.Count > 0; p++)
        {
            if (scenario.Partners[p].Target is { } own)
            {
                int index = p;
                targets.Add((layout.Partners[p].Cumulative(own.ByYear), own.CumulativeNetSavings, r => r.Decision.Partners[index].ReservesCi95!,
                    r => r.Decision.Partners[index].Reserve90));
            }
        }
        var sink = new ColumnSink(targets.Select(t => t.Column).ToArray());
        var result = Simulation.Run(scenario, new SimulationOptions(n, 5, threads, KeepTrials: n), sink);
        for (int i = 0; i < targets.Count; i++)
        {
            var sorted = sink.Values[i].ToArray();
            Assert.Equal(n, sorted.Length);
            Array.Sort(sorted);
            var (column, target, ci, reserve90) = targets[i];
            var intervals = ci(result);
            foreach (var (q, quantile, reserve) in new[]
            {
                (0.2, intervals.P20, intervals.Reserve80), (0.1, intervals.P10, intervals.Reserve90), (0.05, intervals.P5, intervals.Reserve95),
            })
            {
                var (lower, upper) = ConfidenceInterval.OrderStatisticRanks(n, q);
                Assert.Equal(sorted[lower], quantile.Low);
                Assert.Equal(sorted[upper], quantile.High);
                Assert.Equal(Math.Max(0, target - sorted[upper]), reserve.Low);
                Assert.Equal(Math.Max(0, target - sorted[lower]), reserve.High);
            }
            // The reserve itself is exact too.
            Assert.Equal(Math.Max(0, target - Percentiles.OfSorted(sorted, 0.1)), reserve90(result)!.Value, 6);
        }
    }
}
