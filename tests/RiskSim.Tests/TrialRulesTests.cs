using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// "Partner leaves within the horizon" and "risk occurred" are decided once, by <see cref="TrialRules"/>, and
/// every consumer (the kernel, the counts, the partner-exposure split) reads the trial's own decision.
/// </summary>
public class TrialRulesTests
{
    private const string Scenario = """
        name: boundary
        horizon_years: 3
        discount_rate: 0
        partners:
          - id: county
            share: 0.5
          - id: city
            share: 0.5
            withdrawal: { annual_probability: 0.2, notice_months: 0, savings_lost: 0.5, exit_cost: 1000 }
        workstreams:
          - id: ict
            annual_saving: 100000
        """;

    [Theory]
    [InlineData(3.0, false)]
    [InlineData(2.9999999999999996, true)] // the largest double below 3: rounds to 3 as a float
    [InlineData(2.5, true)]
    public void An_exit_a_hair_before_the_horizon_counts_as_leaving_everywhere(double notice, bool leaves)
    {
        Assert.Equal(leaves, TrialRules.LeavesWithinHorizon(notice, 3));
        Assert.Equal(3.0f, (float)2.9999999999999996);

        var model = new CompiledScenario(ScenarioReader.Parse(Scenario, "b.yaml"));
        var w = new BlockWorkspace(model, 1) { Count = 1 };
        for (int i = 0; i < model.Inputs.Length; i++)
        {
            w.Values[i] = model.Inputs[i].Distribution.SupportMin;
        }
        w.Values[model.Partners[1].Notice] = notice;
        TrialEvaluator.Simulate(w, 0, -1);

        // The trial itself: an exit cost of 1000 in its year when it leaves.
        Assert.Equal(leaves, TrialRules.Left(w.ExitMonth[1]));
        Assert.Equal(leaves ? 1000.0 : 0.0, w.Metrics[model.Layout.Programme.Costs(3)]);

        // The counts and the exposure split agree with the trial.
        var counts = new TrialCounts(model);
        counts.Add(w);
        Assert.Equal(leaves ? 1 : 0, counts.Exits[1]);
        var sample = new SensitivitySample(model, 1);
        sample.Record(w);
        var decision = new DecisionFigures(null, null, null, null, null, null, null, null, 0,
            [new("county", "", 0), new("city", "", leaves ? 1 : 0)], []);
        var exposure = Assert.Single(PartnerExposureAnalysis.Of(model, sample, decision));
        Assert.Equal(leaves ? 1 : 0, exposure.TrialsWithExit);
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.0, false)]
    public void A_risk_occurs_when_its_occurrence_input_is_one(double occurs, bool occurred) =>
        Assert.Equal(occurred, TrialRules.RiskOccurred(occurs));
}
