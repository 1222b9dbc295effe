using System.Buffers;

namespace RiskSim.Core.Statistics;

/// <summary>
/// Sorts a column of doubles and carries a permutation along: a stable least-significant-digit radix sort on the
/// doubles' bit patterns, 11 bits a pass, skipping the passes in which every value has the same digit. The
/// sensitivity sample's columns (up to 200,000 trials, one per uncertain input) are ranked with it several times
/// faster than a comparison sort.
/// </summary>
/// <remarks>
/// Order agrees with <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> on doubles: ascending, NaN first,
/// −0 and +0 adjacent (−0 first; they compare equal, so a run of equal values still holds both). Being stable, it
/// keeps equal values in the order they came in.
/// </remarks>
internal static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Passes = (64 + Bits - 1) / Bits;
    private const ulong Sign = 0x8000_0000_0000_0000UL;

    /// <summary>Below this length a comparison sort is as fast.</summary>
    private const int Small = 512;

    /// <summary>Sorts <paramref name="keys"/> ascending, moving <paramref name="items"/> with them; stable.</summary>
    public static void Sort(Span<double> keys, Span<int> items)
    {
        if (items.Length != keys.Length)
        {
            throw new ArgumentException("keys and items differ in length", nameof(items));
        }
        Sort(keys, items, withItems: true);
    }

    /// <summary>Sorts <paramref name="keys"/> ascending (the pilot columns of the percentile estimator).</summary>
    public static void Sort(Span<double> keys) => Sort(keys, [], withItems: false);

    private static void Sort(Span<double> keys, Span<int> items, bool withItems)
    {
        int n = keys.Length;
        if (n < Small)
        {
            SmallSort(keys, withItems ? items : stackalloc int[n]);
            return;
        }
        var wide = ArrayPool<ulong>.Shared;
        var narrow = ArrayPool<int>.Shared;
        ulong[] a = wide.Rent(n), b = wide.Rent(n);
        int[] ia = narrow.Rent(n), ib = narrow.Rent(n);
        int[] counts = narrow.Rent(Passes * Buckets);
        try
        {
            Array.Clear(counts, 0, Passes * Buckets);
            for (int i = 0; i < n; i++)
            {
                ulong k = Key(keys[i]);
                a[i] = k;
                if (withItems)
                {
                    ia[i] = items[i];
                }
                for (int p = 0; p < Passes; p++)
                {
                    counts[p * Buckets + (int)((k >> (p * Bits)) & (Buckets - 1))]++;
                }
            }
            for (int p = 0; p < Passes; p++)
            {
                var count = counts.AsSpan(p * Buckets, Buckets);
                int shift = p * Bits;
                if (count[(int)((a[0] >> shift) & (Buckets - 1))] == n)
                {
                    continue; // every value has this digit: the pass would change nothing
                }
                int sum = 0;
                for (int d = 0; d < Buckets; d++)
                {
                    int c = count[d];
                    count[d] = sum;
                    sum += c;
                }
                for (int i = 0; i < n; i++)
                {
                    ulong k = a[i];
                    int at = count[(int)((k >> shift) & (Buckets - 1))]++;
                    b[at] = k;
                    if (withItems)
                    {
                        ib[at] = ia[i];
                    }
                }
                (a, b) = (b, a);
                (ia, ib) = (ib, ia);
            }
            for (int i = 0; i < n; i++)
            {
                keys[i] = Value(a[i]);
                if (withItems)
                {
                    items[i] = ia[i];
                }
            }
        }
        finally
        {
            wide.Return(a);
            wide.Return(b);
            narrow.Return(ia);
            narrow.Return(ib);
            narrow.Return(counts);
        }
    }

    // An unsigned key in the doubles' order: negative values have every bit flipped, others the sign bit set; NaN
    // (any payload) is 0, below everything, as Array.Sort puts it.
    private static ulong Key(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & Sign) != 0 ? ~bits : bits | Sign;
    }

    private static double Value(ulong key) =>
        key == 0 ? double.NaN : BitConverter.Int64BitsToDouble((long)((key & Sign) != 0 ? key ^ Sign : ~key));

    // Stable insertion sort by the same keys, for short columns.
    private static void SmallSort(Span<double> keys, Span<int> items)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            double v = keys[i];
            int item = items[i];
            ulong k = Key(v);
            int j = i - 1;
            while (j >= 0 && Key(keys[j]) > k)
            {
                keys[j + 1] = keys[j];
                items[j + 1] = items[j];
                j--;
            }
            keys[j + 1] = v;
            items[j + 1] = item;
        }
    }
}
