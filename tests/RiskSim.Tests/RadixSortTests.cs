using RiskSim.Core.Statistics;

namespace RiskSim.Tests;

/// <summary>The radix sort that ranks the sensitivity sample agrees with a stable comparison sort of the same values.</summary>
public class RadixSortTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(511, 2)]
    [InlineData(512, 3)]
    [InlineData(200_000, 4)]
    public void It_orders_values_as_a_stable_sort_does_with_ties_zeros_infinities_and_nan(int n, int seed)
    {
        var random = new Random(seed);
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 1.0, -1.0];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = random.Next(4) switch
            {
                0 => special[random.Next(special.Length)],
                1 => Math.Round(random.NextDouble() * 20 - 10), // many ties
                2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
                _ => random.NextDouble() * 1e6 - 5e5,
            };
        }
        var keys = (double[])values.Clone();
        var items = Enumerable.Range(0, n).ToArray();
        RadixSort.Sort(keys, items);

        // The reference: NaN first, then ascending by value with −0 before +0, ties in their original order (LINQ's
        // OrderBy is stable).
        var expected = Enumerable.Range(0, n)
            .OrderBy(i => double.IsNaN(values[i]) ? 0 : 1)
            .ThenBy(i => double.IsNaN(values[i]) ? 0 : values[i])
            .ThenBy(i => double.IsNegative(values[i]) ? 0 : 1)
            .ToArray();
        Assert.Equal(expected, items);
        for (int i = 0; i < n; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(values[items[i]]) == BitConverter.DoubleToInt64Bits(keys[i]) || double.IsNaN(keys[i]),
                $"position {i}: key {keys[i]:R} is not the value of its item {values[items[i]]:R}");
        }

        // Sorting the keys alone gives the same column.
        var alone = (double[])values.Clone();
        RadixSort.Sort(alone);
        Assert.Equal(keys.Select(BitConverter.DoubleToInt64Bits).Select(b => double.IsNaN(BitConverter.Int64BitsToDouble(b)) ? -1 : b),
            alone.Select(BitConverter.DoubleToInt64Bits).Select(b => double.IsNaN(BitConverter.Int64BitsToDouble(b)) ? -1 : b));

        // Array.Sort agrees on the order of the values themselves (−0 and +0 compare equal there).
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        for (int i = 0; i < n; i++)
        {
            Assert.True(sorted[i] == keys[i] || (double.IsNaN(sorted[i]) && double.IsNaN(keys[i])), $"position {i}: {sorted[i]:R} against {keys[i]:R}");
        }
    }
}
