namespace RiskSim.Core.Statistics;

/// <summary>Spearman rank correlation: the Pearson correlation of average ranks.</summary>
public static class SpearmanCorrelation
{
    /// <summary>Average ranks (1-based), ties sharing the mean of their positions.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var ranks = new double[values.Length];
        Ranks(values, new double[values.Length], new int[values.Length], ranks);
        return ranks;
    }

    /// <summary>Average ranks into <paramref name="ranks"/>, using caller-owned buffers (values may alias ranks).</summary>
    public static void Ranks(ReadOnlySpan<double> values, double[] keys, int[] order, double[] ranks)
    {
        int n = values.Length;
        values.CopyTo(keys);
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        RadixSort.Sort(keys.AsSpan(0, n), order.AsSpan(0, n));
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            double rank = (start + end + 1) / 2.0;
            for (int j = start; j < end; j++)
            {
                ranks[order[j]] = rank;
            }
            start = end;
        }
    }

    /// <summary>Pearson correlation; 0 when either side is constant.</summary>
    public static double Pearson(double[] a, double[] b)
    {
        int n = a.Length;
        if (n < 2)
        {
            return 0;
        }
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    /// <summary>Spearman rank correlation of two equally long samples.</summary>
    public static double Spearman(double[] a, double[] b) => Pearson(Ranks(a), Ranks(b));
}
