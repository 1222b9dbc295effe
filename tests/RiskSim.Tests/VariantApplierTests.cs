using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// A change that cannot apply comes back from <see cref="VariantApplier.TryApply"/> as one problem, never an
/// exception, and leaves the scenario as it was; the whole-scenario rules live in <see cref="ScenarioRules"/>.
/// </summary>
public class VariantApplierTests
{
    private const string Base = """
        name: Applier base
        horizon_years: 5
        partners:
          - { id: county, share: 0.6, withdrawal: { annual_probability: 0.05, notice_months: 12 } }
          - { id: city, share: 0.4 }
        workstreams:
          - id: ict
            annual_saving: { pert: [100000, 150000, 180000] }
            go_live_month: 6
            delay_months: { triangular: [0, 2, 9] }
        risks:
          - { id: tupe, probability: 0.2, year: 1, cost: 10000 }
        """;

    private static Scenario Scenario() => ScenarioReader.Parse(Base, "base.yaml");

    public static TheoryData<string, string, string> Refused() => new()
    {
        { "remove nobody", "remove_partner", "no partner with id 'nobody'" },
        { "path matching nothing", "nobody.annual_saving", "'nobody.annual_saving' matches nothing in the scenario" },
        { "path without a dot", "nodot", "'nodot' is not a path like ict.delay_months or *.annual_saving" },
        { "no target", "target.cumulative_net_savings", "target.cumulative_net_savings: the scenario has no target" },
        { "discount rate of 1.5", "discount_rate", "discount_rate becomes 1.5, outside [0, 1)" },
        { "probability scaled above 1", "tupe.probability", "tupe.probability becomes 6, outside [0, 1]" },
        { "negative go-live", "ict.go_live_month", "ict.go_live_month becomes negative" },
        { "negative delay", "ict.delay_months", "ict.delay_months: a delay must not be negative (-1)" },
        { "distribution for a number", "ict.go_live_month", "ict.go_live_month takes a plain number, not a distribution" },
        { "savings lost above 1", "county.withdrawal.savings_lost", "county.withdrawal.savings_lost must stay within [0, 1] (1.2)" },
    };

    private static VariantChange Change(string name) => name switch
    {
        "remove nobody" => new RemovePartnerChange("nobody"),
        "path matching nothing" => new ScaleChange("nobody.annual_saving", 2),
        "path without a dot" => new ScaleChange("nodot", 2),
        "no target" => new SetChange("target.cumulative_net_savings", new ConstantDistribution(1)),
        "discount rate of 1.5" => new SetChange("discount_rate", new ConstantDistribution(1.5)),
        "probability scaled above 1" => new ScaleChange("tupe.probability", 30),
        "negative go-live" => new SetChange("ict.go_live_month", new ConstantDistribution(-1)),
        "negative delay" => new SetChange("ict.delay_months", new ConstantDistribution(-1)),
        "distribution for a number" => new SetChange("ict.go_live_month", new UniformDistribution(1, 2)),
        "savings lost above 1" => new SetChange("county.withdrawal.savings_lost", new ConstantDistribution(1.2)),
        _ => throw new ArgumentException($"no case '{name}'", nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_change_that_cannot_apply_gives_one_problem_and_the_scenario_unchanged(string name, string field, string message)
    {
        var scenario = Scenario();
        var problems = new List<ScenarioProblem>();
        bool applied = VariantApplier.TryApply(scenario, Change(name), out var result, problems);
        Assert.False(applied);
        Assert.Same(scenario, result);
        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void A_change_that_applies_gives_the_changed_scenario_and_no_problem()
    {
        var problems = new List<ScenarioProblem>();
        Assert.True(VariantApplier.TryApply(Scenario(), new SetChange("ict.go_live_month", new ConstantDistribution(18)), out var later, problems));
        Assert.Equal(18, later.Workstreams.Single().GoLiveMonth);
        Assert.True(VariantApplier.TryApply(Scenario(), new RemovePartnerChange("city"), out var noCity, problems));
        Assert.Equal(1, noCity.Partners.Single(p => p.Id == "city").Withdrawal!.AnnualProbability);
        Assert.Empty(problems);
    }

    [Fact]
    public void Scenario_rules_check_partner_shares_count_and_correlation_matrix()
    {
        var scenario = Scenario();
        var uneven = scenario with { Partners = [scenario.Partners[0] with { Share = 0.5 }, scenario.Partners[1]] };
        var problem = Assert.Single(ScenarioRules.Check(uneven));
        Assert.Equal(new ScenarioProblem("partners.share", "partner shares must sum to 1, they sum to 0.9"), problem);

        var many = Enumerable.Range(0, ScenarioRules.MaxPartners + 1)
            .Select(i => new Partner { Id = $"p{i}", Name = "", Share = 1.0 / (ScenarioRules.MaxPartners + 1) }).ToList();
        Assert.Contains(new ScenarioProblem("partners", "at most 64 partners are supported"), ScenarioRules.Check(scenario with { Partners = many }));

        // Three inputs each strongly tied to the other two, two positively and one negatively, cannot hold together.
        RankCorrelation[] impossible =
        [
            new("ict.annual_saving", "ict.delay_months", 0.9),
            new("ict.delay_months", "county.withdrawal", 0.9),
            new("ict.annual_saving", "county.withdrawal", -0.9),
        ];
        var matrix = Assert.Single(ScenarioRules.Check(scenario with { Correlations = impossible }));
        Assert.Equal("correlations", matrix.Field);
        Assert.StartsWith("the correlations between ict.annual_saving, ict.delay_months, county.withdrawal are impossible together",
            matrix.Message, StringComparison.Ordinal);
    }
}
