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
        if (!model.Partners.Any(p => p.Notice >= 0))
        {
            return result;
        }
        // NPV sorted once with each value's trial: walking that order gives each side's values already sorted, so
        // the medians are read by position and the means summed in ascending order.
        int count = sample.Count;
        var sorted = sample.Npv.AsSpan(0, count).ToArray();
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        RadixSort.Sort(sorted, order);
        var exits = sample.Exits;
        for (int p = 0; p < model.Partners.Length; p++)
        {
            if (model.Partners[p].Notice < 0)
            {
                continue;
            }
            ulong bit = 1UL << p;
            int left = 0;
            for (int i = 0; i < count; i++)
            {
                left += (exits[i] & bit) != 0 ? 1 : 0;
            }
            var exit = new Side(left);
            var stay = new Side(count - left);
            for (int j = 0; j < count; j++)
            {
                ((exits[order[j]] & bit) != 0 ? exit : stay).Add(sorted[j]);
            }
            var partner = model.Scenario.Partners[p];
            double probability = decision.PartnerExits.First(x => x.PartnerId == partner.Id).ProbabilityOfExit;
            result.Add(new PartnerExposure(partner.Id, partner.Name, probability, left, exit.Median, stay.Median, exit.Mean, stay.Mean));
        }
        return result;
    }

    // One side of the split, fed its values in ascending order: keeps the sum and the one or two values the median
    // (type 7) reads, so no side is stored.
    private sealed class Side(int count)
    {
        private readonly long _low = count > 0 ? (long)Math.Floor((count - 1) * 0.5) : -1;
        private int _seen;
        private double _sum, _lowValue, _highValue;

        public void Add(double value)
        {
            if (_seen == _low)
            {
                _lowValue = value;
            }
            if (_seen == _low + 1)
            {
                _highValue = value;
            }
            _sum += value;
            _seen++;
        }

        public double Mean => count > 0 ? _sum / count : double.NaN;

        public double Median => count == 0 ? double.NaN
            : Percentiles.Interpolated(count, 0.5, rank => rank == _low ? _lowValue : _highValue);
    }
}
