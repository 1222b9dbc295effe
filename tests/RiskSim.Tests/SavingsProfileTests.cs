using System.Text.Json;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Results;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Savings profiles by financial year and the peak funding requirement: by hand on deterministic scenarios, and the
/// peak funding percentiles of a one-input scenario against their closed form.
/// </summary>
public class SavingsProfileTests
{
    // One workstream: £100k a year from go-live at month 12, £150k implementation spread over year 1, no other cost.
    // Gross 0, 100k, 100k, 100k; costs 150k, 0, 0, 0; net −150k, 100k, 100k, 100k; cumulative −150k, −50k, 50k, 150k.
    // Two partners with equal shares: each ledger is half of that, cumulative −75k, −25k, 25k, 75k.
    private const string Deterministic = """
        name: Profile by hand
        start_year: 2015
        horizon_years: 4
        discount_rate: 0
        target: TARGET
        partners:
          - { id: a, share: 0.5, target: PARTNER }
          - { id: b, share: 0.5 }
        workstreams:
          - { id: ict, annual_saving: 100k, go_live_month: 12, implementation_cost: 150k, depends_on: [a, b] }
        """;

    private static RunResult Run(string target, string partnerTarget = "{ cumulative_net_savings: 0, by_year: 4 }", long trials = 1000)
    {
        string yaml = Deterministic.Replace("TARGET", target, StringComparison.Ordinal).Replace("PARTNER", partnerTarget, StringComparison.Ordinal);
        return Simulation.Run(ScenarioReader.Parse(yaml, "profile.yaml"), new SimulationOptions(trials, 7));
    }

    [Fact]
    public void Each_year_of_a_cumulative_profile_has_its_chance_and_reserves_by_hand()
    {
        // Profile −200k, 0, 50k, 200k against cumulative −150k, −50k, 50k, 150k:
        // year 1 met (−150k ≥ −200k), year 2 short by 50k, year 3 met exactly (≥), year 4 short by 50k.
        var result = Run("{ profile: [-200k, 0, 50k, 200k] }");
        var profile = result.Decision.Profile;
        Assert.Equal([1, 2, 3, 4], profile.Select(y => y.Year));
        Assert.Equal([-200_000.0, 0, 50_000, 200_000], profile.Select(y => y.Target));
        Assert.Equal([1.0, 0, 1, 0], profile.Select(y => y.ProbabilityMet));
        Assert.Equal([0.0, 50_000, 0, 50_000], profile.Select(y => y.Reserve80));
        Assert.Equal([0.0, 50_000, 0, 50_000], profile.Select(y => y.Reserve90));
        Assert.Equal([0.0, 50_000, 0, 50_000], profile.Select(y => y.Reserve95));
        Assert.Equal([-150_000.0, -50_000, 50_000, 150_000], profile.Select(y => y.CumulativeP20));

        // The headline target is the profile's last year, so the single-target figures keep their meaning.
        var target = result.Decision.Target!;
        Assert.Equal((200_000.0, 4), (target.CumulativeNetSavings, target.ByYear));
        Assert.Equal(0, result.Decision.ProbabilityTargetMet);
        Assert.Equal(50_000, result.Decision.Reserve90);
    }

    [Fact]
    public void An_annual_profile_gives_the_same_figures_as_its_cumulative_sums()
    {
        var cumulative = Run("{ profile: [-200k, 0, 50k, 200k], basis: cumulative }");
        var annual = Run("{ profile: [-200k, 200k, 50k, 150k], basis: annual }");
        Assert.Equal(cumulative.Decision.Profile, annual.Decision.Profile);
        Assert.Equal(TargetBasis.Annual, annual.Scenario.Target!.Basis);
        Assert.Equal(cumulative.Decision.ProbabilityTargetMet, annual.Decision.ProbabilityTargetMet);
        Assert.Equal(cumulative.Decision.Reserve80, annual.Decision.Reserve80);
    }

    [Fact]
    public void A_partner_profile_is_tested_on_its_own_ledger()
    {
        // Partner a: annual −75k, 50k, 50k, 60k is cumulative −75k, −25k, 25k, 85k against its −75k, −25k, 25k, 75k.
        var result = Run("{ profile: [0, 0, 0, 0] }", "{ profile: [-75k, 50k, 50k, 60k], basis: annual }");
        var a = result.Decision.Partners.Single(p => p.PartnerId == "a");
        Assert.Equal([1.0, 1, 1, 0], a.Profile.Select(y => y.ProbabilityMet));
        Assert.Equal([0.0, 0, 0, 10_000], a.Profile.Select(y => y.Reserve90));
        Assert.Equal(0, a.ProbabilityTargetMet);
        Assert.Equal(85_000, a.Target!.CumulativeNetSavings);
        Assert.Empty(result.Decision.Partners.Single(p => p.PartnerId == "b").Profile);
    }

    [Fact]
    public void Peak_funding_is_the_deepest_cumulative_deficit_by_hand()
    {
        // Programme: the deepest year end is −150k (year 1); each partner's −75k. Every trial needs funding.
        var result = Run("{ cumulative_net_savings: 100k, by_year: 4 }");
        var f = result.Decision.PeakFunding!;
        Assert.Equal((150_000.0, 150_000.0, 150_000.0, 150_000.0, 150_000.0, 1.0), (f.Mean, f.P80, f.P90, f.P95, f.Max, f.ProbabilityNeeded));
        var row = result.Row(MetricNames.PeakFunding);
        Assert.Equal((150_000.0, 150_000.0, 1000L), (row.Min, row.Max, row.Count));
        Assert.All(result.Decision.Partners, p => Assert.Equal(75_000, p.PeakFunding!.P90));
        Assert.Equal(75_000, result.PartnerRow("b", MetricNames.PeakFunding).Mean);
        // A single target keeps the profile empty.
        Assert.Empty(result.Decision.Profile);
    }

    [Fact]
    public void Peak_funding_is_zero_when_cumulative_savings_never_fall_below_zero()
    {
        var scenario = ScenarioReader.Parse("""
            name: No deficit
            horizon_years: 3
            partners: [{ id: a, share: 1 }]
            workstreams: [{ id: w, annual_saving: 100k, depends_on: [a] }]
            """, "none.yaml");
        var f = Simulation.Run(scenario, new SimulationOptions(500, 1)).Decision.PeakFunding!;
        Assert.Equal((0.0, 0.0, 0.0), (f.Mean, f.P95, f.ProbabilityNeeded));
        Assert.False(double.IsNegative(f.Max));
    }

    [Fact]
    public void Peak_funding_percentiles_match_the_closed_form_of_a_uniform_cost()
    {
        // Cost U ~ uniform(100k, 200k) all in year 1 (go-live at month 12), then £300k a year: cumulative −U, then above 0.
        // Peak funding is U: mean 150k, P80 180k, P90 190k, P95 195k. With n = 200,000 the SE of a percentile is
        // √(p(1−p)/n)·100k ≤ 89 and of the mean 28.9k/√n = 65; the tolerance is 5 SE.
        var scenario = ScenarioReader.Parse("""
            name: Uniform cost
            horizon_years: 3
            partners: [{ id: a, share: 1 }]
            workstreams:
              - { id: w, annual_saving: 300k, go_live_month: 12, implementation_cost: { uniform: [100k, 200k] }, depends_on: [a] }
            """, "uniform.yaml");
        var f = Simulation.Run(scenario, new SimulationOptions(200_000, 11)).Decision.PeakFunding!;
        Assert.InRange(f.Mean, 150_000 - 325, 150_000 + 325);
        Assert.InRange(f.P80, 180_000 - 450, 180_000 + 450);
        Assert.InRange(f.P90, 190_000 - 450, 190_000 + 450);
        Assert.InRange(f.P95, 195_000 - 450, 195_000 + 450);
        Assert.Equal(1, f.ProbabilityNeeded);
    }

    [Fact]
    public void Decision_json_and_summary_carry_the_profile_and_peak_funding()
    {
        var result = Run("{ profile: [-200k, 0, 50k, 200k] }", "{ profile: [-75k, 50k, 50k, 60k], basis: annual }");
        string folder = TestPaths.NewTempFolder("profile-json");
        string path = Path.Combine(folder, "decision.json");
        ResultWriters.WriteDecisionJson(result, path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var years = root.GetProperty("profile").EnumerateArray().ToList();
        Assert.Equal(4, years.Count);
        Assert.Equal("2016/17", years[1].GetProperty("year_label").GetString());
        Assert.Equal(0, years[1].GetProperty("p_met").GetDouble());
        Assert.Equal(50_000, years[1].GetProperty("reserve_95").GetDouble());
        Assert.Equal(150_000, root.GetProperty("peak_funding").GetProperty("p90").GetDouble());
        Assert.Equal("cumulative", root.GetProperty("target").GetProperty("basis").GetString());
        var partner = root.GetProperty("partners").GetProperty("a");
        Assert.Equal(10_000, partner.GetProperty("profile")[3].GetProperty("reserve_90").GetDouble());
        Assert.Equal(75_000, partner.GetProperty("peak_funding").GetProperty("p95").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("partners").GetProperty("b").GetProperty("profile").ValueKind);

        string csv = Path.Combine(folder, "summary.csv");
        ResultWriters.WriteSummaryCsv(result, csv);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(ResultWriters.SummaryColumns, lines[0].Split(','));
        Assert.Contains(lines, l => l.StartsWith(",peak_funding,,150000,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("a,peak_funding,,75000,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_console_shows_the_profile_by_financial_year_and_the_peak_funding()
    {
        var result = Run("{ profile: [-200k, 0, 50k, 200k] }", "{ profile: [-75k, 50k, 50k, 60k], basis: annual }");
        string text = Cli.Commands.ConsoleSummary.Render(result, "out", ansi: false);
        Assert.Contains("Savings profile (cumulative net savings)", text, StringComparison.Ordinal);
        Assert.Matches(@"2016/17 +│ +£0 │ +0% │ +£50k │ +£50k │ +£50k │", text);
        Assert.Contains("Peak funding requirement (cash to find before the savings arrive, at year ends): £150k for 80% confidence, "
            + "£150k for 90%, £150k for 95% (mean £150k); some is needed in more than 99.5% of trials.", text, StringComparison.Ordinal);
        Assert.Contains("a: peak funding on its own ledger £75k for 90% confidence (mean £75k).", text, StringComparison.Ordinal);
        Assert.Contains("a, own savings profile: 2015/16 −£75k, more than 99.5% chance, reserve for 90% confidence £0; ", text, StringComparison.Ordinal);
        Assert.Contains("2018/19 £85k, 0% chance, reserve for 90% confidence £10k.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ profile: [1, 2], by_year: 2 }", "target.by_year", "cannot go with 'profile'")]
    [InlineData("{ profile: [1, 2], basis: yearly }", "target.basis", "expected cumulative or annual")]
    [InlineData("{ profile: [1, 2, 3, 4, 5] }", "target.profile", "from 1 to 4 figures")]
    [InlineData("{ profile: [] }", "target.profile", "from 1 to 4 figures")]
    [InlineData("{ profile: [1, lots] }", "target.profile[1]", "expected an amount of money")]
    [InlineData("{ profile: 5 }", "target.profile", "expected a list")]
    public void A_bad_profile_is_reported_with_its_field(string target, string field, string message)
    {
        string yaml = Deterministic.Replace("TARGET", target, StringComparison.Ordinal)
            .Replace("PARTNER", "{ cumulative_net_savings: 0, by_year: 4 }", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(yaml, "bad.yaml"));
        Assert.Contains(e.Errors, x => x.Field == field && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_variant_that_scales_the_target_scales_the_whole_profile()
    {
        var scenario = ScenarioReader.Parse(Deterministic.Replace("TARGET", "{ profile: [10k, 20k, 40k] }", StringComparison.Ordinal)
            .Replace("PARTNER", "{ cumulative_net_savings: 0, by_year: 4 }", StringComparison.Ordinal), "v.yaml");
        var changed = VariantApplier.Apply(scenario, new ScenarioVariant("x", "", [new ScaleChange("target.cumulative_net_savings", 0.5)]));
        Assert.Equal([5_000.0, 10_000, 20_000], changed.Target!.Profile!);
        Assert.Equal((20_000.0, 3), (changed.Target.CumulativeNetSavings, changed.Target.ByYear));
    }
}
