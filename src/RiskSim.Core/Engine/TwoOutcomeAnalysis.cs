using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// Finds results that fall into two groups because of one yes/no event, from the trials of the sensitivity sample.
/// For each event that may happen (a partner leaving within the horizon, a risk occurring) with at least
/// <see cref="TwoOutcomeSplit.MinGroupShare"/> of the trials on each side, the metric (NPV; cumulative net savings at
/// the target year) is two-outcome when both hold:
/// <list type="number">
/// <item>the groups are far apart for their spread: Ashman's D from robust figures, |m_yes − m_no| / √((s_yes² + s_no²)/2)
/// with m the group's median and s its interquartile range / 1.349, is at least <see cref="TwoOutcomeSplit.MinSeparation"/>;</item>
/// <item>the overall median sits in a gap: the trials within a window of ±|m_yes − m_no|/10 around it number less than
/// <see cref="TwoOutcomeSplit.MaxDipRatio"/> of the fewer found in the same window around either group's median.</item>
/// </list>
/// When several events qualify, the one with the largest D is reported.
/// </summary>
internal static class TwoOutcomeAnalysis
{
    /// <summary>The two-outcome splits of NPV and of cumulative net savings at the target year (in that order; each only when found).</summary>
    public static IReadOnlyList<TwoOutcomeSplit> Of(CompiledScenario model, SensitivitySample sample)
    {
        int count = sample.Count;
        var drivers = Drivers(model, sample);
        var found = new List<TwoOutcomeSplit>();
        if (Best(model, sample, drivers, sample.Npv.AsSpan(0, count).ToArray(), MetricNames.Npv, null) is { } npv)
        {
            found.Add(npv);
        }
        if (model.Scenario.Target is { } target && target.ByYear >= 1 && target.ByYear <= model.H)
        {
            var values = sample.Cumulative[target.ByYear - 1].AsSpan(0, count).ToArray().Select(v => (double)v).ToArray();
            if (Best(model, sample, drivers, values, MetricNames.CumulativeNetSavings, target.ByYear) is { } cumulative)
            {
                found.Add(cumulative);
            }
        }
        return found;
    }

    private static List<(OutcomeDriverKind Kind, string Id, string Name, bool[] Yes)> Drivers(CompiledScenario model, SensitivitySample sample)
    {
        var drivers = new List<(OutcomeDriverKind, string, string, bool[])>();
        var scenario = model.Scenario;
        for (int p = 0; p < model.Partners.Length; p++)
        {
            if (model.Partners[p].Notice < 0)
            {
                continue;
            }
            ulong bit = 1UL << p;
            var yes = new bool[sample.Count];
            for (int i = 0; i < yes.Length; i++)
            {
                yes[i] = (sample.Exits[i] & bit) != 0;
            }
            drivers.Add((OutcomeDriverKind.PartnerLeaves, scenario.Partners[p].Id, NameOr(scenario.Partners[p].Name, scenario.Partners[p].Id), yes));
        }
        for (int k = 0; k < model.Uncertain.Length; k++)
        {
            var input = model.Inputs[model.Uncertain[k]];
            if (input.Role != InputRole.RiskOccurs)
            {
                continue;
            }
            var risk = scenario.Risks.First(r => r.Id == input.Owner);
            var yes = new bool[sample.Count];
            for (int i = 0; i < yes.Length; i++)
            {
                yes[i] = TrialRules.RiskOccurred(sample.Inputs[k][i]);
            }
            drivers.Add((OutcomeDriverKind.RiskOccurs, risk.Id, NameOr(risk.Name, risk.Id), yes));
        }
        return drivers;
    }

    private static string NameOr(string? name, string id) => string.IsNullOrWhiteSpace(name) ? id : name.Trim();

    private static TwoOutcomeSplit? Best(CompiledScenario model, SensitivitySample sample,
        List<(OutcomeDriverKind Kind, string Id, string Name, bool[] Yes)> drivers, double[] values, string metric, int? year)
    {
        int count = values.Length;
        if (count < 20)
        {
            return null;
        }
        // Sorted once with each value's trial; walking that order gives each group's values already sorted.
        var sorted = (double[])values.Clone();
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        RadixSort.Sort(sorted, order);
        double median = Percentiles.OfSorted(sorted, 0.5);
        TwoOutcomeSplit? best = null;
        var yesValues = new List<double>(count);
        var noValues = new List<double>(count);
        foreach (var (kind, id, name, yes) in drivers)
        {
            yesValues.Clear();
            noValues.Clear();
            for (int j = 0; j < count; j++)
            {
                (yes[order[j]] ? yesValues : noValues).Add(sorted[j]);
            }
            double share = (double)yesValues.Count / count;
            if (share < TwoOutcomeSplit.MinGroupShare || share > 1 - TwoOutcomeSplit.MinGroupShare)
            {
                continue;
            }
            var test = Test(sorted, median, yesValues, noValues);
            if (test.Separation < TwoOutcomeSplit.MinSeparation || !(test.Dip < TwoOutcomeSplit.MaxDipRatio))
            {
                continue;
            }
            if (best is null || test.Separation > best.Separation)
            {
                var (cumulativeYes, cumulativeNo) = CumulativeMedians(sample, yes);
                best = new TwoOutcomeSplit(metric, year, kind, id, name, share, test.MedianYes, test.MedianNo, median,
                    test.Separation, test.Dip, cumulativeYes, cumulativeNo);
            }
        }
        return best;
    }

    /// <summary>
    /// The two measures of the criterion for one split of sorted values: Ashman's D from medians and interquartile
    /// ranges, and the ratio of trials near the overall median to the fewer near either group's median.
    /// </summary>
    internal static (double MedianYes, double MedianNo, double Separation, double Dip) Test(
        double[] sorted, double median, List<double> yesSorted, List<double> noSorted)
    {
        double mYes = Percentiles.OfSorted(yesSorted, 0.5), mNo = Percentiles.OfSorted(noSorted, 0.5);
        double sYes = (Percentiles.OfSorted(yesSorted, 0.75) - Percentiles.OfSorted(yesSorted, 0.25)) / 1.349;
        double sNo = (Percentiles.OfSorted(noSorted, 0.75) - Percentiles.OfSorted(noSorted, 0.25)) / 1.349;
        double gap = Math.Abs(mYes - mNo);
        double spread = Math.Sqrt((sYes * sYes + sNo * sNo) / 2);
        double separation = spread > 0 ? gap / spread : gap > 0 ? double.PositiveInfinity : 0;
        if (!(gap > 0))
        {
            return (mYes, mNo, separation, double.PositiveInfinity);
        }
        double half = gap / 10;
        long Near(double x) => CountBelowOrAt(sorted, x + half) - CountBelow(sorted, x - half);
        double peaks = Math.Min(Near(mYes), Near(mNo));
        double dip = peaks > 0 ? Near(median) / peaks : double.PositiveInfinity;
        return (mYes, mNo, separation, dip);
    }

    private static long CountBelow(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static long CountBelowOrAt(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    // Median cumulative net savings of each year in the "yes" and the "no" trials.
    private static (double[] Yes, double[] No) CumulativeMedians(SensitivitySample sample, bool[] yes)
    {
        int h = sample.Cumulative.Length;
        var medianYes = new double[h];
        var medianNo = new double[h];
        var a = new List<double>();
        var b = new List<double>();
        for (int t = 0; t < h; t++)
        {
            a.Clear();
            b.Clear();
            var column = sample.Cumulative[t];
            for (int i = 0; i < yes.Length; i++)
            {
                (yes[i] ? a : b).Add(column[i]);
            }
            a.Sort();
            b.Sort();
            medianYes[t] = Percentiles.OfSorted(a, 0.5);
            medianNo[t] = Percentiles.OfSorted(b, 0.5);
        }
        return (medianYes, medianNo);
    }
}
