using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Each partner's own ledger: for every trial and year the partners' gross, costs and net add up to the
/// programme's (to 1e-9 relative), and each figure follows the allocation rules.
/// </summary>
public class PartnerLedgerTests
{
    /// <summary>Checks every kept trial's partner figures against the programme's as the engine streams them out.</summary>
    private sealed class ConservationCheck : ITrialSink
    {
        public List<string> Failures { get; } = [];

        public long Trials { get; private set; }

        public void Write(TrialBlock block)
        {
            var layout = block.Layout;
            var programme = layout.Programme;
            var columns = new List<(string Name, int Programme, int[] Partners)>();
            foreach (var metric in new[] { YearMetric.GrossSavings, YearMetric.Costs, YearMetric.NetSavings, YearMetric.CumulativeNetSavings })
            {
                for (int t = 1; t <= layout.Horizon; t++)
                {
                    columns.Add(($"{metric} year {t}", programme.Of(metric, t), layout.Partners.Select(p => p.Of(metric, t)).ToArray()));
                }
            }
            columns.Add(("npv", programme.Npv, layout.Partners.Select(p => p.Npv).ToArray()));
            columns.Add(("total", programme.Total, layout.Partners.Select(p => p.Total).ToArray()));
            foreach (var (name, whole, parts) in columns)
            {
                var expected = block.Metric(whole);
                for (int i = 0; i < block.Count; i++)
                {
                    double sum = 0, scale = Math.Abs(expected[i]);
                    foreach (int part in parts)
                    {
                        sum += block.Metric(part)[i];
                        scale = Math.Max(scale, Math.Abs(block.Metric(part)[i]));
                    }
                    if (Math.Abs(sum - expected[i]) > 1e-9 * Math.Max(1, scale) && Failures.Count < 20)
                    {
                        Failures.Add(string.Create(CultureInfo.InvariantCulture,
                            $"trial {block.FirstTrial + i + 1} {name}: partners add to {sum:R}, programme {expected[i]:R}"));
                    }
                }
            }
            Trials += block.Count;
        }
    }

    [Theory]
    [InlineData("reference-shared-ict.yaml")]
    [InlineData("reference-simple.yaml")]
    public void For_every_trial_and_year_the_partners_add_up_to_the_programme(string file)
    {
        var scenario = ScenarioReader.ReadFile(Path.Combine(TestPaths.Reference, file));
        var check = new ConservationCheck();
        Simulation.Run(scenario, new SimulationOptions(50_000, 3, KeepTrials: 50_000), check);
        Assert.Equal(50_000, check.Trials);
        Assert.True(check.Failures.Count == 0, string.Join(Environment.NewLine, check.Failures));
    }

    [Fact]
    public void A_single_partner_scenario_keeps_no_separate_ledger()
    {
        var scenario = ScenarioReader.Parse("""
            name: one council
            horizon_years: 2
            partners: [{ id: council, share: 1 }]
            workstreams: [{ id: ict, annual_saving: 1000 }]
            """, "one.yaml");
        var result = Simulation.Run(scenario, new SimulationOptions(1000, 1));
        Assert.All(result.Summary, r => Assert.Null(r.Partner));
        Assert.Empty(result.Decision.Partners);
    }
}
