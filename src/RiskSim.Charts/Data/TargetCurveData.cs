using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Data;

/// <summary>One S-curve: a run's cumulative net savings at the target year against the chance of at most that amount.</summary>
/// <param name="Label">Whose curve it is: the run, or a batch's base scenario or variant.</param>
/// <param name="Values">Cumulative net savings at p = 0.005 … 0.995 (money).</param>
/// <param name="Probabilities">The matching cumulative probabilities, 0.005 … 0.995.</param>
/// <param name="ChanceOfTarget">The run's own P(target met), or null without a target.</param>
public sealed record TargetCurve(string Label, IReadOnlyList<double> Values, IReadOnlyList<double> Probabilities, double? ChanceOfTarget);

/// <summary>
/// What <c>target.png</c> draws: the S-curve (cumulative distribution) of cumulative net savings at the target year
/// (the last year without a target), the target, and the amounts reached with 80%, 90% and 95% confidence (P20, P10
/// and P5, whose shortfall from the target is the reserve), so that a reader can take any confidence level off it.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Curves">One curve per run (a batch draws a base and its variants on the same axes).</param>
/// <param name="Target">The target amount, or null without one.</param>
/// <param name="Marks">The first curve's P20, P10 and P5 with their reserves against the target (labelled by confidence).</param>
/// <param name="Currency">ISO currency code.</param>
public sealed record TargetCurveData(string Title, IReadOnlyList<TargetCurve> Curves, double? Target, IReadOnlyList<PercentileMark> Marks,
    string Currency)
{
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>The chart of one run.</summary>
    public static TargetCurveData From(RunResult result) => From([(result.Scenario.Name, result)]);

    /// <summary>
    /// The chart of several runs of the same horizon and target (a base scenario and its variants), each curve from its run's
    /// <see cref="RunResult.TargetQuantiles"/>; the confidence marks are the first run's.
    /// </summary>
    public static TargetCurveData From(IReadOnlyList<(string Label, RunResult Result)> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var first = runs[0].Result;
        var s = first.Scenario;
        int year = first.TargetQuantilesYear;
        var curves = runs.Select(r => Curve(r.Label, r.Result.TargetQuantiles, r.Result.Decision.ProbabilityTargetMet)).ToList();
        var d = first.Decision;
        var marks = new List<PercentileMark>();
        var row = first.Row(MetricNames.CumulativeNetSavings, year);
        string Money(double v) => Formats.Money(v, s.Currency);
        if (d.Target is { } target && d.CumulativeAtTargetP20 is double p20 && d.CumulativeAtTargetP10 is double p10 && d.CumulativeAtTargetP5 is double p5)
        {
            marks.Add(new PercentileMark($"{(runs.Count > 1 ? $"{runs[0].Label}, " : "")}80% confidence: {Money(p20)} (reserve {Money(d.Reserve80 ?? 0)})", 0.20, p20));
            marks.Add(new PercentileMark($"90%: {Money(p10)} (reserve {Money(d.Reserve90 ?? 0)})", 0.10, p10));
            marks.Add(new PercentileMark($"95%: {Money(p5)} (reserve {Money(d.Reserve95 ?? 0)})", 0.05, p5));
        }
        else
        {
            marks.Add(new PercentileMark($"90% confidence: {Money(row.P10)}", 0.10, row.P10));
            marks.Add(new PercentileMark($"95%: {Money(row.P5)}", 0.05, row.P5));
        }
        string title = d.Target is not null
            ? $"Chance of the target: cumulative net savings by {Report.Headline.ByYear(s, year)}"
            : $"Cumulative net savings by {Report.Headline.ByYear(s, year)}";
        return new TargetCurveData(title, curves, d.Target?.CumulativeNetSavings, marks, s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s) };
    }

    // The middle 99% of the quantiles (p = 0.005 … 0.995), as the NPV chart draws them.
    private static TargetCurve Curve(string label, IReadOnlyList<double> q, double? chance)
    {
        if (q.Count < 3)
        {
            throw new ArgumentException("a run keeps 201 quantiles of cumulative net savings at the target year", nameof(q));
        }
        double step = 1.0 / (q.Count - 1);
        return new TargetCurve(label, [.. q.Skip(1).Take(q.Count - 2)], [.. Enumerable.Range(1, q.Count - 2).Select(i => i * step)], chance);
    }

    /// <summary>The chance of at most <paramref name="amount"/> read off a curve (linear between its points).</summary>
    public static double ChanceAtMost(TargetCurve curve, double amount)
    {
        var v = curve.Values;
        if (amount < v[0])
        {
            return 0;
        }
        if (amount >= v[^1])
        {
            return 1;
        }
        for (int i = 1; i < v.Count; i++)
        {
            if (amount < v[i])
            {
                double span = v[i] - v[i - 1];
                double f = span > 0 ? (amount - v[i - 1]) / span : 0;
                return curve.Probabilities[i - 1] + f * (curve.Probabilities[i] - curve.Probabilities[i - 1]);
            }
        }
        return 1;
    }
}
