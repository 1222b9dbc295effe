namespace RiskSim.Core.Statistics;

/// <summary>Count, mean, sum of squared deviations, min and max of a set of values; mergeable.</summary>
/// <remarks>
/// Merged with Chan's formula in a fixed (block) order, so results do not depend on thread count.
/// </remarks>
internal struct Moments
{
    /// <summary>Number of values.</summary>
    public long Count;

    /// <summary>Mean of the values.</summary>
    public double Mean;

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2;

    /// <summary>Smallest value.</summary>
    public double Min;

    /// <summary>Largest value.</summary>
    public double Max;

    /// <summary>
    /// Moments of a span, computed in two passes for accuracy, in <see cref="ColumnKernels.Lanes"/> lane-wise partial
    /// sums (the same bits on every vector width).
    /// </summary>
    public static Moments Of(ReadOnlySpan<double> values) => ColumnKernels.MomentsOf(values);

    /// <summary>No values.</summary>
    public static Moments Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    /// <summary>Adds <paramref name="other"/>'s values to this set.</summary>
    public void Merge(in Moments other)
    {
        if (other.Count == 0)
        {
            return;
        }
        if (Count == 0)
        {
            this = other;
            return;
        }
        long n = Count + other.Count;
        double delta = other.Mean - Mean;
        Mean += delta * other.Count / n;
        M2 += other.M2 + delta * delta * ((double)Count * other.Count / n);
        Count = n;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>Sample standard deviation (n − 1 denominator); 0 for fewer than two values.</summary>
    public readonly double Sd => Count > 1 ? Math.Sqrt(Math.Max(0, M2 / (Count - 1))) : 0;
}
