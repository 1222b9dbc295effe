using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Statistics;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The random side of the engine with fixed seeds: exit and risk probabilities, achieved rank
/// correlations, means feeding through, percentile accuracy of the histogram path, reproducibility
/// across thread counts and stability of the input streams. Tolerances are 5 Monte Carlo standard
/// errors, with each SE formula next to its check.
/// </summary>
public class StochasticEngineTests
{
    /// <summary>A scenario close to the documented example: every distribution form, exits, risks, correlations.</summary>
    private const string RichScenario = """
        name: shared ICT, stochastic checks
        horizon_years: 5
        discount_rate: 0.035
        target: { cumulative_net_savings: 500000, by_year: 4 }
        partners:
          - id: county
            share: 0.4
            withdrawal: { annual_probability: 0.05, notice_months: 12, savings_lost: 0.4, exit_cost: { pert: [50000, 120000, 300000] } }
          - id: city
            share: 0.3
            withdrawal: { annual_probability: 0.1, notice_months: 6, exit_cost: { triangular: [20000, 40000, 90000] } }
          - id: district
            share: 0.3
            withdrawal: { annual_probability: 0.04, savings_lost: { uniform: [0.1, 0.3] } }
        workstreams:
          - id: ict
            annual_saving: { pert: [250000, 396874, 450000] }
            go_live_month: 6
            delay_months: { triangular: [0, 2, 9] }
            ramp_months: 24
            depends_on: [county, city]
            implementation_cost: { pert: [150000, 200000, 320000] }
            delay_cost_per_month: { uniform: [5000, 15000] }
            redundancy:
              headcount: { triangular: [2, 4, 7] }
              cost_per_head: { lognormal: { mean: 38000, sd: 12000 } }
          - id: helpdesk
            annual_saving: { normal: { mean: 90000, sd: 25000, min: 20000 } }
            go_live_month: 14
            delay_months: { discrete: { values: [0, 2, 4, 8], weights: [3, 3, 2, 1] } }
            ramp_months: 6
            implementation_cost: 35000
          - id: payroll
            annual_saving: 40000
            go_live_month: 12
            depends_on: []
        risks:
          - id: tupe
            probability: 0.15
            year: [1, 2]
            cost: { pert: [20000, 60000, 200000] }
            delay_months: { ict: { triangular: [1, 3, 6] } }
          - id: licence
            probability: 0.3
            year: 2
            cost: { lognormal: { mean: 70000, sd: 30000 } }
        correlations:
          - between: [ict.annual_saving, ict.delay_months]
            rank: -0.4
          - between: [city.withdrawal, district.withdrawal]
            rank: 0.5
          - between: [licence.occurs, ict.implementation_cost]
            rank: 0.3
        """;

    private static Scenario Parse(string yaml) => ScenarioReader.Parse(yaml, "stochastic.yaml");

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Keeps chosen input columns and the whole-horizon and per-year net metrics of every kept trial.</summary>
    private sealed class Collector : ITrialSink
    {
        private readonly int[] _inputs;

        public Collector(long trials, int years, params int[] inputs)
        {
            _inputs = inputs;
            Inputs = inputs.Select(_ => new double[trials]).ToArray();
            Npv = new double[trials];
            Total = new double[trials];
            Net = Enumerable.Range(0, years).Select(_ => new double[trials]).ToArray();
        }

        /// <summary>Columns of the requested inputs, in the order asked for.</summary>
        public double[][] Inputs { get; }

        public double[] Npv { get; }

        public double[] Total { get; }

        /// <summary>Net savings per year (index 0 = year 1).</summary>
        public double[][] Net { get; }

        public long Received { get; private set; }

        public void Write(TrialBlock block)
        {
            Assert.Equal(Received, block.FirstTrial);
            int at = (int)block.FirstTrial;
            for (int k = 0; k < _inputs.Length; k++)
            {
                block.Input(_inputs[k]).CopyTo(Inputs[k].AsSpan(at));
            }
            block.Npv.CopyTo(Npv.AsSpan(at));
            block.TotalNetSavings.CopyTo(Total.AsSpan(at));
            for (int t = 0; t < Net.Length; t++)
            {
                block.NetSavings(t + 1).CopyTo(Net[t].AsSpan(at));
            }
            Received += block.Count;
        }
    }

    private static int InputIndex(Scenario scenario, string name)
    {
        var inputs = InputCatalog.Of(scenario);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Name == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"no input {name}");
    }

    private static double Spearman(double[] a, double[] b) => SpearmanCorrelation.Spearman(a, b);

    [Theory]
    [InlineData(0.1, 12, 5)]   // 1 − 0.9^4 = 0.3439
    [InlineData(0.25, 30, 4)]  // 1 − 0.75^1.5 = 0.3505
    [InlineData(0.05, 0, 3)]   // 1 − 0.95^3 = 0.1426
    [InlineData(0.3, 54, 5)]   // 1 − 0.7^0.5 = 0.1633
    [InlineData(0.3, 60, 5)]   // H − notice/12 = 0: never within the horizon
    public void Partner_exit_probability_within_the_horizon_follows_the_annual_hazard(double p, double noticeMonths, int horizon)
    {
        var scenario = Parse(string.Create(CultureInfo.InvariantCulture, $"""
            name: exits
            horizon_years: {horizon}
            partners:
              - id: county
                share: 0.5
                withdrawal: {"{"} annual_probability: {p}, notice_months: {noticeMonths}, savings_lost: 0.5 {"}"}
              - id: city
                share: 0.5
            workstreams:
              - id: ict
                annual_saving: 100000
            """));
        const int n = 100_000;
        var result = Simulation.Run(scenario, new SimulationOptions(n, 11));
        // Notice T ~ Exp(λ), λ = −ln(1 − p); exit E = T + notice/12 < H  ⇔  T < H − notice/12,
        // so P(exit) = 1 − e^{−λ(H − notice/12)} = 1 − (1 − p)^(H − notice/12).
        double window = horizon - noticeMonths / 12;
        double expected = 1 - Math.Pow(1 - p, window);
        double actual = Assert.Single(result.Decision.PartnerExits, e => e.PartnerId == "county").ProbabilityOfExit;
        // city has no withdrawal risk: never leaves (listed with 0, or not listed).
        Assert.All(result.Decision.PartnerExits.Where(e => e.PartnerId == "city"), e => Assert.Equal(0, e.ProbabilityOfExit));
        // Binomial proportion: SE = sqrt(P(1 − P)/n).
        double se = Math.Sqrt(expected * (1 - expected) / n);
        Assert.True(Math.Abs(actual - expected) <= 5 * se,
            $"P(exit) {F(actual)}, expected {F(expected)} ± {F(5 * se)}");
    }

    [Fact]
    public void Risk_frequency_equals_its_probability()
    {
        var scenario = Parse("""
            name: risk frequencies
            horizon_years: 3
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 100000
            risks:
              - id: rare
                probability: 0.02
                year: 1
                cost: 1000
              - id: sometimes
                probability: 0.15
                year: [1, 3]
                cost: { uniform: [1000, 5000] }
              - id: even
                probability: 0.5
                year: 2
                delay_months: { ict: 2 }
              - id: likely
                probability: 0.9
                year: [2, 3]
                cost: 500
            """);
        const int n = 100_000;
        var result = Simulation.Run(scenario, new SimulationOptions(n, 5));
        var expected = new Dictionary<string, double> { ["rare"] = 0.02, ["sometimes"] = 0.15, ["even"] = 0.5, ["likely"] = 0.9 };
        Assert.Equal(expected.Count, result.Decision.RiskFrequencies.Count);
        foreach (var figure in result.Decision.RiskFrequencies)
        {
            double p = expected[figure.RiskId];
            // Binomial proportion: SE = sqrt(p(1 − p)/n).
            double se = Math.Sqrt(p * (1 - p) / n);
            Assert.True(Math.Abs(figure.Frequency - p) <= 5 * se,
                $"{figure.RiskId}: frequency {F(figure.Frequency)}, expected {F(p)} ± {F(5 * se)}");
        }
    }

    [Theory]
    [InlineData(-0.4)]
    [InlineData(0.3)]
    [InlineData(0.8)]
    public void Achieved_rank_correlation_between_continuous_inputs_matches_the_target(double rank)
    {
        var scenario = Parse(string.Create(CultureInfo.InvariantCulture, $"""
            name: correlations
            horizon_years: 3
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: {"{"} pert: [250000, 396874, 450000] {"}"}
                delay_months: {"{"} triangular: [0, 2, 9] {"}"}
                implementation_cost: {"{"} uniform: [100000, 300000] {"}"}
                delay_cost_per_month: {"{"} lognormal: {"{"} mean: 10000, sd: 4000 {"}"} {"}"}
            correlations:
              - between: [ict.annual_saving, ict.delay_months]
                rank: {rank}
              - between: [ict.annual_saving, ict.implementation_cost]
                rank: 0.5
            """));
        const int n = 200_000;
        int saving = InputIndex(scenario, "ict.annual_saving");
        int delay = InputIndex(scenario, "ict.delay_months");
        int implementation = InputIndex(scenario, "ict.implementation_cost");
        int delayCost = InputIndex(scenario, "ict.delay_cost_per_month");
        var sink = new Collector(n, 3, saving, delay, implementation, delayCost);
        Simulation.Run(scenario, new SimulationOptions(n, 2024, KeepTrials: n), sink);
        Assert.Equal(n, sink.Received);
        // The sampling SE of a Spearman coefficient is about (1 − ρ²)/sqrt(n) ≤ 0.0023 here, so the model's
        // ±0.03 is far outside the noise: anything beyond it is a real bias.
        double Check(int a, int b, double target, string what)
        {
            double rho = Spearman(sink.Inputs[a], sink.Inputs[b]);
            Assert.True(Math.Abs(rho - target) <= 0.03, $"{what}: Spearman {F(rho)}, target {F(target)}");
            return rho;
        }
        Check(0, 1, rank, "saving ~ delay");
        Check(0, 2, 0.5, "saving ~ implementation cost");
        // Not correlated with anything: independent of the group.
        Check(0, 3, 0, "saving ~ delay cost (uncorrelated)");
        Check(1, 3, 0, "delay ~ delay cost (uncorrelated)");
    }

    [Fact]
    public void Mean_of_an_uncertain_saving_feeds_through_to_gross_savings()
    {
        var scenario = Parse("""
            name: one uncertain saving
            horizon_years: 3
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: { pert: [250000, 396874, 450000] }
                go_live_month: 6
                ramp_months: 12
            """);
        const int n = 200_000;
        var result = Simulation.Run(scenario, new SimulationOptions(n, 99));
        // PERT mean (min + 4·mode + max)/6 = (250000 + 1587496 + 450000)/6 = 381249.33;
        // α = 1 + 4·146874/200000 = 3.93748, β = 1 + 4·53126/200000 = 2.06252, σ² = 200000²·αβ/((α+β)²(α+β+1)).
        double mean = (250_000 + 4 * 396_874.0 + 450_000) / 6;
        double alpha = 1 + 4 * 146_874 / 200_000.0, beta = 1 + 4 * 53_126 / 200_000.0, s = alpha + beta;
        double sd = 200_000 * Math.Sqrt(alpha * beta / (s * s * (s + 1)));
        // Go-live 0.5, ramp 1 year: fractions of the annual saving 0.125, 0.875, 1 (see the deterministic ramp test).
        double[] fraction = [0.125, 0.875, 1];
        for (int t = 1; t <= 3; t++)
        {
            var row = result.Row(MetricNames.GrossSavings, t);
            // Mean of n i.i.d. draws of fraction·S: SE = fraction·σ/sqrt(n).
            double se = fraction[t - 1] * sd / Math.Sqrt(n);
            double expected = fraction[t - 1] * mean;
            Assert.True(Math.Abs(row.Mean - expected) <= 5 * se,
                $"gross year {t}: mean {F(row.Mean)}, expected {F(expected)} ± {F(5 * se)}");
            Assert.True(row.Min >= fraction[t - 1] * 250_000 - 1e-6 && row.Max <= fraction[t - 1] * 450_000 + 1e-6,
                $"gross year {t}: range [{F(row.Min)}, {F(row.Max)}] outside the PERT range");
            // SD of the trials: SE(s) ≈ σ·sqrt((κ − 1)/(4n)) with κ ≤ 3 for this PERT, so 5 SE < 5σ/sqrt(2n).
            double sdTolerance = 5 * fraction[t - 1] * sd / Math.Sqrt(2.0 * n);
            Assert.True(Math.Abs(row.Sd - fraction[t - 1] * sd) <= sdTolerance,
                $"gross year {t}: sd {F(row.Sd)}, expected {F(fraction[t - 1] * sd)}");
        }
    }

    [Fact]
    public void Histogram_percentiles_are_within_half_a_tenth_of_a_point_of_the_exact_ones()
    {
        var scenario = Parse(RichScenario);
        const int n = 300_000;
        int h = scenario.HorizonYears;
        var sink = new Collector(n, h);
        var result = Simulation.Run(scenario, new SimulationOptions(n, 31, Threads: 2, KeepTrials: n), sink);
        Assert.Equal(n, sink.Received);

        var checks = new List<(string Label, SummaryRow Row, double[] Values)>
        {
            ("npv", result.Row(MetricNames.Npv), sink.Npv),
            ("total_net_savings", result.Row(MetricNames.TotalNetSavings), sink.Total),
        };
        // Cumulative net savings rebuilt from the yearly nets (Σ_{k≤t} net_k); at H it must equal the total.
        var cumulative = new double[n];
        for (int t = 1; t <= h; t++)
        {
            checks.Add(($"net_savings y{t}", result.Row(MetricNames.NetSavings, t), sink.Net[t - 1]));
            var cum = new double[n];
            for (int i = 0; i < n; i++)
            {
                cumulative[i] += sink.Net[t - 1][i];
                cum[i] = cumulative[i];
            }
            checks.Add(($"cumulative_net_savings y{t}", result.Row(MetricNames.CumulativeNetSavings, t), cum));
        }
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(sink.Total[i] - cumulative[i]) <= 1e-9 * Math.Max(1, Math.Abs(cumulative[i])),
                $"trial {i}: total {F(sink.Total[i])} but the yearly nets sum to {F(cumulative[i])}");
        }

        var failures = new List<string>();
        foreach (var (label, row, values) in checks)
        {
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            for (int k = 0; k < Percentiles.Reported.Length; k++)
            {
                double p = Percentiles.Reported[k];
                double v = row.PercentileValues[k];
                // The reported value must sit at an empirical rank within 0.0005·n of p·n:
                // #(x < v) ≤ ceil((p + 0.0005)·n) and #(x ≤ v) ≥ floor((p − 0.0005)·n).
                long below = LowerBound(sorted, v);
                long atOrBelow = UpperBound(sorted, v);
                long maxBelow = (long)Math.Ceiling((p + Simulation.PercentileTolerance) * n);
                long minAtOrBelow = (long)Math.Floor((p - Simulation.PercentileTolerance) * n);
                if (below > maxBelow || atOrBelow < minAtOrBelow)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{label} p{p * 100}: {v:R} has #(x<v) = {below} (max {maxBelow}), #(x<=v) = {atOrBelow} (min {minAtOrBelow}); exact {Percentiles.OfSorted(sorted, p):R}"));
                }
            }
            // Mean, min and max against the trials too.
            double mean = values.Average();
            if (Math.Abs(row.Mean - mean) > 1e-9 * Math.Max(1, Math.Abs(mean)) + 1e-6 || row.Min != sorted[0] || row.Max != sorted[^1])
            {
                failures.Add($"{label}: mean/min/max {F(row.Mean)}/{F(row.Min)}/{F(row.Max)} vs trials {F(mean)}/{F(sorted[0])}/{F(sorted[^1])}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static long LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static long UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    [Fact]
    public void Same_seed_gives_identical_results_on_one_two_and_three_threads()
    {
        var scenario = Parse(RichScenario);
        const int n = 150_000;
        var one = Simulation.Run(scenario, new SimulationOptions(n, 7, Threads: 1));
        foreach (int threads in new[] { 2, 3 })
        {
            var other = Simulation.Run(scenario, new SimulationOptions(n, 7, Threads: threads));
            Assert.Equal(threads, other.Threads);
            AssertSameResults(one, other, $"{threads} threads");
        }
        var reseeded = Simulation.Run(scenario, new SimulationOptions(n, 8, Threads: 2));
        Assert.NotEqual(one.Row(MetricNames.Npv), reseeded.Row(MetricNames.Npv));
        Assert.NotEqual(one.Row(MetricNames.Npv).Mean, reseeded.Row(MetricNames.Npv).Mean);
        Assert.False(one.Summary.SequenceEqual(reseeded.Summary), "a different seed gave the same summary");
        Assert.False(one.Sensitivity.SequenceEqual(reseeded.Sensitivity), "a different seed gave the same sensitivity");
    }

    private static void AssertSameResults(RunResult a, RunResult b, string what)
    {
        Assert.Equal(a.Summary.Count, b.Summary.Count);
        for (int i = 0; i < a.Summary.Count; i++)
        {
            // Record equality: every field bit for bit (NaN equal to NaN).
            Assert.True(a.Summary[i] == b.Summary[i], $"{what}: {a.Summary[i]} != {b.Summary[i]}");
        }
        var da = a.Decision;
        var db = b.Decision;
        Assert.Equal(da.Target, db.Target);
        Assert.Equal(da.ProbabilityTargetMet, db.ProbabilityTargetMet);
        Assert.Equal(da.CumulativeAtTargetP20, db.CumulativeAtTargetP20);
        Assert.Equal(da.CumulativeAtTargetP10, db.CumulativeAtTargetP10);
        Assert.Equal(da.CumulativeAtTargetP5, db.CumulativeAtTargetP5);
        Assert.Equal(da.Reserve80, db.Reserve80);
        Assert.Equal(da.Reserve90, db.Reserve90);
        Assert.Equal(da.Reserve95, db.Reserve95);
        Assert.Equal(da.ProbabilityOfPayback, db.ProbabilityOfPayback);
        Assert.Equal(da.PartnerExits, db.PartnerExits);
        Assert.Equal(da.RiskFrequencies, db.RiskFrequencies);
        Assert.Equal(a.SensitivityTrials, b.SensitivityTrials);
        Assert.Equal(a.Sensitivity, b.Sensitivity);
        Assert.Equal(a.SensitivityGroups, b.SensitivityGroups);
        Assert.Equal(a.TwoOutcomes, b.TwoOutcomes);
        Assert.Equal(a.PlanStanding, b.PlanStanding);
        Assert.Equal(a.Scatter?.Values, b.Scatter?.Values);
        Assert.Equal(a.Scatter?.Npv, b.Scatter?.Npv);
        Assert.Equal(a.Scatter?.Left, b.Scatter?.Left);
        Assert.Equal(a.PercentileErrorBound, b.PercentileErrorBound);
        Assert.Equal(a.ExactPercentilePass, b.ExactPercentilePass);
    }

    [Fact]
    public void Adding_an_unrelated_risk_leaves_the_other_draws_unchanged()
    {
        var before = Parse(RichScenario);
        // The new risk goes first in the register, so every later input moves to a new catalogue position.
        var after = Parse(RichScenario.Replace("risks:\n", """
            risks:
              - id: flood
                probability: 0.4
                year: [1, 3]
                cost: { pert: [10000, 20000, 90000] }
                delay_months: { helpdesk: { uniform: [1, 4] } }

            """, StringComparison.Ordinal));
        Assert.Equal(InputCatalog.Of(before).Count + 4, InputCatalog.Of(after).Count);
        const int n = 10_000; // three blocks of 4,096
        var names = InputCatalog.Of(before).Select(i => i.Name).ToArray();
        var sinkBefore = new Collector(n, before.HorizonYears, names.Select(name => InputIndex(before, name)).ToArray());
        var sinkAfter = new Collector(n, after.HorizonYears, names.Select(name => InputIndex(after, name)).ToArray());
        Simulation.Run(before, new SimulationOptions(n, 123, KeepTrials: n), sinkBefore);
        Simulation.Run(after, new SimulationOptions(n, 123, KeepTrials: n), sinkAfter);
        for (int k = 0; k < names.Length; k++)
        {
            Assert.True(sinkBefore.Inputs[k].AsSpan().SequenceEqual(sinkAfter.Inputs[k]),
                $"{names[k]}: draws changed when an unrelated risk was added");
        }
        // The new risk does change the outcome, so the comparison above is not vacuous.
        Assert.False(sinkBefore.Npv.AsSpan().SequenceEqual(sinkAfter.Npv));
    }
}
