using System.Globalization;
using System.Text.Json;
using RiskSim.Cli;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Results;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The value of mitigating a risk: worked out by hand on deterministic scenarios, checked within the Monte Carlo
/// standard error on a random one, and the pairing of the mitigated case with the base on common random numbers.
/// </summary>
public class MitigationTests
{
    private static RunResult Run(string yaml, long trials = 2_000, ulong seed = 1, int threads = 0) =>
        Simulation.Run(ScenarioReader.Parse(yaml, "mitigation.yaml"), new SimulationOptions(trials, seed, threads));

    private static void AssertClose(double expected, double actual, string what, double tolerance = 1e-6)
    {
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R}"));
    }

    // One council saving £500k a year from the start over 4 years at 3.5%; a risk that always happens in year 2 and
    // costs £100k, which a £30k action removes entirely. A second risk happens half the time in year 1 at £50k.
    private const string Certain = """
        name: certain risk removed
        horizon_years: 4
        discount_rate: 0.035
        target: { cumulative_net_savings: 1.9m, by_year: 4 }
        partners:
          - id: council
            share: 1
        workstreams:
          - id: ops
            annual_saving: 500k
        risks:
          - id: dispute
            name: TUPE dispute
            probability: 1
            year: 2
            cost: 100k
            mitigation: { action: "Early consultation", cost: 30k, probability: 0 }
          - id: outage
            name: Outage
            probability: 0.5
            year: 1
            cost: 50k
        """;

    [Fact]
    public void A_scenario_with_its_own_impact_bands_rates_each_risk_by_them()
    {
        // The dispute costs £100k in year 2 (NPV lost £100k / 1.035 = £96,618), the outage £50k in year 1 (£50k). By
        // default the edges are 1%, 5%, 10%, 20% of the £1.9m target (19k, 95k, 190k, 380k): impacts 3 and 2. The
        // council's own edges put them in 4 (96k ≤ £96,618 < 200k) and 3 (a loss at the 50k edge goes up).
        var byDefault = Run(Certain).RiskRegister!;
        Assert.Equal(new[] { 19_000.0, 95_000, 190_000, 380_000 }, byDefault.ImpactBandEdges.Select(e => Math.Round(e, 6)));
        Assert.Equal([3, 2], byDefault.Risks.Select(r => r.Before.Impact));

        var own = Run(Certain.Replace("horizon_years: 4\n", "horizon_years: 4\nrisk_matrix: { impact_bands: [25k, 50k, 96k, 200k] }\n",
            StringComparison.Ordinal)).RiskRegister!;
        Assert.Equal(new[] { 25_000.0, 50_000, 96_000, 200_000 }, own.ImpactBandEdges);
        Assert.Equal(RiskMatrixBands.StatedInScenario, own.ImpactReferenceName);
        AssertClose(100_000 / 1.035, own.Risks[0].MeanImpact, "dispute's mean NPV lost");
        Assert.Equal([4, 3], own.Risks.Select(r => r.Before.Impact));
        // Likelihoods are unchanged: certain (5) and even (4).
        Assert.Equal([5, 4], own.Risks.Select(r => r.Before.Likelihood));
    }

    [Fact]
    public void A_certain_risk_removed_at_a_fixed_cost_has_the_value_worked_out_by_hand()
    {
        var result = Run(Certain);
        var register = result.RiskRegister!;
        var summary = register.Mitigation!;
        var value = Assert.Single(summary.Each);
        Assert.Equal("dispute", value.RiskId);
        Assert.Equal(2_000, summary.Trials);
        // The dispute's £100k falls in year 2, discounted by 1/1.035: removing it raises every trial's NPV by that.
        double avoided = 100_000 / 1.035;
        AssertClose(avoided, value.MeanNpvChange, "mean NPV change");
        // Every paired difference is the same, so the interval has no width.
        AssertClose(avoided, value.MeanNpvChangeLow, "mean NPV change, low");
        AssertClose(avoided, value.MeanNpvChangeHigh, "mean NPV change, high");
        AssertClose(avoided - 30_000, value.NetValue, "net value");
        AssertClose(100_000, value.ExpectedCostBefore, "expected cost before");
        AssertClose(0, value.ExpectedCostAfter, "expected cost after");
        // Cumulative by year 4: 2m − 100k − (50k when the outage happens). P10 of the base: the outage's trials, 1.85m;
        // mitigated: 2m − 30k − 50k = 1.92m, above the 1.9m target, so the reserve falls from 50k to 0 (the outage
        // happens in well over 10% of trials, so P10 is in its trials either way).
        AssertClose(-50_000, value.Reserve90Change!.Value, "reserve change");
        AssertClose(-50_000, value.Reserve90ChangeLow!.Value, "reserve change, low", 1e-9);
        AssertClose(-50_000, value.Reserve90ChangeHigh!.Value, "reserve change, high", 1e-9);
        // With one mitigation, "all together" is the same case.
        AssertClose(value.MeanNpvChange, summary.All.MeanNpvChange, "all together");
        Assert.Equal(30_000, summary.All.Cost);

        var dispute = register.Risks[0];
        Assert.Equal(1, dispute.Frequency);
        AssertClose(100_000, dispute.ExpectedCost, "expected cost");
        AssertClose(100_000, dispute.P90CostIfOccurs!.Value, "P90 cost");
        Assert.Null(dispute.Swing);                     // it happens in every trial: nothing to compare
        Assert.Equal(0, dispute.VarianceShare);
        AssertClose(avoided, dispute.MeanImpact, "mean impact");
        // Likelihood 5 (above 80%); impact £96.6k against the £1.9m target: 5.1%, band 3 (5–10%): score 15, red.
        Assert.Equal(new RiskRating(5, 3), dispute.Before);
        Assert.Equal(Rag.Red, dispute.Before.Rag);
        // Mitigated: never happens (likelihood 1) with the same impact when it would: score 3, green.
        Assert.Equal(new RiskRating(1, 3), dispute.After);
        Assert.Equal(Rag.Green, dispute.After!.Rag);
        Assert.Equal(value, dispute.Mitigation);

        var outage = register.Risks[1];
        // NPV differs by exactly the outage's £50k (year 1, not discounted) between its trials and the others, and
        // nothing else varies: the swing is −£50k and the outage explains the whole variance of NPV.
        AssertClose(-50_000, outage.Swing!.Value, "swing");
        AssertClose(1, outage.VarianceShare, "variance share");
        AssertClose(50_000, outage.MeanImpact, "outage impact");
        AssertClose(outage.Frequency * 50_000, outage.ExpectedCost, "outage expected cost", 0.02);
        Assert.Null(outage.Mitigation);
        Assert.Null(outage.After);
    }

    [Fact]
    public void Halving_a_risks_probability_saves_half_its_expected_cost_within_the_standard_error()
    {
        var result = Run("""
            name: halving
            horizon_years: 3
            discount_rate: 0.035
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ops
                annual_saving: { pert: [300k, 400k, 600k] }
            risks:
              - id: fire
                probability: 0.4
                year: 1
                cost: { uniform: [50k, 150k] }
                mitigation: { action: "Sprinklers", cost: 5k, probability: 0.2 }
            """, trials: 100_000, seed: 5);
        var value = Assert.Single(result.RiskRegister!.Mitigation!.Each);
        // The cost falls in year 1 (discount factor 1): E[change] = (0.4 − 0.2) × E[cost] = 0.2 × 100k = 20k.
        double se = (value.MeanNpvChangeHigh - value.MeanNpvChangeLow) / (2 * 1.959963984540054);
        Assert.True(se > 0);
        Assert.True(Math.Abs(value.MeanNpvChange - 20_000) <= 5 * se,
            string.Create(CultureInfo.InvariantCulture, $"mean NPV change {value.MeanNpvChange:R}, expected 20000 ± 5 × {se:R}"));
        AssertClose(15_000, value.NetValue, "net value", 5 * se / 15_000);
        // Expected costs: 0.4 × 100k and 0.2 × 100k. sd of cost × occurrence: E[X²] = p(100k² + 100k²/12).
        foreach (var (p, actual) in new[] { (0.4, value.ExpectedCostBefore), (0.2, value.ExpectedCostAfter) })
        {
            double mean = p * 100_000;
            double sd = Math.Sqrt(p * (100_000.0 * 100_000 + 100_000.0 * 100_000 / 12) - mean * mean);
            Assert.True(Math.Abs(actual - mean) <= 5 * sd / Math.Sqrt(100_000),
                string.Create(CultureInfo.InvariantCulture, $"expected cost at p {p}: {actual:R}, expected {mean:R}"));
        }
        // No target: no reserve.
        Assert.Null(value.Reserve90Change);
    }

    private const string Paired = """
        name: paired
        horizon_years: 5
        discount_rate: 0.035
        target: { cumulative_net_savings: 800k, by_year: 4 }
        partners:
          - id: county
            share: 0.6
            withdrawal: { annual_probability: 0.05, notice_months: 12, savings_lost: 0.4 }
          - id: city
            share: 0.4
        workstreams:
          - id: ict
            annual_saving: { pert: [200k, 300k, 450k] }
            go_live_month: 6
            delay_months: { triangular: [0, 2, 8] }
            implementation_cost: { pert: [200k, 250k, 400k] }
            delay_cost_per_month: 10k
            depends_on: [county, city]
        risks:
          - id: tupe
            name: TUPE dispute
            probability: 0.3
            year: [1, 2]
            cost: { pert: [20k, 60k, 150k] }
            delay_months: { ict: { triangular: [1, 3, 6] } }
            mitigation: { action: "Consultation", cost: 15k, probability: 0.1, cost_after: { pert: [10k, 30k, 80k] }, delay_after: 1 }
          - id: licence
            probability: 0.25
            year: [1, 3]
            cost: { uniform: [20k, 80k] }
            mitigation: { action: "Negotiate early", cost: 5k, probability: 0.2 }
        correlations:
          - between: [ict.annual_saving, ict.delay_months]
            rank: -0.4
        """;

    [Fact]
    public void The_mitigated_case_is_paired_with_the_base_on_common_random_numbers()
    {
        var scenario = ScenarioReader.Parse(Paired, "paired.yaml");
        var options = new SimulationOptions(20_000, 9);
        var before = RiskRegisterAnalysis.Pass(scenario, 20_000, options, 4, [0], CancellationToken.None);
        var mitigated = scenario with
        {
            Risks = [RiskRegisterAnalysis.Mitigated(scenario.Risks[0]), scenario.Risks[1]],
        };
        var after = RiskRegisterAnalysis.Pass(mitigated, 20_000, options, 4, [0], CancellationToken.None);
        int unchanged = 0, changed = 0;
        for (int i = 0; i < 20_000; i++)
        {
            // Lower probability: it occurs after only where it occurred before.
            Assert.True(!after.Occurred[0][i] || before.Occurred[0][i], $"trial {i}: occurs once mitigated but not before");
            if (!before.Occurred[0][i])
            {
                // Where it did not occur, the trial is exactly the same, to the bit.
                Assert.Equal(before.Npv[i], after.Npv[i]);
                Assert.Equal(before.Cumulative[i], after.Cumulative[i]);
                unchanged++;
            }
            else if (before.Npv[i] != after.Npv[i])
            {
                changed++;
            }
        }
        // About 70% of trials never see the risk; in the others its lower cost and delay change the NPV.
        Assert.InRange(unchanged, 13_000, 15_000);
        Assert.True(changed > 5_000, $"only {changed} trials changed");
        // The pass is the run's own trials: the base pass's NPV matches the run's first trials (trials.parquet's npv).
        var run = Simulation.Run(scenario, options with { PairedTrials = 20_000 });
        Assert.Equal(run.PairedNpv, before.Npv);
    }

    [Fact]
    public void The_register_and_mitigation_values_do_not_depend_on_the_thread_count()
    {
        var one = Run(Paired, trials: 30_000, seed: 3, threads: 1).RiskRegister!;
        var two = Run(Paired, trials: 30_000, seed: 3, threads: 2).RiskRegister!;
        Assert.Equal(one.Risks, two.Risks);
        Assert.Equal(one.Mitigation!.Each, two.Mitigation!.Each);
        Assert.Equal(one.Mitigation.All, two.Mitigation.All);
        // Sorted by net value, largest first.
        Assert.True(one.Mitigation.Each[0].NetValue >= one.Mitigation.Each[1].NetValue);
    }

    [Fact]
    public void A_run_writes_risks_csv_and_the_mitigation_section_of_decision_json()
    {
        string folder = TestPaths.NewTempFolder("mitigation-run");
        try
        {
            string scenario = Path.Combine(folder, "certain.yaml");
            File.WriteAllText(scenario, Certain);
            string output = Path.Combine(folder, "out");
            var outcome = RunCommandTests.Run(scenario, output, 4_000, seed: 2, quiet: false);
            Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
            Assert.Contains("Best mitigation: Mitigating TUPE dispute (cost £30k) lowers the 90% reserve by £50k and raises mean NPV by £96.6k: worth £66.6k net.",
                outcome.Stdout, StringComparison.Ordinal);

            var lines = File.ReadAllLines(Path.Combine(output, "risks.csv"));
            Assert.Equal(string.Join(',', RiskRegisterWriters.RisksColumns), lines[0]);
            Assert.Equal(3, lines.Length);
            var dispute = lines[1].Split(',');
            var row = RiskRegisterWriters.RisksColumns.Zip(dispute).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal("dispute", row["id"]);
            Assert.Equal("TUPE dispute", row["title"]);
            Assert.Equal("1", row["realised_frequency"]);
            Assert.Equal("100000", row["expected_cost"]);
            Assert.Equal("100000", row["p90_cost_if_occurs"]);
            Assert.Equal("0", row["npv_variance_share"]);
            Assert.Equal("", row["npv_swing"]);
            Assert.Equal("red", row["rag_before"]);
            Assert.Equal("green", row["rag_after"]);
            Assert.Equal("30000", row["mitigation_cost"]);
            AssertClose(100_000 / 1.035 - 30_000, double.Parse(row["mitigation_net_value"], CultureInfo.InvariantCulture), "net value");
            var outage = RiskRegisterWriters.RisksColumns.Zip(lines[2].Split(',')).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal("outage", outage["id"]);
            AssertClose(-50_000, double.Parse(outage["npv_swing"], CultureInfo.InvariantCulture), "swing");
            Assert.Equal("", outage["rag_after"]);
            Assert.Equal("", outage["mitigation_net_value"]);

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "decision.json")));
            var mitigation = json.RootElement.GetProperty("mitigation");
            Assert.Equal(4_000, mitigation.GetProperty("trials").GetInt64());
            var first = mitigation.GetProperty("risks")[0];
            Assert.Equal("dispute", first.GetProperty("risk").GetString());
            AssertClose(100_000 / 1.035, first.GetProperty("mean_npv_change").GetDouble(), "json mean NPV change");
            AssertClose(-50_000, first.GetProperty("reserve_90_change").GetDouble(), "json reserve change");
            Assert.Equal(2, first.GetProperty("net_value_95").GetArrayLength());
            Assert.Equal("all", mitigation.GetProperty("all").GetProperty("risk").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_scenario_without_mitigations_has_no_mitigation_section()
    {
        var result = Run(Certain.Replace("    mitigation: { action: \"Early consultation\", cost: 30k, probability: 0 }\n", "", StringComparison.Ordinal));
        Assert.Null(result.RiskRegister!.Mitigation);
        Assert.Equal(2, result.RiskRegister.Risks.Count);
    }

    [Theory]
    [InlineData("{ action: x, cost: 30k, probability: 1.5 }", "risks[dispute].mitigation.probability", "a probability within [0, 1]")]
    [InlineData("{ action: x, cost: -5k, probability: 0.1 }", "risks[dispute].mitigation.cost", "cannot be negative")]
    [InlineData("{ action: x, cost: 5k }", "risks[dispute].mitigation.probability", "'probability' is required")]
    [InlineData("{ action: x, cost: 5k, probability: 0.1, delay_after: 2 }", "risks[dispute].mitigation.delay_after", "delays no workstream")]
    [InlineData("{ action: x, cost: 5k, probability: 0.1, cost_after: { pert: [3, 2, 1] } }", "risks[dispute].mitigation.cost_after.pert", "min <= mode <= max")]
    [InlineData("{ action: x, cost: 5k, probability: 0.1, costs_after: 1 }", "risks[dispute].mitigation.costs_after", "unknown key")]
    public void A_bad_mitigation_is_reported_at_its_field(string mitigation, string field, string message)
    {
        string text = Certain.Replace("{ action: \"Early consultation\", cost: 30k, probability: 0 }", mitigation, StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, "bad.yaml"));
        Assert.Contains(error.Errors, e => e.Line == 17 && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_mitigation_is_read_with_its_cost_after_and_delay_after()
    {
        var scenario = ScenarioReader.Parse(Paired, "paired.yaml");
        var m = scenario.Risks[0].Mitigation!;
        Assert.Equal("Consultation", m.Action);
        Assert.Equal(15_000, m.Cost);
        Assert.Equal(0.1, m.Probability);
        Assert.Equal(new PertDistribution(10_000, 30_000, 80_000).Mean, m.CostAfter!.Mean);
        Assert.Equal(1, m.DelayAfter!.Mean);
        Assert.Null(scenario.Risks[1].Mitigation!.CostAfter);
    }
}
