using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Charts.Data;

/// <summary>One histogram bar: the share of trials whose NPV falls in [Low, High).</summary>
/// <param name="Low">Lower edge (money).</param>
/// <param name="High">Upper edge (money).</param>
/// <param name="Probability">Share of all trials in the bin, 0..1.</param>
public sealed record HistogramBin(double Low, double High, double Probability);

/// <summary>A percentile marked on a chart.</summary>
/// <param name="Label">e.g. "P10".</param>
/// <param name="Probability">Cumulative probability, e.g. 0.1.</param>
/// <param name="Value">The percentile (money).</param>
public sealed record PercentileMark(string Label, double Probability, double Value);

/// <summary>
/// What the NPV chart draws: a histogram and the S-curve (cumulative probability), both from the run's 201 NPV
/// quantiles, with P10, P50 and P90 from the summary table marked.
/// </summary>
/// <remarks>
/// The run keeps NPV quantiles at p = 0, 0.005, …, 1, not the trials. Each step between neighbouring quantiles
/// holds 0.5% of the trials, spread evenly over it, so a bin's probability is the sum of the overlaps. The
/// chart covers the middle 99% (P0.5 to P99.5), where the extreme minimum and maximum would squash it.
/// </remarks>
/// <param name="Title">Chart title.</param>
/// <param name="Bins">Histogram bins of equal width, left to right.</param>
/// <param name="CurveValues">S-curve x values: NPV quantiles from P0.5 to P99.5 (money).</param>
/// <param name="CurveProbabilities">S-curve y values: cumulative probability 0.005..0.995.</param>
/// <param name="Marks">P10, P50 and P90 of NPV, as in the summary table.</param>
/// <param name="PlanNpv">NPV of the plan (most-likely case).</param>
/// <param name="ProbabilityNegative">Share of trials with NPV below zero, read off the quantiles.</param>
/// <param name="Currency">ISO currency code.</param>
public sealed record NpvChartData(
    string Title,
    IReadOnlyList<HistogramBin> Bins,
    IReadOnlyList<double> CurveValues,
    IReadOnlyList<double> CurveProbabilities,
    IReadOnlyList<PercentileMark> Marks,
    double PlanNpv,
    double ProbabilityNegative,
    string Currency)
{
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>Quantile step of <see cref="RunResult.NpvQuantiles"/>.</summary>
    public const double QuantileStep = 0.005;

    /// <summary>Bars the histogram aims for (the width is rounded to a tidy amount).</summary>
    public const int TargetBinCount = 40;

    /// <summary>When a partner's exit or a risk splits the NPV in two, each group's median.</summary>
    public ConditionalMedians? Split { get; init; }

    /// <summary>Builds the chart data of a run.</summary>
    public static NpvChartData From(RunResult result)
    {
        var s = result.Scenario;
        var q = result.NpvQuantiles;
        int first = 1;
        int last = q.Count - 2;
        var npv = result.Row(MetricNames.Npv);
        var marks = new[] { new PercentileMark("P10", 0.10, npv.P10), new PercentileMark("P50", 0.50, npv.P50), new PercentileMark("P90", 0.90, npv.P90) };
        string rate = (s.DiscountRate * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return new NpvChartData(
            $"Net present value over {s.HorizonYears} years (discounted at {rate}%)",
            Bin(q, q[first], q[last]),
            [.. q.Skip(first).Take(last - first + 1)],
            [.. Enumerable.Range(first, last - first + 1).Select(i => i * QuantileStep)],
            marks,
            result.Plan.Npv,
            CumulativeProbability(q, 0),
            s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s), Split = ConditionalMedians.ForNpv(result, s.Currency) };
    }

    /// <summary>Histogram of the quantile function <paramref name="q"/> (step 0.005) over [low, high].</summary>
    internal static HistogramBin[] Bin(IReadOnlyList<double> q, double low, double high)
    {
        if (!(high > low))
        {
            // Every trial has (nearly) the same NPV: one bar holding the middle 99%.
            double half = Math.Max(1, Math.Abs(low) * 0.01);
            return [new HistogramBin(low - half, low + half, (q.Count - 3) * QuantileStep)];
        }
        double width = TidyWidth((high - low) / TargetBinCount);
        double start = Math.Floor(low / width) * width;
        int count = Math.Max(1, (int)Math.Ceiling((high - start) / width - 1e-9));
        var probability = new double[count];
        for (int i = 1; i + 1 < q.Count - 1; i++)
        {
            double a = q[i];
            double b = q[i + 1];
            if (b <= a)
            {
                // A point mass: the whole step sits at one value.
                int k = Math.Clamp((int)Math.Floor((a - start) / width), 0, count - 1);
                probability[k] += QuantileStep;
                continue;
            }
            int from = Math.Clamp((int)Math.Floor((a - start) / width), 0, count - 1);
            int to = Math.Clamp((int)Math.Floor((b - start) / width), 0, count - 1);
            for (int k = from; k <= to; k++)
            {
                double lo = Math.Max(a, start + k * width);
                double hi = Math.Min(b, start + (k + 1) * width);
                if (hi > lo)
                {
                    probability[k] += QuantileStep * (hi - lo) / (b - a);
                }
            }
        }
        return [.. Enumerable.Range(0, count).Select(k => new HistogramBin(start + k * width, start + (k + 1) * width, probability[k]))];
    }

    /// <summary>P(NPV &lt; x) by linear interpolation of the quantile function.</summary>
    internal static double CumulativeProbability(IReadOnlyList<double> q, double x)
    {
        if (x <= q[0])
        {
            return 0;
        }
        if (x > q[^1])
        {
            return 1;
        }
        for (int i = 0; i + 1 < q.Count; i++)
        {
            if (x <= q[i + 1])
            {
                double span = q[i + 1] - q[i];
                double within = span > 0 ? (x - q[i]) / span : 0;
                return (i + within) * QuantileStep;
            }
        }
        return 1;
    }

    /// <summary>Rounds a bin width up to 1, 2, 2.5 or 5 times a power of ten.</summary>
    internal static double TidyWidth(double raw)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * power >= raw * (1 - 1e-12))
            {
                return m * power;
            }
        }
        return 10 * power;
    }
}
