using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Each partner's own ledger on scenarios where every input is fixed, so each figure can be worked out by hand
/// from the allocation rules; the arithmetic is written next to each check, exact to 1e-9 relative.
/// </summary>
public class PartnerLedgerHandTests
{
    private static RunResult Run(string yaml) =>
        Simulation.Run(ScenarioReader.Parse(yaml, "ledger.yaml"), new SimulationOptions(500, 1));

    private static void AssertYears(RunResult result, string? partner, string metric, params double[] expected)
    {
        for (int t = 1; t <= expected.Length; t++)
        {
            var row = partner is null ? result.Row(metric, t) : result.PartnerRow(partner, metric, t);
            string what = $"{partner ?? "programme"} {metric} year {t}";
            Assert.True(row.Min == row.Max, $"{what} should be deterministic");
            double tolerance = 1e-9 * Math.Max(1, Math.Abs(expected[t - 1]));
            Assert.True(Math.Abs(row.Mean - expected[t - 1]) <= tolerance,
                string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected[t - 1]:R}, got {row.Mean:R}"));
        }
    }

    [Fact]
    public void A_forced_exit_mid_year_splits_a_ramp_and_an_implementation_spread_across_it()
    {
        var result = Run("""
            name: exit mid-year
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: a
                share: 0.6
              - id: b
                share: 0.4
                withdrawal: { annual_probability: 1, notice_months: 15, savings_lost: 0.5, exit_cost: 10000 }
            workstreams:
              - id: ict
                annual_saving: 120000
                go_live_month: 6
                ramp_months: 12
                depends_on: [b]
                allocation: { savings: shares, costs: equal }
              - id: hr
                annual_saving: 0
                go_live_month: 18
                implementation_cost: 90000
                depends_on: []
                allocation: { costs: equal }
            """);
        // b gives notice at 0 and leaves at 15/12 = 1.25. ict: S = 120000, go-live 0.5, ramp to 1.5, halved from 1.25.
        // Year 1, [0.5, 1): S·0.5²/2 = 15000, before the exit: a 60% = 9000, b 40% = 6000.
        // Year 2, [1, 1.25): S·(0.75² − 0.5²)/2 = 18750 (a 11250, b 7500); [1.25, 1.5): 0.5·S·(1 − 0.75²)/2 = 13125
        // and [1.5, 2): 0.5·S·0.5 = 30000, both all to a (b has left): a 54375, b 7500, programme 61875.
        // Year 3: 0.5·S = 60000, all to a.
        AssertYears(result, null, MetricNames.GrossSavings, 15_000, 61_875, 60_000);
        AssertYears(result, "a", MetricNames.GrossSavings, 9_000, 54_375, 60_000);
        AssertYears(result, "b", MetricNames.GrossSavings, 6_000, 7_500, 0);
        // hr: 90000 over [0, 1.5) = 60000 a year, split equally while both are in: year 1 30000 each;
        // year 2 [1, 1.25) 7500 each, [1.25, 1.5) 15000 to a. b's exit cost 10000 at 1.25, paid by b (the leaver).
        AssertYears(result, null, MetricNames.Costs, 60_000, 40_000, 0);
        AssertYears(result, "a", MetricNames.Costs, 30_000, 22_500, 0);
        AssertYears(result, "b", MetricNames.Costs, 30_000, 17_500, 0);
        AssertYears(result, "a", MetricNames.CumulativeNetSavings, -21_000, 10_875, 70_875);
        AssertYears(result, "b", MetricNames.CumulativeNetSavings, -24_000, -34_000, -34_000);
        var b = result.Decision.Partners.Single(p => p.PartnerId == "b");
        Assert.Equal(0, b.ProbabilityOfPayback);
        Assert.Equal(1, b.ProbabilityNpvNegative);
    }

    [Fact]
    public void Redundancy_falls_on_the_partner_its_key_names()
    {
        var result = Run("""
            name: redundancy on one partner
            horizon_years: 2
            discount_rate: 0
            partners: [{ id: a, share: 0.5 }, { id: b, share: 0.5 }]
            workstreams:
              - id: ict
                annual_saving: 100000
                go_live_month: 6
                delay_months: 0
                delay_cost_per_month: 1000
                implementation_cost: 20000
                redundancy: { headcount: 2, cost_per_head: 30000 }
                allocation: { costs: equal, redundancy: b }
            """);
        // Implementation 20000 over [0, 0.5) split equally; redundancy 2 · 30000 = 60000 at go-live, all to b.
        AssertYears(result, "a", MetricNames.Costs, 10_000, 0);
        AssertYears(result, "b", MetricNames.Costs, 70_000, 0);
        // Savings by share (the default): year 1 half a year of 100000.
        AssertYears(result, "a", MetricNames.GrossSavings, 25_000, 50_000);
        AssertYears(result, "b", MetricNames.GrossSavings, 25_000, 50_000);
    }

    [Fact]
    public void An_exit_cost_paid_by_the_remaining_partners_is_divided_by_their_shares()
    {
        var result = Run("""
            name: remaining pay
            horizon_years: 2
            discount_rate: 0
            partners:
              - { id: a, share: 0.5 }
              - { id: b, share: 0.3 }
              - id: c
                share: 0.2
                withdrawal: { annual_probability: 1, notice_months: 6, savings_lost: 0, exit_cost: 10000, exit_cost_paid_by: remaining }
            workstreams:
              - { id: ict, annual_saving: 0 }
            risks:
              - { id: licence, probability: 1, year: 2, cost: 8000, allocation: { costs: { a: 1, c: 1 } } }
            """);
        // c leaves at 0.5; its exit cost 10000 is divided between a and b by share: 10000 · 0.5/0.8 = 6250, 3750.
        // The licence cost 8000 falls at the start of year 2 (τ = 1), when c has left: all to a, the only weighted partner in.
        AssertYears(result, "a", MetricNames.Costs, 6_250, 8_000);
        AssertYears(result, "b", MetricNames.Costs, 3_750, 0);
        AssertYears(result, "c", MetricNames.Costs, 0, 0);
    }

    [Fact]
    public void When_every_weighted_partner_has_left_a_flow_is_divided_by_the_weights_as_written()
    {
        var result = Run("""
            name: fallback
            horizon_years: 2
            discount_rate: 0
            partners:
              - { id: a, share: 0.5 }
              - id: b
                share: 0.5
                withdrawal: { annual_probability: 1, notice_months: 6, savings_lost: 0 }
            workstreams:
              - { id: ict, annual_saving: 100000, depends_on: [], allocation: { savings: b } }
            """);
        // b leaves at 0.5, but no other partner has a weight in the savings key: b keeps every saving.
        AssertYears(result, "a", MetricNames.GrossSavings, 0, 0);
        AssertYears(result, "b", MetricNames.GrossSavings, 100_000, 100_000);
    }

    [Fact]
    public void A_weight_map_gives_the_same_ledgers_as_its_normalised_form()
    {
        const string template = """
            name: weights
            horizon_years: 4
            target: { cumulative_net_savings: 100000, by_year: 3 }
            partners:
              - { id: county, share: 0.5, target: { cumulative_net_savings: 60000, by_year: 3 } }
              - id: city
                share: 0.5
                withdrawal: { annual_probability: 0.2, notice_months: 6, exit_cost: { uniform: [1000, 5000] } }
            workstreams:
              - id: ict
                annual_saving: { pert: [50000, 80000, 90000] }
                go_live_month: 6
                ramp_months: 12
                implementation_cost: { uniform: [20000, 40000] }
                allocation: { savings: WEIGHTS, costs: equal }
            """;
        var raw = Run(template.Replace("WEIGHTS", "{ county: 566000, city: 98000 }", StringComparison.Ordinal));
        var normalised = Run(template.Replace("WEIGHTS", "{ county: 0.8524096385542169, city: 0.14759036144578314 }", StringComparison.Ordinal));
        foreach (var (a, b) in raw.Summary.Zip(normalised.Summary))
        {
            Assert.Equal((a.Partner, a.Metric, a.Year), (b.Partner, b.Metric, b.Year));
            Assert.True(Math.Abs(a.Mean - b.Mean) <= 1e-9 * Math.Max(1, Math.Abs(a.Mean)), $"{a.Partner} {a.Metric} {a.Year}: {a.Mean} vs {b.Mean}");
            Assert.True(Math.Abs(a.P50 - b.P50) <= 1e-9 * Math.Max(1, Math.Abs(a.P50)), $"{a.Partner} {a.Metric} {a.Year} p50");
        }
        var county = raw.Decision.Partners.Single(p => p.PartnerId == "county");
        Assert.NotNull(county.ProbabilityTargetMet);
        Assert.NotNull(county.Reserve90);
        Assert.Null(raw.Decision.Partners.Single(p => p.PartnerId == "city").ProbabilityTargetMet);
    }

    [Theory]
    [InlineData("allocation: { savings: town }", "workstreams[ict].allocation.savings", "no partner with id 'town'")]
    [InlineData("allocation: { savings: { a: 0, b: 0 } }", "workstreams[ict].allocation.savings", "all zero")]
    [InlineData("allocation: { costs: { a: -1, b: 2 } }", "workstreams[ict].allocation.costs.a", "must not be negative")]
    [InlineData("allocation: { savings: sharez }", "workstreams[ict].allocation.savings", "did you mean 'shares'")]
    [InlineData("allocation: { profits: equal }", "workstreams[ict].allocation.profits", "unknown key")]
    public void A_bad_allocation_key_is_an_error_with_its_line_and_field(string allocation, string field, string message)
    {
        string yaml = $"""
            name: keys
            horizon_years: 2
            partners: [{"{"} id: a, share: 0.5 {"}"}, {"{"} id: b, share: 0.5 {"}"}]
            workstreams:
              - id: ict
                annual_saving: 1000
                {allocation}
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(yaml, "keys.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(7, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shares")]
    [InlineData("equal")]
    public void A_partner_cannot_be_named_after_a_key(string id)
    {
        string yaml = $"name: k\nhorizon_years: 2\npartners: [{{ id: {id}, share: 0.5 }}, {{ id: b, share: 0.5 }}]\nworkstreams: [{{ id: ict, annual_saving: 1 }}]\n";
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(yaml, "k.yaml"));
        Assert.Contains(e.Errors, x => x.Field == $"partners[{id}].id" && x.Message.Contains("names an allocation key", StringComparison.Ordinal));
    }

    [Fact]
    public void Exit_cost_paid_by_takes_leaver_or_remaining()
    {
        const string yaml = """
            name: payer
            horizon_years: 2
            partners:
              - { id: a, share: 0.5 }
              - { id: b, share: 0.5, withdrawal: { annual_probability: 0.1, exit_cost_paid_by: others } }
            workstreams: [{ id: ict, annual_saving: 1000 }]
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(yaml, "payer.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("partners[b].withdrawal.exit_cost_paid_by", 5), (error.Field, error.Line));
    }
}

/// <summary>A variant that removes a partner takes it off every partner's ledger.</summary>
public class RemovedPartnerLedgerTests
{
    [Fact]
    public void A_removed_partner_has_weight_0_in_every_key_and_a_key_that_named_only_it_falls_back_to_shares()
    {
        var scenario = ScenarioReader.Parse("""
            name: remove
            horizon_years: 2
            discount_rate: 0
            partners:
              - { id: a, share: 0.5 }
              - { id: b, share: 0.3 }
              - { id: c, share: 0.2, target: { cumulative_net_savings: 1000, by_year: 2 } }
            workstreams:
              - { id: ict, annual_saving: 100000, depends_on: [], allocation: { savings: { a: 1, c: 1 }, costs: c }, implementation_cost: 8000 }
            variants:
              - { name: no-c, remove_partner: c }
            """, "remove.yaml");
        var variant = VariantApplier.Apply(scenario, scenario.Variants.Single());
        var result = Simulation.Run(variant, new SimulationOptions(200, 1));
        // Savings: c's weight is 0, so a receives everything its key gives; costs named only c: by share among a and b.
        Assert.Equal(100_000, result.PartnerRow("a", MetricNames.GrossSavings, 1).Mean, 6);
        Assert.Equal(0, result.PartnerRow("c", MetricNames.GrossSavings, 1).Mean);
        Assert.Equal(8_000 * 0.5 / 0.8, result.PartnerRow("a", MetricNames.Costs, 1).Mean, 6);
        Assert.Equal(8_000 * 0.3 / 0.8, result.PartnerRow("b", MetricNames.Costs, 1).Mean, 6);
        Assert.Equal(0, result.PartnerRow("c", MetricNames.Costs, 1).Mean);
        // Its own target goes with it: no "0% chance" for a council that is not in the partnership.
        Assert.Null(result.Decision.Partners.Single(p => p.PartnerId == "c").Target);
        Assert.NotNull(scenario.Partners.Single(p => p.Id == "c").Target);
    }
}
