using RiskSim.Core.Statistics;
using RiskSim.Core.Text;

namespace RiskSim.Core.Engine;

/// <summary>
/// How precisely a run's decision figures are known, judged from their 95% Monte Carlo intervals: whether a
/// chance is known to within a number of percentage points, whether a reserve is known to within a share of
/// itself, and the plain warnings shown beside a figure whose interval is wider than the limits (±1 percentage
/// point for the chance of meeting a target, ±2% for a reserve).
/// </summary>
/// <remarks>
/// A figure is known to within a margin when the figure ± that margin covers its whole interval (the intervals are
/// not symmetric, so the larger side counts). A reserve is judged against itself, but never against less than 1%
/// of its target: a reserve of nil, or nearly nil, is known well enough once its interval is within 1% of the target
/// times the margin, or a run would never settle a reserve that the target is already met at that confidence.
/// </remarks>
public static class DecisionPrecision
{
    /// <summary>Widest tolerated half-width of the chance of meeting a target: 1 percentage point.</summary>
    public const double ProbabilityLimit = 0.01;

    /// <summary>Widest tolerated half-width of a reserve, relative to the reserve: 2%.</summary>
    public const double ReserveLimit = 0.02;

    /// <summary>The smallest reserve a reserve's precision is judged against, as a share of its target.</summary>
    public const double ReserveFloorShareOfTarget = 0.01;

    /// <summary>Whether the chance <paramref name="p"/> is known to within <paramref name="points"/> (a fraction: 0.01 = 1 point).</summary>
    public static bool ProbabilityKnown(double p, Interval ci, double points) => ci.HalfWidthAround(p) <= points;

    /// <summary>
    /// Whether the reserve is known to within <paramref name="relative"/> of itself (or of 1% of the target when it is
    /// smaller than that).
    /// </summary>
    public static bool ReserveKnown(double reserve, Interval ci, double target, double relative) =>
        ci.HalfWidthAround(reserve) <= relative * Math.Max(reserve, ReserveFloorShareOfTarget * Math.Abs(target));

    /// <summary>
    /// One plain warning for each decision figure whose interval is wider than the limits: the programme's chance of
    /// meeting its target and its three reserves, then each partner's chance of meeting its own target and reserves.
    /// Empty when every figure is precise enough.
    /// </summary>
    public static IReadOnlyList<string> Warnings(RunResult result)
    {
        var warnings = new List<string>();
        var d = result.Decision;
        string currency = result.Scenario.Currency;
        string only = $"only {result.Trials:N0} trials";
        if (d.Target is { } target && d.ProbabilityTargetMet is double p && d.ProbabilityTargetMetCi95 is { } pCi)
        {
            warnings.AddRange(ProbabilityWarning(only, "the chance of meeting the target", p, pCi));
            warnings.AddRange(ReserveWarnings(only, "the reserve", target.CumulativeNetSavings, d.Reserve80, d.Reserve90, d.Reserve95,
                d.ReservesCi95, currency));
        }
        foreach (var partner in d.Partners)
        {
            if (partner.Target is not { } own || partner.ProbabilityTargetMet is not double met || partner.ProbabilityTargetMetCi95 is not { } metCi)
            {
                continue;
            }
            string name = partner.Name.Length > 0 ? partner.Name : partner.PartnerId;
            warnings.AddRange(ProbabilityWarning(only, $"{name}'s chance of meeting its own target", met, metCi));
            warnings.AddRange(ReserveWarnings(only, $"{name}'s reserve", own.CumulativeNetSavings, partner.Reserve80, partner.Reserve90,
                partner.Reserve95, partner.ReservesCi95, currency));
        }
        return warnings;
    }

    /// <summary>The warning for a chance of meeting a target, or none when it is known to ±1 point.</summary>
    public static IEnumerable<string> ProbabilityWarning(string only, string what, double p, Interval ci)
    {
        if (ProbabilityKnown(p, ci, ProbabilityLimit))
        {
            yield break;
        }
        yield return $"{Capital(only)}: {what} could be anywhere between {Formats.Percent(ci.Low)} and {Formats.Percent(ci.High)}; run more trials.";
    }

    private static IEnumerable<string> ReserveWarnings(string only, string what, double target, double? r80, double? r90, double? r95,
        ReserveIntervals? ci, string currency)
    {
        if (ci is null)
        {
            yield break;
        }
        foreach (var (confidence, reserve, interval) in new[] { ("80%", r80, ci.Reserve80), ("90%", r90, ci.Reserve90), ("95%", r95, ci.Reserve95) })
        {
            if (reserve is double r && !ReserveKnown(r, interval, target, ReserveLimit))
            {
                yield return $"{Capital(only)}: {what} for {confidence} confidence could be anywhere between "
                    + $"{Formats.Money(interval.Low, currency)} and {Formats.Money(interval.High, currency)}; run more trials.";
            }
        }
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
