using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>Stress variants change exactly what they say, and pair trial by trial with their base.</summary>
public class VariantTests
{
    private const string Base = """
        name: Variant base
        start_year: 2025
        horizon_years: 5
        target: { cumulative_net_savings: 300000, by_year: 4 }
        partners:
          - { id: county, share: 0.6, withdrawal: { annual_probability: 0.05, notice_months: 12, exit_cost: { pert: [10000, 20000, 60000] } } }
          - { id: city, share: 0.4, withdrawal: { annual_probability: 0.1, notice_months: 6 } }
        workstreams:
          - id: ict
            annual_saving: { pert: [100000, 150000, 180000] }
            go_live_month: 6
            delay_months: { triangular: [0, 2, 9] }
            ramp_months: 12
            implementation_cost: { pert: [50000, 80000, 150000] }
            delay_cost_per_month: 2000
            redundancy: { headcount: 3, cost_per_head: 30000 }
          - id: hr
            annual_saving: { uniform: [40000, 60000] }
            go_live_month: 12
            implementation_cost: 20000
            depends_on: [county]
        risks:
          - { id: tupe, probability: 0.2, year: [1, 2], cost: { uniform: [10000, 50000] }, delay_months: { ict: { uniform: [1, 3] } } }
        correlations:
          - { between: [ict.annual_saving, ict.delay_months], rank: -0.3 }
        variants:
          - { name: late-ict, set: { ict.delay_months: { triangular: [3, 6, 18] } } }
          - { name: savings-haircut, scale: { "*.annual_saving": 0.8 } }
          - { name: partner-risk-doubled, scale: { "*.withdrawal.annual_probability": 2 } }
          - { name: no-city, remove_partner: city }
          - { name: optimism-bias, optimism_bias: { implementation_cost: 0.3, delay_months: 0.25, annual_saving: -0.2 } }
          - { name: later-hr, set: { hr.go_live_month: 18, tupe.probability: 0.5 } }
        """;

    private static Scenario Scenario() => ScenarioReader.Parse(Base, "base.yaml");

    private static Scenario VariantOf(string name)
    {
        var s = Scenario();
        return VariantApplier.Apply(s, s.Variants.Single(v => v.Name == name));
    }

    [Fact]
    public void Every_declared_variant_is_read()
    {
        Assert.Equal(["late-ict", "savings-haircut", "partner-risk-doubled", "no-city", "optimism-bias", "later-hr"],
            Scenario().Variants.Select(v => v.Name));
    }

    [Fact]
    public void Set_replaces_only_the_named_distribution()
    {
        var b = Scenario();
        var v = VariantOf("late-ict");
        var delay = Assert.IsType<TriangularDistribution>(v.Workstreams[0].DelayMonths);
        Assert.Equal((3.0, 6.0, 18.0), (delay.Min, delay.Mode, delay.Max));
        Assert.Same(b.Workstreams[0].AnnualSaving.GetType(), v.Workstreams[0].AnnualSaving.GetType());
        Assert.Equal(b.Workstreams[0].AnnualSaving.Mean, v.Workstreams[0].AnnualSaving.Mean);
        Assert.Equal(b.Workstreams[1].DelayMonths.Mean, v.Workstreams[1].DelayMonths.Mean);
    }

    [Fact]
    public void Set_changes_plain_numbers_of_workstreams_and_risks()
    {
        var v = VariantOf("later-hr");
        Assert.Equal(18, v.Workstreams[1].GoLiveMonth);
        Assert.Equal(6, v.Workstreams[0].GoLiveMonth);
        Assert.Equal(0.5, v.Risks[0].Probability);
    }

    [Fact]
    public void Scale_with_a_wildcard_multiplies_every_matching_input()
    {
        var b = Scenario();
        var v = VariantOf("savings-haircut");
        for (int w = 0; w < b.Workstreams.Count; w++)
        {
            Assert.Equal(0.8 * b.Workstreams[w].AnnualSaving.Mean, v.Workstreams[w].AnnualSaving.Mean, 1e-9);
            Assert.Equal(b.Workstreams[w].ImplementationCost.Mean, v.Workstreams[w].ImplementationCost.Mean);
        }
    }

    [Fact]
    public void Scaling_withdrawal_probability_doubles_each_partners_annual_probability()
    {
        var v = VariantOf("partner-risk-doubled");
        Assert.Equal(0.1, v.Partners[0].Withdrawal!.AnnualProbability, 12);
        Assert.Equal(0.2, v.Partners[1].Withdrawal!.AnnualProbability, 12);
    }

    [Fact]
    public void Removing_a_partner_takes_its_share_of_dependent_savings_from_the_start()
    {
        var v = VariantOf("no-city");
        var city = v.Partners.Single(p => p.Id == "city");
        Assert.Equal(1, city.Withdrawal!.AnnualProbability);
        Assert.Equal(0, city.Withdrawal.NoticeMonths);
        Assert.Equal(0.4, city.Withdrawal.SavingsLost.Mean);
        Assert.Equal(0, city.Withdrawal.ExitCost.Mean);
        var result = Simulation.Run(v, new SimulationOptions(20_000, 3));
        Assert.Equal(1, result.Decision.PartnerExits.Single(p => p.PartnerId == "city").ProbabilityOfExit);
    }

    [Fact]
    public void Optimism_bias_uplifts_costs_and_delays_and_cuts_savings()
    {
        var b = Scenario();
        var v = VariantOf("optimism-bias");
        Assert.Equal(1.3 * b.Workstreams[0].ImplementationCost.Mean, v.Workstreams[0].ImplementationCost.Mean, 1e-6);
        Assert.Equal(1.3 * 20000, v.Workstreams[1].ImplementationCost.Mean, 1e-6);
        Assert.Equal(1.25 * b.Workstreams[0].DelayMonths.Mean, v.Workstreams[0].DelayMonths.Mean, 1e-9);
        Assert.Equal(0.8 * b.Workstreams[0].AnnualSaving.Mean, v.Workstreams[0].AnnualSaving.Mean, 1e-6);
        Assert.Equal(1.25 * b.Risks[0].Delays[0].Months.Mean, v.Risks[0].Delays[0].Months.Mean, 1e-9);
        // delay_months is the slip only: the planned go-live stays.
        Assert.Equal(b.Workstreams[0].GoLiveMonth, v.Workstreams[0].GoLiveMonth);
    }

    [Theory]
    [InlineData("upper", 0.0, 0.54, 2.00)]
    [InlineData("upper", 0.4, 0.54 * 0.6, 2.00 * 0.6)]
    [InlineData("lower", 0.0, 0.10, 0.10)]
    public void A_Green_Book_category_stretches_the_time_to_go_live_and_uplifts_implementation_cost(
        string bound, double mitigation, double duration, double capital)
    {
        string text = Base[..Base.IndexOf("variants:", StringComparison.Ordinal)] + "variants:\n  - { name: ob, optimism_bias: "
            + $"{{ category: equipment_development, bound: {bound}, mitigation: {mitigation.ToString(System.Globalization.CultureInfo.InvariantCulture)}, annual_saving: -0.1 }} }}\n";
        var b = ScenarioReader.Parse(text, "v.yaml");
        var v = VariantApplier.Apply(b, b.Variants.Single());
        // Duration: the planned go-live month and every slip (own delay and the risk's extra delay) grow by it.
        Assert.Equal(6 * (1 + duration), v.Workstreams[0].GoLiveMonth, 1e-9);
        Assert.Equal(12 * (1 + duration), v.Workstreams[1].GoLiveMonth, 1e-9);
        Assert.Equal((1 + duration) * b.Workstreams[0].DelayMonths.Mean, v.Workstreams[0].DelayMonths.Mean, 1e-9);
        Assert.Equal((1 + duration) * b.Risks[0].Delays[0].Months.Mean, v.Risks[0].Delays[0].Months.Mean, 1e-9);
        // Capital: implementation costs.
        Assert.Equal((1 + capital) * b.Workstreams[0].ImplementationCost.Mean, v.Workstreams[0].ImplementationCost.Mean, 1e-6);
        Assert.Equal((1 + capital) * 20000, v.Workstreams[1].ImplementationCost.Mean, 1e-6);
        // The benefits haircut is the user's own figure, applied as written.
        Assert.Equal(0.9 * b.Workstreams[0].AnnualSaving.Mean, v.Workstreams[0].AnnualSaving.Mean, 1e-6);
        // The ramp and exit costs are not part of the guidance's uplifts.
        Assert.Equal(b.Workstreams[0].RampMonths, v.Workstreams[0].RampMonths);
        Assert.Equal(b.Partners[0].Withdrawal!.ExitCost.Mean, v.Partners[0].Withdrawal!.ExitCost.Mean, 1e-9);
    }

    [Fact]
    public void Optimism_bias_on_exit_costs_reaches_partners_withdrawal_exit_cost()
    {
        string text = Base[..Base.IndexOf("variants:", StringComparison.Ordinal)]
            + "variants:\n  - { name: exits, optimism_bias: { exit_cost: 0.5, cost: 1 } }\n";
        var b = ScenarioReader.Parse(text, "v.yaml");
        var v = VariantApplier.Apply(b, b.Variants.Single());
        Assert.Equal(1.5 * b.Partners[0].Withdrawal!.ExitCost.Mean, v.Partners[0].Withdrawal!.ExitCost.Mean, 1e-6);
        Assert.Equal(2 * b.Risks[0].Cost.Mean, v.Risks[0].Cost.Mean, 1e-6);
        Assert.Equal(b.Workstreams[0].ImplementationCost.Mean, v.Workstreams[0].ImplementationCost.Mean);
    }

    [Theory]
    [InlineData("{ name: x, set: { nothing.delay_months: 3 } }", "matches nothing")]
    [InlineData("{ name: x, set: { ict.colour: 3 } }", "not a quantity a variant can set")]
    [InlineData("{ name: x, scale: { \"*.withdrawal.annual_probability\": 20 } }", "outside [0, 1]")]
    [InlineData("{ name: x, remove_partner: town }", "no partner with id 'town'")]
    [InlineData("{ name: x, set: { ict.delay_months: { normal: { mean: 1, sd: 2 } } } }", "must not be negative")]
    [InlineData("{ name: x, sett: { ict.delay_months: 3 } }", "did you mean 'set'")]
    [InlineData("{ name: x, optimism_bias: { category: outsourcing } }", "operating expenditure")]
    [InlineData("{ name: x, optimism_bias: { category: equipment_developmnt, bound: upper } }", "did you mean 'equipment_development'")]
    [InlineData("{ name: x, optimism_bias: { category: equipment_development, bound: high } }", "bound is upper or lower")]
    [InlineData("{ name: x, optimism_bias: { category: equipment_development, mitigation: 1.5 } }", "within [0, 1]")]
    [InlineData("{ name: x, optimism_bias: { category: equipment_development, duration: 0.2 } }", "comes from the category")]
    [InlineData("{ name: x, optimism_bias: { mitigation: 0.5 } }", "go with a Green Book category")]
    [InlineData("{ name: ../escape, scale: { \"*.annual_saving\": 0.9 } }", "lower-case letters, digits")]
    [InlineData("{ name: Late, scale: { \"*.annual_saving\": 0.9 } }", "lower-case letters, digits")]
    public void A_bad_variant_is_reported_at_its_line(string variant, string message)
    {
        string text = Base[..Base.IndexOf("variants:", StringComparison.Ordinal)] + "variants:\n  - " + variant + "\n";
        int line = text.Split('\n').Length - 1;
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, "v.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_set_parses_numbers_and_distributions()
    {
        var n = ScenarioReader.ParseSetOption("ict.go_live_month=12");
        Assert.Equal(12, n.Value.Mean);
        var d = ScenarioReader.ParseSetOption("ict.delay_months={ triangular: [3, 6, 18] }");
        Assert.IsType<TriangularDistribution>(d.Value);
        var money = ScenarioReader.ParseSetOption("ict.annual_saving=250k");
        Assert.Equal(250000, money.Value.Mean);
        Assert.Throws<ScenarioException>(() => ScenarioReader.ParseSetOption("ict.go_live_month"));
        Assert.Throws<ScenarioException>(() => ScenarioReader.ParseSetOption("ict.delay_months=-3"));
    }

    [Fact]
    public void A_variant_shares_the_draws_of_every_input_it_does_not_change()
    {
        var b = Scenario();
        var v = VariantOf("late-ict");
        var baseRun = Simulation.Run(b, new SimulationOptions(50_000, 11, PairedTrials: 50_000));
        var variantRun = Simulation.Run(v, new SimulationOptions(50_000, 11, PairedTrials: 50_000));
        // Only ICT's delay changed: the HR workstream depends on the county only and its inputs are
        // shared, so trials with no change in ICT's schedule-driven figures are rare but the shared
        // inputs' draws are identical: the exit probabilities match exactly.
        Assert.Equal(baseRun.Decision.PartnerExits, variantRun.Decision.PartnerExits);
        Assert.Equal(baseRun.Decision.RiskFrequencies, variantRun.Decision.RiskFrequencies);
    }

    [Fact]
    public void Paired_difference_has_a_far_smaller_standard_error_than_independent_runs()
    {
        var b = Scenario();
        var v = VariantOf("savings-haircut");
        const int n = 100_000;
        var baseRun = Simulation.Run(b, new SimulationOptions(n, 5, PairedTrials: n));
        var paired = Simulation.Run(v, new SimulationOptions(n, 5, PairedTrials: n));
        var independent = Simulation.Run(v, new SimulationOptions(n, 6, PairedTrials: n));
        var withCrn = PairedDifference.Of("npv", paired.PairedNpv, baseRun.PairedNpv);
        var withoutCrn = PairedDifference.Of("npv", independent.PairedNpv, baseRun.PairedNpv);
        // The haircut lowers NPV in (almost) every trial when the draws are shared.
        Assert.True(withCrn.Mean < 0);
        Assert.True(withCrn.ProbabilityWorse > 0.99, $"P(worse) = {withCrn.ProbabilityWorse}");
        // Same expected difference either way, but the paired one is measured at least 5x more precisely.
        Assert.True(withCrn.StandardError * 5 < withoutCrn.StandardError,
            $"paired SE {withCrn.StandardError}, independent SE {withoutCrn.StandardError}");
        double gap = Math.Abs(withCrn.Mean - withoutCrn.Mean);
        Assert.True(gap < 5 * withoutCrn.StandardError, $"means differ by {gap}, SE {withoutCrn.StandardError}");
    }

    [Fact]
    public void Run_with_a_variant_or_set_changes_the_scenario_and_names_unknown_variants()
    {
        string file = Path.Combine(TestPaths.NewTempFolder("variant-run"), "base.yaml");
        File.WriteAllText(file, Base);
        var b = ScenarioReader.ReadFile(file);
        var late = Cli.Commands.VariantSelection.Apply(b, file, "late-ict", []);
        Assert.Equal(6, late.Workstreams[0].DelayMonths.Mode());
        var set = Cli.Commands.VariantSelection.Apply(b, file, "late-ict", ["ict.go_live_month=9", "hr.annual_saving=70k"]);
        Assert.Equal(9, set.Workstreams[0].GoLiveMonth);
        Assert.Equal(70000, set.Workstreams[1].AnnualSaving.Mean);
        var e = Assert.Throws<ScenarioException>(() => Cli.Commands.VariantSelection.Apply(b, file, "early-ict", ["nothing.cost=1"]));
        Assert.Contains(e.Errors, x => x.Message.Contains("no variant named 'early-ict'", StringComparison.Ordinal));

        // Through the command line: a variant run writes results, an unknown one exits 2 naming the declared ones.
        string output = TestPaths.NewTempFolder("variant-out");
        var stderr = new StringWriter();
        Assert.Equal(0, Cli.Commands.RunHandler.Execute(new Cli.Commands.RunOptions(file, 5000, 1, 0, output, 0, true, Variant: "no-city",
            Sets: ["ict.ramp_months=6"]), new StringWriter(), stderr));
        Assert.True(File.Exists(Path.Combine(output, "decision.json")));
        Assert.Equal(2, Cli.Commands.RunHandler.Execute(new Cli.Commands.RunOptions(file, 5000, 1, 0, output, 0, true, Variant: "nope"),
            new StringWriter(), stderr));
        Assert.Contains("declared: late-ict, savings-haircut", stderr.ToString(), StringComparison.Ordinal);
    }
}

public class DefaultFolderTests
{
    [Theory]
    [InlineData(null, new string[0], "results/ict")]
    [InlineData("no-city", new string[0], "results/ict--no-city")]
    [InlineData(null, new[] { "ict.go_live_month=9" }, "results/ict--set")]
    [InlineData("no-city", new[] { "ict.go_live_month=9" }, "results/ict--no-city-set")]
    public void A_changed_scenario_never_writes_into_the_base_runs_folder(string? variant, string[] sets, string expected)
    {
        var options = new Cli.Commands.RunOptions("scenarios/ict.yaml", null, null, 0, null, null, true, Variant: variant, Sets: sets);
        Assert.Equal(expected, Cli.Commands.RunHandler.DefaultFolder(options).Replace('\\', '/'));
    }
}

internal static class DistributionModeExtensions
{
    public static double Mode(this Distribution d) => ((TriangularDistribution)d).Mode;
}
