namespace RiskSim.Core.Statistics;

/// <summary>A Monte Carlo 95% confidence interval of a figure: its lower and upper ends.</summary>
/// <param name="Low">Lower end.</param>
/// <param name="High">Upper end.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>The larger distance from <paramref name="figure"/> to an end: the figure ± this covers the interval.</summary>
    public double HalfWidthAround(double figure) => Math.Max(figure - Low, High - figure);

    /// <summary>Whether <paramref name="value"/> lies in the interval (ends included).</summary>
    public bool Covers(double value) => value >= Low && value <= High;
}

/// <summary>
/// The 95% Monte Carlo confidence intervals of the figures of a run, from the trials actually run: the Wilson
/// interval for a probability, the distribution-free order-statistic interval for a percentile (and a reserve
/// read from one), and mean ± 1.96·sd/√n for a mean.
/// </summary>
public static class ConfidenceInterval
{
    /// <summary>The two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Wilson score interval of a probability seen <paramref name="successes"/> times in <paramref name="trials"/>.</summary>
    public static Interval Wilson(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        double n = trials, p = successes / n, z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // The exact ends when nothing or everything was seen, free of rounding.
        double low = successes == 0 ? 0 : Math.Max(0, centre - half);
        double high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new Interval(low, high);
    }

    /// <summary>
    /// The ranks of the order statistics that bound the distribution-free 95% interval of the
    /// <paramref name="q"/> quantile of <paramref name="trials"/> values: 1-based ranks
    /// ⌊n·q − 1.96·√(n·q·(1−q))⌋ and ⌈n·q + 1.96·√(n·q·(1−q))⌉, kept within 1..n, returned 0-based
    /// (the index into the values sorted ascending).
    /// </summary>
    public static (long Lower, long Upper) OrderStatisticRanks(long trials, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        double n = trials, spread = Z95 * Math.Sqrt(n * q * (1 - q));
        long lower = (long)Math.Floor(n * q - spread);
        long upper = (long)Math.Ceiling(n * q + spread);
        lower = Math.Clamp(lower, 1, trials);
        upper = Math.Clamp(upper, 1, trials);
        return (lower - 1, upper - 1);
    }

    /// <summary>The interval of a quantile given a way to read the order statistic of each 0-based rank.</summary>
    public static Interval Quantile(long trials, double q, Func<long, double> orderStatistic)
    {
        var (lower, upper) = OrderStatisticRanks(trials, q);
        return new Interval(orderStatistic(lower), orderStatistic(upper));
    }

    /// <summary>
    /// The interval of a reserve <c>max(0, target − q)</c> from the interval of the quantile <c>q</c>: a higher quantile
    /// means a smaller reserve, so the quantile's upper end gives the reserve's lower end.
    /// </summary>
    public static Interval Reserve(double target, Interval quantile) =>
        new(Math.Max(0, target - quantile.High), Math.Max(0, target - quantile.Low));

    /// <summary>mean ± 1.96·sd/√n.</summary>
    public static Interval Mean(double mean, double sd, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        double half = Z95 * sd / Math.Sqrt(trials);
        return new Interval(mean - half, mean + half);
    }
}
