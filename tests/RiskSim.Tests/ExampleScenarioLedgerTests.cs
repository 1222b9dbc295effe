using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The example scenarios that use each council's own ledger say what their comments say: the shared ICT city's own
/// target and its reported share of the savings, and the population example's weights normalising to the census
/// shares its comments give.
/// </summary>
public class ExampleScenarioLedgerTests
{
    private static Scenario Read(string fileName) => ScenarioReader.ReadFile(Path.Combine(TestPaths.Scenarios, fileName));

    /// <summary>Each partner's weight under a key, normalised to sum to 1, by partner id.</summary>
    private static Dictionary<string, double> Normalised(AllocationKey key, Scenario scenario)
    {
        double[] weights = AllocationWeights.Of(key, scenario);
        double total = weights.Sum();
        return scenario.Partners.Select((p, i) => (p.Id, Weight: weights[i] / total)).ToDictionary(x => x.Id, x => x.Weight);
    }

    [Fact]
    public void Shared_ICT_gives_the_city_its_own_target_and_its_reported_share_of_the_savings()
    {
        var scenario = Read("worcestershire-shared-ict.yaml");
        var city = Assert.Single(scenario.Partners, p => p.Id == "city");

        // Report: £460 in the first year, £73,010 in 2011/12, £117,670 the year after, each one year's saving;
        // summed to 2012/13, year 3 from start year 2010.
        Assert.Equal(2010, scenario.StartYear);
        Assert.Equal(new SavingsTarget(460 + 73_010 + 117_670, 3), city.Target);
        Assert.All(scenario.Partners.Where(p => p.Id != "city"), p => Assert.Null(p.Target));

        // Report: the city's £117,670 of the all-council £396,874 in 2012/13, on every workstream.
        Assert.NotEmpty(scenario.Workstreams);
        foreach (var workstream in scenario.Workstreams)
        {
            var key = Assert.IsType<WeightsKey>(workstream.Allocation.Savings);
            Assert.Equal(396_874, key.Weights.Sum(w => w.Value), 6);
            Assert.Equal(117_670.0 / 396_874, Normalised(key, scenario)["city"], 12);
            Assert.NotEqual(city.Share, Normalised(key, scenario)["city"]);
            // Costs and redundancy follow the savings key (the defaults), not the partners' shares.
            Assert.Same(key, workstream.Allocation.CostsKey);
            Assert.Same(key, workstream.Allocation.RedundancyKey);
        }
    }

    [Fact]
    public void Population_example_splits_every_workstream_by_the_census_shares_in_its_comments()
    {
        // The populations its comments give (from the base Midlands file): about 849,000, 566,000 and 307,000.
        var populations = new Dictionary<string, double> { ["staffs"] = 849_000, ["worcs"] = 566_000, ["shrops"] = 307_000 };
        double total = populations.Values.Sum();

        string text = File.ReadAllText(Path.Combine(TestPaths.Scenarios, "midlands-joint-procurement-by-population.yaml"));
        Assert.Contains("849,000, 566,000", text, StringComparison.Ordinal);
        Assert.Contains("307,000", text, StringComparison.Ordinal);

        var scenario = Read("midlands-joint-procurement-by-population.yaml");
        Assert.Equal(populations.Keys.Order(), scenario.Partners.Select(p => p.Id).Order());
        Assert.NotEmpty(scenario.Workstreams);
        foreach (var workstream in scenario.Workstreams)
        {
            var key = Assert.IsType<WeightsKey>(workstream.Allocation.Savings);
            var shares = Normalised(key, scenario);
            foreach (var (id, population) in populations)
            {
                Assert.Equal(population / total, shares[id], 12);
            }
            Assert.Same(key, workstream.Allocation.CostsKey);
        }

        // The base file it copies keeps the default keys, the same partners, shares, workstreams and target.
        var baseFile = Read("midlands-joint-procurement.yaml");
        Assert.Equal(baseFile.Target, scenario.Target);
        Assert.Equal(baseFile.Partners.Select(p => (p.Id, p.Share)), scenario.Partners.Select(p => (p.Id, p.Share)));
        Assert.Equal(baseFile.Workstreams.Select(w => w.Id), scenario.Workstreams.Select(w => w.Id));
        Assert.All(baseFile.Workstreams, w => Assert.Equal(new WorkstreamAllocation(), w.Allocation));
    }
}
