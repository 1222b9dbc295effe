using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>A decision figure that goal seek can aim at.</summary>
public enum SeekMetric
{
    /// <summary>P(cumulative net savings at the target year ≥ the target).</summary>
    ProbabilityTargetMet,

    /// <summary>Reserve for 80% confidence: max(0, target − P20).</summary>
    Reserve80,

    /// <summary>Reserve for 90% confidence: max(0, target − P10).</summary>
    Reserve90,

    /// <summary>Reserve for 95% confidence: max(0, target − P5).</summary>
    Reserve95,

    /// <summary>Mean NPV.</summary>
    MeanNpv,
}

/// <summary>How goal seek moves a distribution (a plain number is always set to the value tried).</summary>
public enum SeekMode
{
    /// <summary>Every value plus the same amount: shape and spread kept, the most likely value moved to the value tried.</summary>
    Shift,

    /// <summary>Every value times the same factor: the most likely value scaled to the value tried, the spread with it.</summary>
    Scale,
}

/// <summary>The goal: a decision figure and the value it must reach.</summary>
/// <param name="Metric">The figure.</param>
/// <param name="Value">The value: a chance in [0, 1] or an amount of money.</param>
public sealed record SeekGoal(SeekMetric Metric, double Value)
{
    /// <summary>The goal names on the command line, with their figures.</summary>
    public static readonly IReadOnlyDictionary<string, SeekMetric> Names = new Dictionary<string, SeekMetric>
    {
        ["p_target_met"] = SeekMetric.ProbabilityTargetMet,
        ["reserve_80"] = SeekMetric.Reserve80,
        ["reserve_90"] = SeekMetric.Reserve90,
        ["reserve_95"] = SeekMetric.Reserve95,
        ["mean_npv"] = SeekMetric.MeanNpv,
    };

    /// <summary>True for a reserve: the goal is met when the figure is at most the value (at least, for the others).</summary>
    public bool LowerIsBetter => Metric is SeekMetric.Reserve80 or SeekMetric.Reserve90 or SeekMetric.Reserve95;

    /// <summary>True when the figure needs the scenario's target.</summary>
    public bool NeedsTarget => Metric != SeekMetric.MeanNpv;

    /// <summary>The percentile behind a reserve (0.20, 0.10 or 0.05); NaN for the others.</summary>
    public double ReserveLevel => Metric switch
    {
        SeekMetric.Reserve80 => SummaryBuilder.Reserve80Percentile,
        SeekMetric.Reserve90 => SummaryBuilder.Reserve90Percentile,
        SeekMetric.Reserve95 => SummaryBuilder.Reserve95Percentile,
        _ => double.NaN,
    };
}

/// <summary>
/// The one quantity goal seek varies: a plain number of the scenario, or the most likely value of a distribution
/// (moved by shifting or scaling it), named by a variant path without <c>*</c>.
/// </summary>
/// <param name="Path">Dotted path, e.g. <c>ict.annual_saving</c>, <c>ict.go_live_month</c>, <c>target.cumulative_net_savings</c>.</param>
/// <param name="Kind">What the path holds.</param>
/// <param name="Distribution">The distribution at the path, or null for a plain number.</param>
/// <param name="Current">The number, or the distribution's most likely value, in the scenario as it is.</param>
public sealed record SeekQuantity(string Path, VariantPaths.ValueKind Kind, Distribution? Distribution, double Current)
{
    /// <summary>True for money (a saving, a cost, the target), so values are shown as money.</summary>
    public bool IsMoney => Kind == VariantPaths.ValueKind.Money;

    /// <summary>The quantity at <paramref name="path"/>, or null with a problem when the path names nothing that can vary.</summary>
    public static SeekQuantity? Find(Scenario scenario, string path, ICollection<ScenarioProblem> problems)
    {
        SeekQuantity? Fail(string message)
        {
            problems.Add(new ScenarioProblem(path, message));
            return null;
        }
        if (VariantPaths.Scenario.TryGetValue(path, out var scenarioKind))
        {
            if (path == "discount_rate")
            {
                return new SeekQuantity(path, scenarioKind, null, scenario.DiscountRate);
            }
            return scenario.Target is { } target
                ? new SeekQuantity(path, scenarioKind, null, target.CumulativeNetSavings)
                : Fail($"{path}: the scenario has no target");
        }
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return Fail($"'{path}' is not a path like ict.annual_saving, ict.go_live_month or target.cumulative_net_savings");
        }
        string id = path[..dot], field = path[(dot + 1)..];
        if (id == "*")
        {
            return Fail($"'{path}': goal seek varies one quantity; name one workstream, partner or risk instead of *");
        }
        if (scenario.Workstreams.FirstOrDefault(w => w.Id == id) is { } ws && VariantPaths.Workstream.TryGetValue(field, out var wk))
        {
            return field switch
            {
                "annual_saving" => new(path, wk, ws.AnnualSaving, ws.AnnualSaving.MostLikely),
                "go_live_month" => new(path, wk, null, ws.GoLiveMonth),
                "delay_months" => new(path, wk, ws.DelayMonths, ws.DelayMonths.MostLikely),
                "ramp_months" => new(path, wk, null, ws.RampMonths),
                "implementation_cost" => new(path, wk, ws.ImplementationCost, ws.ImplementationCost.MostLikely),
                "delay_cost_per_month" => new(path, wk, ws.DelayCostPerMonth, ws.DelayCostPerMonth.MostLikely),
                _ when ws.Redundancy is not { } r => Fail($"{path}: workstream '{id}' has no redundancy"),
                "redundancy.headcount" => new(path, wk, ws.Redundancy.Headcount, ws.Redundancy.Headcount.MostLikely),
                _ => new(path, wk, ws.Redundancy.CostPerHead, ws.Redundancy.CostPerHead.MostLikely),
            };
        }
        if (scenario.Partners.FirstOrDefault(p => p.Id == id) is { } partner && VariantPaths.Partner.TryGetValue(field, out var pk))
        {
            if (partner.Withdrawal is not { } w)
            {
                return Fail($"{path}: partner '{id}' has no withdrawal risk");
            }
            return field switch
            {
                "withdrawal.annual_probability" => new(path, pk, null, w.AnnualProbability),
                "withdrawal.notice_months" => new(path, pk, null, w.NoticeMonths),
                "withdrawal.savings_lost" => new(path, pk, w.SavingsLost, w.SavingsLost.MostLikely),
                _ => new(path, pk, w.ExitCost, w.ExitCost.MostLikely),
            };
        }
        if (scenario.Risks.FirstOrDefault(r => r.Id == id) is { } risk)
        {
            if (VariantPaths.Risk.TryGetValue(field, out var rk))
            {
                return field == "probability" ? new(path, rk, null, risk.Probability) : new(path, rk, risk.Cost, risk.Cost.MostLikely);
            }
            if (field.StartsWith("delay_months.", StringComparison.Ordinal)
                && risk.Delays.FirstOrDefault(d => d.WorkstreamId == field["delay_months.".Length..]) is { } delay)
            {
                return new(path, VariantPaths.ValueKind.Delay, delay.Months, delay.Months.MostLikely);
            }
        }
        var ids = scenario.Workstreams.Select(w => w.Id).Concat(scenario.Partners.Select(p => p.Id)).Concat(scenario.Risks.Select(r => r.Id));
        return Fail($"'{path}' matches nothing in the scenario that goal seek can vary (ids: {string.Join(", ", ids)}; "
            + $"fields such as annual_saving, go_live_month, delay_months, implementation_cost, withdrawal.annual_probability, probability, cost)");
    }

    /// <summary>
    /// The scenario with the quantity at <paramref name="value"/>: a number set to it, a distribution shifted or scaled so
    /// that its most likely value is <paramref name="value"/>; null with a problem when that breaks a rule.
    /// </summary>
    public Scenario? Apply(Scenario scenario, double value, SeekMode mode, ICollection<ScenarioProblem> problems)
    {
        VariantChange change;
        if (Distribution is null)
        {
            change = new ShiftChange(Path, value - Current);
        }
        else if (mode == SeekMode.Shift)
        {
            change = new ShiftChange(Path, value - Current);
        }
        else
        {
            if (!(Current > 0) || value < 0)
            {
                problems.Add(new ScenarioProblem(Path, Current > 0
                    ? $"{Path}: scaling cannot reach a most likely value below zero"
                    : $"{Path}: a most likely value of {Current} cannot be scaled; shift it instead"));
                return null;
            }
            change = new ScaleChange(Path, value / Current);
        }
        return VariantApplier.TryApply(scenario, change, out var result, problems) ? result : null;
    }

    /// <summary>
    /// A default bracket for the search: a probability or fraction from 0 to 1, a rate from 0 to 0.5, months from 0 (a
    /// delay distribution from where its lowest value is 0), other amounts the current value ± twice the larger of its size
    /// and three standard deviations (scaled: from 0 to three times the current value).
    /// </summary>
    public (double Low, double High) DefaultBracket(SeekMode mode)
    {
        double sd = Distribution is { } d ? Math.Sqrt(Math.Max(0, d.Variance)) : 0;
        double span = Math.Max(Math.Max(Math.Abs(Current), 3 * sd), 1);
        if (Distribution is not null && mode == SeekMode.Scale)
        {
            return (0, 3 * Math.Max(Current, 0));
        }
        return Kind switch
        {
            VariantPaths.ValueKind.Probability => (0, 1),
            VariantPaths.ValueKind.Fraction => Distribution is { } f ? (Current - f.SupportMin, Current + 1 - f.SupportMax) : (0, 1),
            VariantPaths.ValueKind.Rate => (0, 0.5),
            VariantPaths.ValueKind.Months => (0, Current + 2 * span),
            VariantPaths.ValueKind.Delay => (Current - Distribution!.SupportMin, Current + 2 * span),
            _ => (Current - 2 * span, Current + 2 * span),
        };
    }
}

/// <summary>How goal seek runs.</summary>
/// <param name="Trials">Trials per evaluation.</param>
/// <param name="Seed">The seed of every evaluation (common random numbers).</param>
/// <param name="Threads">Worker threads; 0 means all cores. Never changes the answer.</param>
/// <param name="Low">Lower end of the bracket searched.</param>
/// <param name="High">Upper end.</param>
/// <param name="Tolerance">The search stops when the bracket is narrower than this.</param>
/// <param name="Mode">How a distribution is moved.</param>
public sealed record SeekOptions(long Trials, ulong Seed, int Threads, double Low, double High, double Tolerance, SeekMode Mode);

/// <summary>The answer of goal seek.</summary>
/// <param name="Value">The value found: the end of the final bracket on the side where the goal is met.</param>
/// <param name="AtLeast">True when the goal is met for values at least <see cref="Value"/>, false when at most.</param>
/// <param name="Achieved">The figure at <see cref="Value"/>.</param>
/// <param name="IntervalLow">Lower end of the range of values consistent with the Monte Carlo noise; null when it lies outside the bracket.</param>
/// <param name="IntervalHigh">Upper end; null when outside the bracket.</param>
/// <param name="GoalLow">The lower goal solved for the interval (the goal's 95% interval).</param>
/// <param name="GoalHigh">The upper goal solved for the interval.</param>
/// <param name="Evaluations">Simulations run.</param>
public sealed record SeekResult(double Value, bool AtLeast, double Achieved, double? IntervalLow, double? IntervalHigh,
    double GoalLow, double GoalHigh, int Evaluations);

/// <summary>Why goal seek found no answer: the goal is met at both ends of the bracket or at neither.</summary>
/// <param name="message">What happened, with the figure at both ends.</param>
/// <param name="atLow">The figure at the low end.</param>
/// <param name="atHigh">The figure at the high end.</param>
public sealed class SeekUnreachableException(string message, double atLow, double atHigh) : Exception(message)
{
    /// <summary>The figure at the low end of the bracket.</summary>
    public double AtLow { get; } = atLow;

    /// <summary>The figure at the high end.</summary>
    public double AtHigh { get; } = atHigh;
}

/// <summary>
/// Goal seek: the value of one quantity at which a decision figure reaches a goal, by bisection on common random numbers.
/// Every evaluation simulates the same trials with the same seed (the random streams are keyed by input name, so the
/// uniforms are shared), which makes the figure a deterministic, monotone-in-practice function of the value, and the
/// bisection converges on the value where the goal is first met.
/// </summary>
/// <remarks>
/// The figure comes from the exact sorted trials of each evaluation (cumulative net savings at the target year, type-7
/// percentiles as in the summary) and the mean NPV. The interval solves again for the ends of the goal's 95% interval:
/// for a chance, the Wilson interval of that chance at the trial count; for a reserve, the same goal at the percentile
/// levels of the Wilson interval of its level (an order-statistic interval); for the mean NPV, the goal ± 1.96 standard
/// errors (sd/√n at the answer). Values outside it cannot be told apart from the answer at this trial count.
/// </remarks>
public static class GoalSeek
{
    /// <summary>Most bisection steps per solve.</summary>
    public const int MaxSteps = 200;

    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Solves for the value; throws <see cref="SeekUnreachableException"/> when the bracket does not hold it.</summary>
    /// <exception cref="ArgumentException">The goal needs a target the scenario lacks, or a value in the bracket breaks a rule.</exception>
    public static SeekResult Solve(Scenario scenario, SeekQuantity quantity, SeekGoal goal, SeekOptions options,
        CancellationToken cancellation = default)
    {
        if (goal.NeedsTarget && scenario.Target is null)
        {
            throw new ArgumentException("the scenario has no target, so the chance of meeting it and the reserves have no meaning");
        }
        int evaluations = 0;
        var cache = new Dictionary<double, Sample>();
        Sample At(double x)
        {
            if (cache.TryGetValue(x, out var known))
            {
                return known;
            }
            var problems = new List<ScenarioProblem>();
            var changed = quantity.Apply(scenario, x, options.Mode, problems)
                ?? throw new ArgumentException($"{problems[0].Message} (at {x.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            evaluations++;
            var sample = Evaluate(changed, options, cancellation);
            if (x == options.Low || x == options.High)
            {
                cache[x] = sample;
            }
            return sample;
        }

        double Figure(Sample s, double level) => goal.Metric switch
        {
            SeekMetric.ProbabilityTargetMet => s.ChanceAtLeast(s.Target),
            SeekMetric.MeanNpv => s.NpvMean,
            _ => Math.Max(0, s.Target - Percentiles.OfSorted(s.Cumulative, level)),
        };
        bool Meets(double figure, double value) => goal.LowerIsBetter ? figure <= value : figure >= value;

        // Bisection on "the goal is met": the two ends must differ, and each step keeps them different.
        (double Value, bool AtLeast)? Bisect(double value, double level, bool required)
        {
            double lo = options.Low, hi = options.High;
            double fLo = Figure(At(lo), level), fHi = Figure(At(hi), level);
            bool mLo = Meets(fLo, value), mHi = Meets(fHi, value);
            if (mLo == mHi)
            {
                if (!required)
                {
                    return null;
                }
                throw new SeekUnreachableException(mLo ? "the goal is already met at both ends of the bracket" : "the goal cannot be reached within the bracket", fLo, fHi);
            }
            for (int step = 0; step < MaxSteps && hi - lo > options.Tolerance; step++)
            {
                double mid = lo + (hi - lo) / 2;
                if (mid <= lo || mid >= hi)
                {
                    break;
                }
                if (Meets(Figure(At(mid), level), value) == mHi)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }
            return mHi ? (hi, true) : (lo, false);
        }

        long n = options.Trials;
        var answer = Bisect(goal.Value, goal.ReserveLevel, required: true)!.Value;
        var atAnswer = At(answer.Value);
        double achieved = Figure(atAnswer, goal.ReserveLevel);
        double goalLow, goalHigh;
        double? low, high;
        switch (goal.Metric)
        {
            case SeekMetric.ProbabilityTargetMet:
                (goalLow, goalHigh) = Wilson(goal.Value, n);
                (low, high) = Ends(Bisect(goalLow, double.NaN, false)?.Value, Bisect(goalHigh, double.NaN, false)?.Value);
                break;
            case SeekMetric.MeanNpv:
                double se = Z95 * atAnswer.NpvSd / Math.Sqrt(n);
                (goalLow, goalHigh) = (goal.Value - se, goal.Value + se);
                (low, high) = Ends(Bisect(goalLow, double.NaN, false)?.Value, Bisect(goalHigh, double.NaN, false)?.Value);
                break;
            default:
                // A reserve is a percentile: the same goal at the ends of its level's Wilson interval.
                var (levelLow, levelHigh) = Wilson(goal.ReserveLevel, n);
                (goalLow, goalHigh) = (goal.Value, goal.Value);
                (low, high) = Ends(Bisect(goal.Value, levelLow, false)?.Value, Bisect(goal.Value, levelHigh, false)?.Value);
                break;
        }
        return new SeekResult(answer.Value, answer.AtLeast, achieved, low, high, goalLow, goalHigh, evaluations);

        (double?, double?) Ends(double? a, double? b)
        {
            // Both ends found: in order. One found: the other lies beyond the bracket on the far side of the answer.
            if (a is double x && b is double y)
            {
                return (Math.Min(x, y), Math.Max(x, y));
            }
            if ((a ?? b) is double found)
            {
                return found <= answer.Value ? (found, null) : (null, found);
            }
            return (null, null);
        }
    }

    /// <summary>The 95% Wilson score interval of a proportion <paramref name="p"/> observed in <paramref name="n"/> trials.</summary>
    public static (double Low, double High) Wilson(double p, long n)
    {
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>One evaluation: cumulative net savings at the target year (sorted) and NPV's mean and sd over the trials.</summary>
    private sealed record Sample(double[] Cumulative, double Target, double NpvMean, double NpvSd)
    {
        public double ChanceAtLeast(double amount)
        {
            int lo = 0, hi = Cumulative.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (Cumulative[mid] < amount)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return (double)(Cumulative.Length - lo) / Cumulative.Length;
        }
    }

    // Simulates every trial of the changed scenario (programme ledger only) with the same seed and keeps what the figures need.
    private static Sample Evaluate(Scenario scenario, SeekOptions options, CancellationToken cancellation)
    {
        var model = new CompiledScenario(scenario, partnerLedgers: false);
        var simulation = new SimulationOptions(options.Trials, options.Seed, options.Threads) { PartnerLedgers = false };
        var scheduler = new WaveScheduler(model, simulation);
        var layout = model.Layout.Programme;
        int year = scenario.Target?.ByYear ?? model.H;
        int cumulativeMetric = layout.Cumulative(year);
        var cumulative = new double[options.Trials];
        var npv = new double[options.Trials];
        scheduler.RunAll((_, w) =>
        {
            InputSampler.SampleInputs(w, options.Seed, full: false);
            TrialEvaluator.Simulate(w, 0, -1);
            w.Metric(cumulativeMetric).CopyTo(cumulative.AsSpan((int)w.FirstTrial, w.Count));
            w.Metric(layout.Npv).CopyTo(npv.AsSpan((int)w.FirstTrial, w.Count));
        }, null, cancellation);
        Array.Sort(cumulative);
        // Moments in trial order, so the figure never depends on the thread count.
        var moments = Moments.Of(npv);
        return new Sample(cumulative, scenario.Target?.CumulativeNetSavings ?? double.NaN, moments.Mean, moments.Sd);
    }
}
