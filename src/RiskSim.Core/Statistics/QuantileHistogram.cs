namespace RiskSim.Core.Statistics;

/// <summary>
/// Fine fixed-width histograms, one per metric, that keep per bin the count, the smallest and largest
/// value and how many values equal the smallest. Order statistics are read back with a certified rank
/// error: exact where a bin holds one distinct value (point masses such as "no saving yet"), otherwise
/// bounded by the number of values in the bin.
/// </summary>
/// <remarks>Not thread safe: each worker owns one; <see cref="Merge"/> combines them (order-independent).</remarks>
internal sealed class QuantileHistogram
{
    internal const int Bins = 16384;
    private const int Slots = Bins + 2; // underflow, Bins, overflow
    private readonly double[] _low;
    private readonly double[] _scale;
    private readonly int[] _count;
    private readonly int[] _atMin;
    private readonly double[] _min;
    private readonly double[] _max;

    public QuantileHistogram(double[] low, double[] scale)
    {
        _low = low;
        _scale = scale;
        int n = low.Length * Slots;
        _count = new int[n];
        _atMin = new int[n];
        _min = new double[n];
        _max = new double[n];
        _min.AsSpan().Fill(double.PositiveInfinity);
        _max.AsSpan().Fill(double.NegativeInfinity);
    }

    public int Metrics => _low.Length;

    /// <summary>A histogram with the same ranges and no values.</summary>
    public QuantileHistogram EmptyCopy() => new(_low, _scale);

    /// <summary>Slot of <paramref name="value"/> for <paramref name="metric"/>, 0..Bins+1.</summary>
    public int SlotOf(int metric, double value)
    {
        double x = (value - _low[metric]) * _scale[metric];
        if (!(x >= 0))
        {
            return 0;
        }
        return x >= Bins ? Bins + 1 : 1 + (int)x;
    }

    public void AddAll(int metric, ReadOnlySpan<double> values)
    {
        double low = _low[metric], scale = _scale[metric];
        int baseSlot = metric * Slots;
        int[] count = _count, atMin = _atMin;
        double[] min = _min, max = _max;
        foreach (double v in values)
        {
            double x = (v - low) * scale;
            int s = baseSlot + (!(x >= 0) ? 0 : x >= Bins ? Bins + 1 : 1 + (int)x);
            count[s]++;
            double m = min[s];
            if (v < m)
            {
                min[s] = v;
                atMin[s] = 1;
            }
            else if (v == m)
            {
                atMin[s]++;
            }
            if (v > max[s])
            {
                max[s] = v;
            }
        }
    }

    public void Merge(QuantileHistogram other)
    {
        for (int s = 0; s < _count.Length; s++)
        {
            if (other._count[s] == 0)
            {
                continue;
            }
            _count[s] += other._count[s];
            if (other._min[s] < _min[s])
            {
                _min[s] = other._min[s];
                _atMin[s] = other._atMin[s];
            }
            else if (other._min[s] == _min[s])
            {
                _atMin[s] += other._atMin[s];
            }
            _max[s] = Math.Max(_max[s], other._max[s]);
        }
    }

    /// <summary>
    /// Estimates the order statistic of 0-based rank <paramref name="rank"/> of a metric.
    /// </summary>
    /// <returns>The estimate, its slot, and whether it is exact or within the bin's rank bound.</returns>
    public (double Value, int Slot, long RankError) OrderStatistic(int metric, long rank)
    {
        int baseSlot = metric * Slots;
        long before = 0;
        for (int s = 0; s < Slots; s++)
        {
            int c = _count[baseSlot + s];
            if (rank < before + c)
            {
                long j = rank - before;
                int i = baseSlot + s;
                int atMin = _atMin[i];
                if (j < atMin)
                {
                    return (_min[i], s, 0);
                }
                int rest = c - atMin;
                if (rest == 1)
                {
                    return (_max[i], s, 0);
                }
                // The remaining values lie in (min, max]; spread them evenly by rank.
                double frac = (double)(j - atMin + 1) / rest;
                return (_min[i] + frac * (_max[i] - _min[i]), s, rest);
            }
            before += c;
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }

    /// <summary>Number of values of a metric before slot <paramref name="slot"/>.</summary>
    public long CountBefore(int metric, int slot)
    {
        long before = 0;
        for (int s = 0; s < slot; s++)
        {
            before += _count[metric * Slots + s];
        }
        return before;
    }
}
