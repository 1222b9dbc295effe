namespace RiskSim.Core.Statistics;

/// <summary>
/// Fine fixed-width count histograms, one per metric, plus exact counts of the metric's point masses
/// ("atoms": values such as 0 before any saving arrives, found in the pilot). Order statistics are read
/// back with a certified rank error: exact on an atom, otherwise bounded by the count of the bin the
/// rank falls in. Values are counted in 8-bit counters (16 KiB per metric, a quarter of the memory traffic of
/// 32-bit ones when a block's many metric tables no longer fit in the cache); each time one wraps to 0 its 32-bit
/// total gains 256, and the 8-bit counters are added into the totals before the counts are read.
/// </summary>
/// <remarks>Not thread safe: each worker owns one; <see cref="Merge"/> combines them (order-independent).</remarks>
internal sealed class QuantileHistogram
{
    internal const int Bins = 16384;
    private const int Slots = Bins + 2; // underflow, Bins, overflow
    private const int MaxAtoms = 8;
    private const int AtomCopies = 8;
    private const int Stride = Slots + MaxAtoms * AtomCopies; // each metric's slots, then each atom's counter copies
    private readonly double[] _low;
    private readonly double[] _scale;
    private readonly double[][] _atoms;
    private readonly int[] _counts;
    private readonly byte[] _recent;
    private readonly long[][] _atomCounts;
    private int[] _slots = [];
    private bool _dirty;

    /// <param name="low">Each metric's lowest binned value.</param>
    /// <param name="scale">Each metric's bins per unit of value.</param>
    /// <param name="atoms">Each metric's point masses.</param>
    /// <param name="counted">False for a template that only hands out <see cref="EmptyCopy"/>s (no counts allocated).</param>
    public QuantileHistogram(double[] low, double[] scale, double[][] atoms, bool counted = true)
    {
        _low = low;
        _scale = scale;
        _atoms = atoms;
        _counts = counted ? new int[low.Length * Stride] : [];
        _recent = counted ? new byte[low.Length * Stride] : [];
        _atomCounts = atoms.Select(a => new long[a.Length]).ToArray();
    }

    public int Metrics => _low.Length;

    /// <summary>A histogram with the same ranges and atoms and no values.</summary>
    public QuantileHistogram EmptyCopy() => new(_low, _scale, _atoms);

    /// <summary>
    /// Range and atoms of a metric from sorted pilot values: the 0.1%..99.9% span widened by half its
    /// width on each side (rarer values fall in the under/overflow slots), and every value repeated in
    /// at least 0.05% of the pilot (at most eight, most frequent first).
    /// </summary>
    public static (double Low, double Scale, double[] Atoms) RangeFromPilot(double[] sorted)
    {
        double lo = Percentiles.OfSorted(sorted, 0.001);
        double hi = Percentiles.OfSorted(sorted, 0.999);
        double pad = 0.5 * (hi - lo);
        lo = Math.Max(sorted[0], lo - pad);
        hi = Math.Min(sorted[^1], hi + pad);
        if (!(hi > lo))
        {
            lo = sorted[0] - 0.5;
            hi = sorted[^1] + 0.5;
        }
        var runs = new List<(double Value, int Run)>();
        int minRun = Math.Max(2, (int)(0.0005 * sorted.Length));
        int start = 0;
        for (int i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || sorted[i] != sorted[start])
            {
                if (i - start >= minRun)
                {
                    runs.Add((sorted[start], i - start));
                }
                start = i;
            }
        }
        var atoms = runs.OrderByDescending(r => r.Run).Take(MaxAtoms).Select(r => r.Value).Order().ToArray();
        return (lo, Bins / (hi - lo) * (1 - 1e-12), atoms);
    }

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

    /// <summary>Whether <paramref name="value"/> is one of the metric's atoms (counted apart from the bins).</summary>
    public bool IsAtom(int metric, double value) => Array.IndexOf(_atoms[metric], value) >= 0;

    /// <summary>Counts a column of values of <paramref name="metric"/> (slots computed for the whole column at once).</summary>
    public void AddAll(int metric, ReadOnlySpan<double> values)
    {
        _dirty = true;
        if (_slots.Length < values.Length)
        {
            _slots = new int[values.Length];
        }
        var slots = _slots.AsSpan(0, values.Length);
        double[] atoms = _atoms[metric];
        ColumnKernels.Slots(values, _low[metric], _scale[metric], Bins, atoms, Slots, slots);
        var counts = _recent.AsSpan(metric * Stride, Stride);
        var totals = _counts.AsSpan(metric * Stride, Stride);
        foreach (int s in slots)
        {
            if (++counts[s] == 0)
            {
                totals[s] += 256;
            }
        }
        if (atoms.Length == 0)
        {
            return;
        }
        // Each atom's eight counters (one per lane, so equal values in a row do not queue on one) into its total.
        long[] atomCounts = _atomCounts[metric];
        for (int a = 0; a < atoms.Length; a++)
        {
            var copies = counts.Slice(Slots + AtomCopies * a, AtomCopies);
            var copyTotals = totals.Slice(Slots + AtomCopies * a, AtomCopies);
            long total = 0;
            for (int c = 0; c < AtomCopies; c++)
            {
                total += copies[c] + copyTotals[c];
            }
            atomCounts[a] += total;
            copies.Clear();
            copyTotals.Clear();
        }
    }

    // Adds a metric's 8-bit counters into its totals and clears them.
    private void Flush(int metric)
    {
        var recent = _recent.AsSpan(metric * Stride, Stride);
        var counts = _counts.AsSpan(metric * Stride, Stride);
        for (int s = 0; s < Stride; s++)
        {
            counts[s] += recent[s];
        }
        recent.Clear();
    }

    private void FlushAll()
    {
        if (!_dirty)
        {
            return;
        }
        for (int m = 0; m < _low.Length; m++)
        {
            Flush(m);
        }
        _dirty = false;
    }

    public void Merge(QuantileHistogram other)
    {
        FlushAll();
        other.FlushAll();
        for (int s = 0; s < _counts.Length; s++)
        {
            _counts[s] += other._counts[s];
        }
        for (int m = 0; m < _atomCounts.Length; m++)
        {
            for (int a = 0; a < _atomCounts[m].Length; a++)
            {
                _atomCounts[m][a] += other._atomCounts[m][a];
            }
        }
    }

    /// <summary>
    /// Finds the order statistic of 0-based rank <paramref name="rank"/> of a metric whose smallest
    /// and largest values are <paramref name="min"/> and <paramref name="max"/>.
    /// </summary>
    /// <returns>
    /// An estimate; the slot holding it (−1 for an atom, which is exact) with the rank within that
    /// slot's non-atom values; and a bound on the rank error (the slot's count, 0 for an atom).
    /// </returns>
    public (double Value, int Slot, long IndexInSlot, long RankError) Locate(int metric, long rank, double min, double max)
    {
        FlushAll();
        double[] atoms = _atoms[metric];
        long[] atomCounts = _atomCounts[metric];
        int nextAtom = 0;
        long before = 0;
        double low = _low[metric], width = 1 / _scale[metric];
        for (int s = 0; s < Slots; s++)
        {
            // Atoms come before the other values of their slot when they sit at or below its lower edge.
            while (nextAtom < atoms.Length && SlotOf(metric, atoms[nextAtom]) == s)
            {
                long c = atomCounts[nextAtom];
                if (rank < before + c)
                {
                    return (atoms[nextAtom], -1, 0, 0);
                }
                before += c;
                nextAtom++;
            }
            int count = _counts[metric * Stride + s];
            if (rank < before + count)
            {
                long j = rank - before;
                double lo = s == 0 ? min : low + (s - 1) * width;
                double hi = s == Bins + 1 ? max : low + s * width;
                lo = Math.Max(lo, min);
                hi = Math.Min(hi, max);
                double value = lo + (j + 0.5) / count * (hi - lo);
                return (value, s, j, count);
            }
            before += count;
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }
}
