using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// Sensitivity of NPV to every uncertain input (the results of a run): the Spearman rank correlation of the input
/// with NPV over the sample, and its share of the sum of squared correlations (tornado order).
/// </summary>
internal static class SensitivityAnalysis
{
    /// <summary>One row per uncertain input, largest share first (ties by name).</summary>
    public static IReadOnlyList<SensitivityRow> Of(CompiledScenario model, SensitivitySample sample, int threads)
    {
        int count = sample.Count;
        var npvRanks = new double[count];
        SpearmanCorrelation.Ranks(sample.Npv.AsSpan(0, count), new double[count], new int[count], npvRanks);
        var rho = new double[model.Uncertain.Length];
        // One set of buffers per worker, reused for every input, so ranking allocates nothing per input.
        int workers = Math.Min(threads, Math.Max(1, rho.Length));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
        {
            var keys = new double[count];
            var order = new int[count];
            var ranks = new double[count];
            for (int k = t; k < rho.Length; k += workers)
            {
                var source = sample.Inputs[k];
                var values = ranks.AsSpan();
                for (int i = 0; i < count; i++)
                {
                    values[i] = source[i];
                }
                SpearmanCorrelation.Ranks(values, keys, order, ranks);
                rho[k] = SpearmanCorrelation.Pearson(ranks, npvRanks);
            }
        });
        double total = rho.Sum(r => r * r);
        return model.Uncertain
            .Select((input, k) => new SensitivityRow(model.Inputs[input].Name, model.Inputs[input].Role,
                model.Inputs[input].Owner, rho[k], total > 0 ? rho[k] * rho[k] / total : 0))
            .OrderByDescending(r => r.Share)
            .ThenBy(r => r.Input, StringComparer.Ordinal)
            .ToList();
    }
}
