using RiskSim.Core.Engine;
using RiskSim.Core.Statistics;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Each partner's exposure (median and mean NPV of the trials in which it left against those in which it stayed) is
/// read from one sort of the sample's NPV; it must equal the figures of each side sorted on its own, to the bit.
/// </summary>
public class PartnerExposureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(4095)]
    public void Each_side_s_median_and_mean_are_those_of_its_own_sorted_values(int trials)
    {
        var scenario = ScenarioReader.ReadFile(Path.Combine(TestPaths.RepoRoot, "benchmarks", "scenarios", "synthetic-large.yaml"));
        var model = new CompiledScenario(scenario, partnerLedgers: false);
        var w = new BlockWorkspace(model, SimulationOptions.BlockSize) { Count = trials, BlockIndex = 7, FirstTrial = 0 };
        InputSampler.SampleInputs(w, 20261201);
        TrialEvaluator.Simulate(w, 0, -1);
        var sample = new SensitivitySample(model, trials);
        sample.Record(w);
        var decision = new DecisionFigures(null, null, null, null, null, null, null, null, 0,
            scenario.Partners.Select(p => new PartnerExitFigure(p.Id, p.Name ?? "", 0.25)).ToList(), []);

        var exposures = PartnerExposureAnalysis.Of(model, sample, decision);

        Assert.Equal(model.Partners.Count(p => p.Notice >= 0), exposures.Count);
        foreach (var exposure in exposures)
        {
            int p = scenario.Partners.Select(x => x.Id).ToList().IndexOf(exposure.PartnerId);
            var left = new List<double>();
            var stayed = new List<double>();
            for (int i = 0; i < trials; i++)
            {
                ((sample.Exits[i] & (1UL << p)) != 0 ? left : stayed).Add(sample.Npv[i]);
            }
            left.Sort();
            stayed.Sort();
            Assert.Equal(left.Count, exposure.TrialsWithExit);
            Assert.Equal(Percentiles.OfSorted(left, 0.5), exposure.MedianNpvIfExit);
            Assert.Equal(Percentiles.OfSorted(stayed, 0.5), exposure.MedianNpvIfStays);
            Assert.Equal(left.Count > 0 ? left.Average() : double.NaN, exposure.MeanNpvIfExit);
            Assert.Equal(stayed.Count > 0 ? stayed.Average() : double.NaN, exposure.MeanNpvIfStays);
        }
    }
}
