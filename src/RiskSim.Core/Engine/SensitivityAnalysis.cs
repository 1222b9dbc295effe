using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// Sensitivity of NPV to every uncertain input (the results of a run), over the sample of the first trials:
/// <list type="bullet">
/// <item>the Spearman rank correlation of the input with NPV and its share of the sum of squared correlations
/// (the variance view);</item>
/// <item>the swing in pounds: mean NPV over the trials in which the input is in its lowest 10% against its highest
/// 10% (ranked, ties in trial order); a partner's withdrawal notice and a risk's occurrence are split instead into
/// "no" (stays, does not occur) and "yes" (leaves within the horizon, occurs);</item>
/// <item>the same swing for each owner's inputs together (<see cref="SensitivityGroup"/>), and the trials of a scatter
/// chart.</item>
/// </list>
/// </summary>
internal static class SensitivityAnalysis
{
    /// <summary>Tenths the ranked input is cut into (the lowest and highest give the swing).</summary>
    public const int Bins = 10;

    /// <summary>Everything the sensitivity analysis finds.</summary>
    public sealed record Findings(IReadOnlyList<SensitivityRow> Rows, IReadOnlyList<SensitivityGroup> Groups, SensitivityScatter? Scatter);

    /// <summary>One row per uncertain input, largest share first (ties by name).</summary>
    public static IReadOnlyList<SensitivityRow> Of(CompiledScenario model, SensitivitySample sample, int threads) =>
        Analyse(model, sample, threads).Rows;

    /// <summary>Rows, groups and scatter of a run's sample.</summary>
    public static Findings Analyse(CompiledScenario model, SensitivitySample sample, int threads)
    {
        int count = sample.Count;
        var npv = sample.Npv;
        var npvRanks = new double[count];
        SpearmanCorrelation.Ranks(npv.AsSpan(0, count), new double[count], new int[count], npvRanks);
        int inputs = model.Uncertain.Length;
        var rho = new double[inputs];
        var low = new double[inputs];
        var high = new double[inputs];
        var yes = new double[inputs];
        var split = new SwingSplit[inputs];
        var deciles = new double[inputs][];
        var yesOf = new Func<int, bool>?[inputs];
        for (int k = 0; k < inputs; k++)
        {
            yesOf[k] = YesOf(model, sample, k, out split[k]);
        }
        // Each owner's group score Σ sign(ρ)·rank is added up while an input's ranks are at hand. Ranks are whole or
        // half numbers far below 2^52, so the sums are exact whatever order the workers add them in.
        var owners = OwnersOf(model);
        var ownerOf = new int[inputs];
        var scores = new double[]?[owners.Count];
        for (int g = 0; g < owners.Count; g++)
        {
            foreach (int k in owners[g].Members)
            {
                ownerOf[k] = g;
            }
            if (!owners[g].Members.Any(k => yesOf[k] is not null))
            {
                scores[g] = new double[count];
            }
        }
        // One set of buffers per worker, reused for every input, so ranking allocates nothing per input.
        int workers = Math.Min(threads, Math.Max(1, inputs));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
        {
            var keys = new double[count];
            var order = new int[count];
            var ranks = new double[count];
            for (int k = t; k < inputs; k += workers)
            {
                var source = sample.Inputs[k];
                var values = ranks.AsSpan();
                for (int i = 0; i < count; i++)
                {
                    values[i] = source[i];
                }
                SpearmanCorrelation.Ranks(values, keys, order, ranks);
                rho[k] = SpearmanCorrelation.Pearson(ranks, npvRanks);
                if (scores[ownerOf[k]] is { } score)
                {
                    double sign = Math.Sign(rho[k]);
                    lock (score)
                    {
                        for (int i = 0; i < count; i++)
                        {
                            score[i] += sign * ranks[i];
                        }
                    }
                }
                if (yesOf[k] is { } isYes)
                {
                    (low[k], high[k], yes[k]) = YesNoMeans(npv, count, isYes);
                    deciles[k] = [];
                }
                else
                {
                    TiesInTrialOrder(keys, order, count);
                    deciles[k] = BinMeans(npv, order, count);
                    (low[k], high[k], yes[k]) = (deciles[k][0], deciles[k][Bins - 1], double.NaN);
                }
            }
        });
        double total = rho.Sum(r => r * r);
        var rows = model.Uncertain
            .Select((input, k) => new SensitivityRow(model.Inputs[input].Name, model.Inputs[input].Role,
                model.Inputs[input].Owner, rho[k], total > 0 ? rho[k] * rho[k] / total : 0)
            {
                Split = split[k],
                NpvMeanLow = low[k],
                NpvMeanHigh = high[k],
                YesFraction = yes[k],
                DecileMeans = deciles[k],
            })
            .OrderByDescending(r => r.Share)
            .ThenBy(r => r.Input, StringComparer.Ordinal)
            .ToList();
        var groups = Groups(model, sample, owners, scores, yesOf, count, threads);
        return new Findings(rows, groups, ScatterOf(model, sample, rows));
    }

    // The yes/no test of input k: a partner's withdrawal notice splits on the trial's own record of its exit, a
    // risk's occurrence on the occurrence rule. Null for any other input.
    private static Func<int, bool>? YesOf(CompiledScenario model, SensitivitySample sample, int k, out SwingSplit split)
    {
        var input = model.Inputs[model.Uncertain[k]];
        split = SwingSplit.Deciles;
        if (input.Role == InputRole.WithdrawalNotice)
        {
            int p = IndexOfPartner(model, input.Owner);
            if (p >= 0)
            {
                split = SwingSplit.Leaves;
                ulong bit = 1UL << p;
                var exits = sample.Exits;
                return i => (exits[i] & bit) != 0;
            }
        }
        if (input.Role == InputRole.RiskOccurs)
        {
            split = SwingSplit.Occurs;
            var values = sample.Inputs[k];
            return i => TrialRules.RiskOccurred(values[i]);
        }
        return null;
    }

    private static int IndexOfPartner(CompiledScenario model, string id)
    {
        for (int p = 0; p < model.Scenario.Partners.Count; p++)
        {
            if (model.Scenario.Partners[p].Id == id)
            {
                return p;
            }
        }
        return -1;
    }

    // Mean NPV of the "no" and "yes" trials (NaN for an empty side), and the share of "yes".
    private static (double No, double Yes, double YesFraction) YesNoMeans(double[] npv, int count, Func<int, bool> isYes)
    {
        double sumYes = 0, sumNo = 0;
        int yes = 0;
        for (int i = 0; i < count; i++)
        {
            if (isYes(i))
            {
                sumYes += npv[i];
                yes++;
            }
            else
            {
                sumNo += npv[i];
            }
        }
        int no = count - yes;
        return (no > 0 ? sumNo / no : double.NaN, yes > 0 ? sumYes / yes : double.NaN, count > 0 ? (double)yes / count : double.NaN);
    }

    // After sorting by value, orders each run of tied values by trial index, so a tenth cut through a tie is fixed.
    private static void TiesInTrialOrder(double[] keys, int[] order, int count)
    {
        int start = 0;
        while (start < count)
        {
            int end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
            }
            start = end;
        }
    }

    // Mean NPV of each tenth of the trials in the given order (positions ⌊d·n/10⌋ .. ⌊(d+1)·n/10⌋ − 1).
    private static double[] BinMeans(double[] npv, int[] order, int count)
    {
        var means = new double[Bins];
        for (int d = 0; d < Bins; d++)
        {
            int from = (int)((long)d * count / Bins), to = (int)((long)(d + 1) * count / Bins);
            double sum = 0;
            for (int j = from; j < to; j++)
            {
                sum += npv[order[j]];
            }
            means[d] = to > from ? sum / (to - from) : double.NaN;
        }
        return means;
    }

    // The uncertain inputs of each owner (a partner, workstream or risk), owners in order of their first input.
    private static List<(string Owner, List<int> Members)> OwnersOf(CompiledScenario model)
    {
        var owners = new List<(string Owner, List<int> Members)>();
        for (int k = 0; k < model.Uncertain.Length; k++)
        {
            string owner = model.Inputs[model.Uncertain[k]].Owner;
            int at = owners.FindIndex(o => o.Owner == owner);
            if (at < 0)
            {
                owners.Add((owner, [k]));
            }
            else
            {
                owners[at].Members.Add(k);
            }
        }
        return owners;
    }

    // One swing per owner of uncertain inputs: yes/no for a partner that may leave or a risk that may occur, else the
    // lowest against the highest tenth of the trials' score Σ sign(ρ)·rank over the owner's inputs.
    private static List<SensitivityGroup> Groups(CompiledScenario model, SensitivitySample sample,
        List<(string Owner, List<int> Members)> owners, double[]?[] scores, Func<int, bool>?[] yesOf, int count, int threads)
    {
        var groups = new SensitivityGroup[owners.Count];
        int workers = Math.Min(threads, Math.Max(1, owners.Count));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
        {
            var keys = new double[count];
            var order = new int[count];
            for (int g = t; g < owners.Count; g += workers)
            {
                var (owner, members) = owners[g];
                if (scores[g] is not { } score)
                {
                    int driver = members.First(k => yesOf[k] is not null);
                    var (no, yes, fraction) = YesNoMeans(sample.Npv, count, yesOf[driver]!);
                    groups[g] = new SensitivityGroup(owner, SwingSplitOf(model, driver), no, yes, fraction, members.Count);
                    continue;
                }
                score.AsSpan(0, count).CopyTo(keys);
                for (int i = 0; i < count; i++)
                {
                    order[i] = i;
                }
                RadixSort.Sort(keys.AsSpan(0, count), order.AsSpan(0, count));
                TiesInTrialOrder(keys, order, count);
                var means = BinMeans(sample.Npv, order, count);
                groups[g] = new SensitivityGroup(owner, SwingSplit.GroupScore, means[0], means[Bins - 1], double.NaN, members.Count);
            }
        });
        return groups
            .OrderByDescending(g => double.IsNaN(g.Swing) ? 0 : Math.Abs(g.Swing))
            .ThenBy(g => g.Owner, StringComparer.Ordinal)
            .ToList();
    }

    private static SwingSplit SwingSplitOf(CompiledScenario model, int k) =>
        model.Inputs[model.Uncertain[k]].Role == InputRole.RiskOccurs ? SwingSplit.Occurs : SwingSplit.Leaves;

    // NPV against the continuous input of largest swing, coloured by the partner whose leaving moves NPV most.
    private static SensitivityScatter? ScatterOf(CompiledScenario model, SensitivitySample sample, List<SensitivityRow> rows)
    {
        var driver = rows.Where(r => r.Split == SwingSplit.Deciles && !double.IsNaN(r.Swing))
            .OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal).FirstOrDefault();
        if (driver is null)
        {
            return null;
        }
        var partner = rows.Where(r => r.Split == SwingSplit.Leaves && !double.IsNaN(r.Swing))
            .OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal).FirstOrDefault();
        int k = Array.FindIndex(model.Uncertain, i => model.Inputs[i].Name == driver.Input);
        int points = Math.Min(sample.Count, SensitivityScatter.MaxPoints);
        int p = partner is null ? -1 : IndexOfPartner(model, partner.Owner);
        var values = new double[points];
        var npv = new double[points];
        var left = new bool[points];
        for (int i = 0; i < points; i++)
        {
            values[i] = sample.Inputs[k][i];
            npv[i] = sample.Npv[i];
            left[i] = p >= 0 && (sample.Exits[i] & (1UL << p)) != 0;
        }
        return new SensitivityScatter(driver.Input, driver.Role, driver.Owner, partner?.Owner, values, npv, left);
    }
}
