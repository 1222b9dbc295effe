using System.Globalization;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// A run to a stated precision: it runs until the chance of meeting the target and the reserves for 80%, 90% and
/// 95% confidence are each known to within <see cref="Margin"/> at 95% confidence (the chance in percentage points,
/// each reserve relative to itself), judged only at fixed checkpoints so that the same seed always stops at the same
/// trial count. Without a target the margin applies to the chance of paying back within the horizon.
/// </summary>
/// <param name="Margin">The precision as a fraction: 0.005 for 0.5%.</param>
public sealed record PrecisionGoal(double Margin)
{
    /// <summary>Most trials a precision run simulates unless told otherwise.</summary>
    public const long DefaultMaxTrials = 10_000_000;

    /// <summary>Smallest precision accepted: 0.01%.</summary>
    public const double SmallestMargin = 0.0001;

    /// <summary>Largest precision accepted: 20%.</summary>
    public const double LargestMargin = 0.2;

    /// <summary>The unit the checkpoints are multiples of: the percentile estimator's pilot, 16 blocks of trials.</summary>
    public const long CheckpointUnit = 65_536;

    /// <summary>
    /// The trial counts at which a run with at most <paramref name="maxTrials"/> trials may stop: 65,536 × 1.5, 2, 3, 4,
    /// 6, 8, 12, 16, … (every one a whole number of blocks, and larger than the pilot), then <paramref name="maxTrials"/>.
    /// </summary>
    public static IReadOnlyList<long> Checkpoints(long maxTrials)
    {
        var checkpoints = new List<long>();
        for (long unit = CheckpointUnit / 2; ; unit *= 2)
        {
            foreach (long c in new[] { 3 * unit, 4 * unit })
            {
                if (c >= maxTrials)
                {
                    checkpoints.Add(maxTrials);
                    return checkpoints;
                }
                checkpoints.Add(c);
            }
        }
    }

    /// <summary>The precision as written for people: "0.5%".</summary>
    public string Text => (Margin * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Reads a precision as written on the command line or in a scenario: a percentage such as <c>0.5%</c>, or a
    /// fraction such as <c>0.005</c>; null with the reason when it is not one from 0.01% to 20%.
    /// </summary>
    public static (PrecisionGoal? Goal, string? Problem) Parse(string text)
    {
        string t = text.Trim();
        bool percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1].TrimEnd();
        }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            return (null, $"must be a percentage such as 0.5%, not '{text}'");
        }
        return Of(percent ? value / 100 : value, text, percent);
    }

    /// <summary>
    /// A precision from a fraction; null with the reason when it is outside 0.01%..20% (with a hint when a plain number
    /// such as 0.5 was probably meant as a percentage).
    /// </summary>
    public static (PrecisionGoal? Goal, string? Problem) Of(double fraction, string written, bool percent = false)
    {
        if (!percent && fraction > LargestMargin && fraction <= 100 * LargestMargin)
        {
            return (null, $"must be from 0.01% to 20%; '{written}' reads as {(fraction * 100).ToString("0.##", CultureInfo.InvariantCulture)}% (write a percentage, e.g. 0.5%)");
        }
        if (!(fraction >= SmallestMargin && fraction <= LargestMargin))
        {
            return (null, $"must be from 0.01% to 20%, not '{written}'");
        }
        return (new PrecisionGoal(fraction), null);
    }
}

/// <summary>One decision figure at a checkpoint of a precision run.</summary>
/// <param name="Name">Its key in decision.json: <c>p_target_met</c>, <c>reserve_80</c>, <c>reserve_90</c>,
/// <c>reserve_95</c> or, without a target, <c>p_payback_within_horizon</c>.</param>
/// <param name="Value">The figure from the trials so far.</param>
/// <param name="Ci95">Its 95% Monte Carlo interval; null when it could not be read at this checkpoint.</param>
/// <param name="Known">Whether it is known to the requested precision.</param>
public sealed record PrecisionFigure(string Name, double Value, Interval? Ci95, bool Known);

/// <summary>The decision figures a precision run watches, after <paramref name="Trials"/> trials.</summary>
/// <param name="Trials">Trials run so far.</param>
/// <param name="Figures">Each watched figure.</param>
public sealed record PrecisionCheckpoint(long Trials, IReadOnlyList<PrecisionFigure> Figures)
{
    /// <summary>Whether every watched figure is known to the requested precision.</summary>
    public bool Reached => Figures.All(f => f.Known);
}

/// <summary>How a precision run ended.</summary>
/// <param name="Goal">The precision asked for.</param>
/// <param name="MaxTrials">The cap on trials.</param>
/// <param name="Reached">Whether the final figures are known to that precision (false when the cap stopped the run first).</param>
/// <param name="Checkpoints">The watched figures at every checkpoint passed, the last one being the run's own figures.</param>
public sealed record PrecisionOutcome(PrecisionGoal Goal, long MaxTrials, bool Reached, IReadOnlyList<PrecisionCheckpoint> Checkpoints)
{
    /// <summary>Labels of the watched figures for people.</summary>
    public static string Label(string name) => name switch
    {
        "p_target_met" => "the chance of meeting the target",
        "reserve_80" => "the reserve for 80% confidence",
        "reserve_90" => "the reserve for 90% confidence",
        "reserve_95" => "the reserve for 95% confidence",
        _ => "the chance of paying back within the horizon",
    };

    /// <summary>
    /// How the run stopped, in words: after how many trials the figures were known to the precision, or that the cap
    /// stopped it first and which figures were still too uncertain.
    /// </summary>
    public string Sentence(long trials)
    {
        var last = Checkpoints[^1];
        bool target = last.Figures.Any(f => f.Name == "p_target_met");
        string what = target
            ? "the chance of meeting the target and the reserves for 80%, 90% and 95% confidence"
            : "the chance of paying back within the horizon (the scenario has no target)";
        string measure = target ? $"to within ±{Goal.Text} (the chance in percentage points, each reserve relative to itself)" : $"to within ±{Goal.Text} points";
        if (Reached)
        {
            return $"Stopped after {trials:N0} trials: {what} are each known {measure} at 95% confidence.";
        }
        var open = last.Figures.Where(f => !f.Known).Select(f => Label(f.Name));
        return $"Stopped at the limit of {MaxTrials:N0} trials before the precision was reached: {string.Join(", ", open)} "
            + $"{(last.Figures.Count(f => !f.Known) == 1 ? "is" : "are")} not yet known to within ±{Goal.Text}. "
            + "Raise --max-trials or ask for less precision.";
    }
}

/// <summary>
/// Watches a precision run: keeps the lowest values of the target-year column (those at or below a cut-off read from
/// the pilot, above the upper end of the 20th percentile's interval with a wide margin) so the reserves' intervals can
/// be read exactly at each checkpoint without keeping the whole column, and judges the watched figures there.
/// </summary>
/// <remarks>
/// Memory: about a fifth of the target-year column (some 18 MB at 10 million trials). Thread safety: <see cref="Record"/>
/// writes only its own block's slot; the rest runs between waves on one thread.
/// </remarks>
internal sealed class PrecisionMonitor
{
    private readonly PrecisionGoal _goal;
    private readonly int _metric;
    private readonly double _target;
    private readonly double[]?[] _tail;
    private double _cutoff = double.PositiveInfinity;

    public PrecisionMonitor(CompiledScenario model, PrecisionGoal goal, long blocks)
    {
        _goal = goal;
        if (model.Scenario.Target is { } target)
        {
            _metric = model.Layout.Programme.Cumulative(target.ByYear);
            _target = target.CumulativeNetSavings;
        }
        else
        {
            _metric = -1;
        }
        _tail = new double[]?[_metric >= 0 ? blocks : 0];
    }

    /// <summary>Keeps the block's target-year values at or below the cut-off.</summary>
    public void Record(BlockWorkspace w)
    {
        if (_metric < 0)
        {
            return;
        }
        double cutoff = Volatile.Read(ref _cutoff);
        var kept = new List<double>();
        foreach (double v in w.Metric(_metric))
        {
            if (v <= cutoff)
            {
                kept.Add(v);
            }
        }
        _tail[w.BlockIndex] = kept.ToArray();
    }

    /// <summary>Fixes the cut-off from the first <paramref name="pilotBlocks"/> blocks (every value of which was kept).</summary>
    public void PilotDone(long pilotBlocks)
    {
        if (_metric < 0 || !double.IsPositiveInfinity(_cutoff))
        {
            return;
        }
        var pilot = _tail.Take((int)pilotBlocks).SelectMany(b => b ?? []).ToArray();
        Array.Sort(pilot);
        int n = pilot.Length;
        double p = SummaryBuilder.Reserve80Percentile;
        // The 20th percentile's interval at the smallest checkpoint, plus 6 standard errors of the pilot's own estimate.
        double delta = (6 + ConfidenceInterval.Z95) * Math.Sqrt(p * (1 - p) / n) + 2.0 / n;
        double cutoff = Percentiles.OfSorted(pilot, Math.Min(1, p + delta));
        Volatile.Write(ref _cutoff, cutoff);
        for (int b = 0; b < _tail.Length; b++)
        {
            if (_tail[b] is { } values)
            {
                _tail[b] = values.Where(v => v <= cutoff).ToArray();
            }
        }
    }

    /// <summary>The watched figures after the first <paramref name="n"/> trials.</summary>
    /// <param name="n">Trials so far (whole blocks).</param>
    /// <param name="targetMet">Trials so far that met the target.</param>
    /// <param name="paidBack">Trials so far that paid back within the horizon.</param>
    public PrecisionCheckpoint Check(long n, long targetMet, long paidBack)
    {
        if (_metric < 0)
        {
            var payback = ConfidenceInterval.Wilson(paidBack, n);
            double p = (double)paidBack / n;
            return new PrecisionCheckpoint(n, [new PrecisionFigure("p_payback_within_horizon", p, payback,
                DecisionPrecision.ProbabilityKnown(p, payback, _goal.Margin))]);
        }
        var figures = new List<PrecisionFigure>();
        double met = (double)targetMet / n;
        var metCi = ConfidenceInterval.Wilson(targetMet, n);
        figures.Add(new PrecisionFigure("p_target_met", met, metCi, DecisionPrecision.ProbabilityKnown(met, metCi, _goal.Margin)));
        long blocks = (n + SimulationOptions.BlockSize - 1) / SimulationOptions.BlockSize;
        var sorted = _tail.Take((int)blocks).SelectMany(b => b ?? []).ToArray();
        Array.Sort(sorted);
        foreach (var (name, q) in new[] { ("reserve_80", SummaryBuilder.Reserve80Percentile), ("reserve_90", SummaryBuilder.Reserve90Percentile),
            ("reserve_95", SummaryBuilder.Reserve95Percentile) })
        {
            long k = (long)Math.Floor((n - 1) * q);
            var (_, upper) = ConfidenceInterval.OrderStatisticRanks(n, q);
            if (Math.Max(upper, k + 1) >= sorted.Length)
            {
                // The cut-off fell short of the interval (a pilot far from the run): not known here, so the run goes on.
                figures.Add(new PrecisionFigure(name, double.NaN, null, false));
                continue;
            }
            double quantile = Percentiles.Interpolated(n, q, rank => sorted[rank]);
            double reserve = Math.Max(0, _target - quantile);
            var ci = ConfidenceInterval.Reserve(_target, ConfidenceInterval.Quantile(n, q, rank => sorted[rank]));
            figures.Add(new PrecisionFigure(name, reserve, ci, DecisionPrecision.ReserveKnown(reserve, ci, _target, _goal.Margin)));
        }
        return new PrecisionCheckpoint(n, figures);
    }

    /// <summary>The watched figures of a finished run, from its decision figures.</summary>
    public static PrecisionCheckpoint FromDecision(long n, DecisionFigures d, PrecisionGoal goal)
    {
        double margin = goal.Margin;
        if (d.Target is not { } target || d.ProbabilityTargetMet is not double met || d.ProbabilityTargetMetCi95 is not { } metCi
            || d.ReservesCi95 is not { } r)
        {
            return new PrecisionCheckpoint(n, [new PrecisionFigure("p_payback_within_horizon", d.ProbabilityOfPayback, d.ProbabilityOfPaybackCi95,
                DecisionPrecision.ProbabilityKnown(d.ProbabilityOfPayback, d.ProbabilityOfPaybackCi95, margin))]);
        }
        double t = target.CumulativeNetSavings;
        PrecisionFigure Reserve(string name, double? value, Interval ci) =>
            new(name, value ?? double.NaN, ci, value is double v && DecisionPrecision.ReserveKnown(v, ci, t, margin));
        return new PrecisionCheckpoint(n,
        [
            new PrecisionFigure("p_target_met", met, metCi, DecisionPrecision.ProbabilityKnown(met, metCi, margin)),
            Reserve("reserve_80", d.Reserve80, r.Reserve80),
            Reserve("reserve_90", d.Reserve90, r.Reserve90),
            Reserve("reserve_95", d.Reserve95, r.Reserve95),
        ]);
    }
}
