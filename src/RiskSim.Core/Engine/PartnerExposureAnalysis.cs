using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// What each partner's withdrawal does to NPV: the median and mean NPV of the sample's trials in which it left
/// within the horizon against those in which it stayed, split by each trial's own record of the exit.
/// </summary>
internal static class PartnerExposureAnalysis
{
    /// <summary>One entry per partner that may withdraw, in scenario order.</summary>
    public static IReadOnlyList<PartnerExposure> Of(CompiledScenario model, SensitivitySample sample, DecisionFigures decision)
    {
        var result = new List<PartnerExposure>();
        for (int p = 0; p < model.Partners.Length; p++)
        {
            if (model.Partners[p].Notice < 0)
            {
                continue;
            }
            var exit = new List<double>();
            var stay = new List<double>();
            ulong bit = 1UL << p;
            for (int i = 0; i < sample.Count; i++)
            {
                ((sample.Exits[i] & bit) != 0 ? exit : stay).Add(sample.Npv[i]);
            }
            exit.Sort();
            stay.Sort();
            var partner = model.Scenario.Partners[p];
            double probability = decision.PartnerExits.First(x => x.PartnerId == partner.Id).ProbabilityOfExit;
            result.Add(new PartnerExposure(partner.Id, partner.Name, probability, exit.Count,
                Percentiles.OfSorted(exit, 0.5), Percentiles.OfSorted(stay, 0.5),
                exit.Count > 0 ? exit.Average() : double.NaN, stay.Count > 0 ? stay.Average() : double.NaN));
        }
        return result;
    }
}
