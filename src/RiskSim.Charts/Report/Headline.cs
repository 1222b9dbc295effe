using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Report;

/// <summary>The report's opening sentences, in plain English, for a section 151 officer.</summary>
public static class Headline
{
    /// <summary>
    /// The headline: with a target, the chance of meeting it and the reserve for 90% confidence ("There is a 72%
    /// chance that cumulative net savings reach £5m by 2027/28. To be 90% confident of covering the shortfall
    /// against that target, hold £1.3m in reserve."); without one, that there is none, then the chance of paying
    /// back and NPV P10/P50/P90 (instead, each group's median when the NPV falls into two groups), then a cumulative
    /// figure that falls into two groups and where the business case's own figures fall among the trials.
    /// </summary>
    public static IReadOnlyList<string> Sentences(RunResult result)
    {
        var s = result.Scenario;
        var d = result.Decision;
        string Money(double v) => Formats.Money(v, s.Currency);
        var npv = result.Row(MetricNames.Npv);
        string npvSentence = $"The net present value is {Money(npv.P50)} at the median, with a 10% chance of less than "
            + $"{Money(npv.P10)} and a 10% chance of more than {Money(npv.P90)}.";
        // When the NPV falls into two groups, its median alone misleads: the sentence gives each group's median.
        if (result.TwoOutcomes.FirstOrDefault(t => t.Metric == MetricNames.Npv) is { } split)
        {
            npvSentence = OutcomeSentences.TwoOutcome(result, split);
        }
        string payback = $"There is {Formats.AChance(d.ProbabilityOfPayback)} chance that the programme pays back within the "
            + $"{s.HorizonYears}-year horizon (by {ByYear(s, s.HorizonYears)}).";

        if (d.Target is { } target && d.ProbabilityTargetMet is double met && d.Reserve90 is double reserve90)
        {
            string by = ByYear(s, target.ByYear);
            string first = $"There is {Formats.AChance(met)} chance that cumulative net savings reach {Money(target.CumulativeNetSavings)} by {by}.";
            string second = reserve90 > 0
                ? $"To be 90% confident of covering the shortfall against that target, hold {Money(reserve90)} in reserve."
                : $"No reserve is needed to be 90% confident of that target: in 90% of trials cumulative net savings reach "
                  + $"at least {Money(d.CumulativeAtTargetP10 ?? double.NaN)} by {by}.";
            return [first, second, payback, npvSentence, .. Findings(result)];
        }
        return ["The scenario sets no savings target, so no reserve is calculated.", payback, npvSentence, .. Findings(result)];
    }

    // After the headline figures: a cumulative figure that splits in two, and where the business case's own figures fall.
    private static IEnumerable<string> Findings(RunResult result) =>
        result.TwoOutcomes.Where(t => t.Metric != MetricNames.Npv).Select(t => OutcomeSentences.TwoOutcome(result, t))
            .Concat(OutcomeSentences.Plan(result));

    /// <summary>
    /// The year at which a partner's position is read: its own target year, else the programme's target year, else
    /// the last year of the horizon, with which of the three it is.
    /// </summary>
    public static (int Year, string Basis) PositionYear(Scenario scenario, PartnerDecision partner) =>
        partner.Target is { } own ? (own.ByYear, "its own target year")
        : scenario.Target is { } programme ? (programme.ByYear, "the programme's target year")
        : (scenario.HorizonYears, "the last year");

    /// <summary>
    /// One plain sentence on a partner's own ledger: with its own target, the chance of reaching it and the reserve
    /// for 90% confidence ("There is a 93% chance that County council's own savings reach £200k by 2028/29; to be
    /// 90% confident, hold £12k in reserve."); without one, its median and P10 cumulative net savings at
    /// <see cref="PositionYear"/>.
    /// </summary>
    public static string PartnerSentence(RunResult result, PartnerDecision partner)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        string name = InputLabels.OwnerName(s, partner.PartnerId);
        if (partner.Target is { } target && partner.ProbabilityTargetMet is double met && partner.Reserve90 is double reserve)
        {
            string by = ByYear(s, target.ByYear);
            string first = $"There is {Formats.AChance(met)} chance that {name}'s own savings reach {Money(target.CumulativeNetSavings)} by {by}";
            return reserve > 0
                ? $"{first}; to be 90% confident, hold {Money(reserve)} in reserve."
                : $"{first}; no reserve is needed to be 90% confident.";
        }
        var (year, _) = PositionYear(s, partner);
        var row = result.PartnerRow(partner.PartnerId, MetricNames.CumulativeNetSavings, year);
        return $"{name} has no savings target of its own; its cumulative net savings by {ByYear(s, year)} are {Money(row.P50)} "
            + $"at the median, with a 10% chance of less than {Money(row.P10)}.";
    }

    /// <summary>
    /// When a target falls due: "the end of 2027/28" for a financial year, "the end of year 3" when the scenario has
    /// no start year; read after "by" ("by the end of 2027/28").
    /// </summary>
    public static string ByYear(Scenario scenario, int year) => "the end of " + YearName(scenario, year);

    /// <summary>A year as a point in time: "2027/28", or "year 3" when the scenario has no start year.</summary>
    public static string YearName(Scenario scenario, int year) =>
        scenario.StartYear is null ? $"year {year.ToString(CultureInfo.InvariantCulture)}" : scenario.YearLabel(year);

    /// <summary>The form of a payback year: "pays back in 2015/16" ("pays back in year 3" without a start year).</summary>
    public static string PaysBackIn(Scenario scenario, int year) => "pays back in " + YearName(scenario, year);
}
