using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The sensitivity in pounds, the two-outcome test and the plan's standing, on scenarios whose answers are known by
/// hand: a single uncertain saving, a partner whose exit takes everything, and one that takes little.
/// </summary>
public class SensitivitySwingTests
{
    private static RunResult Run(string yaml, long trials, ulong seed = 3) =>
        Simulation.Run(ScenarioReader.Parse(yaml, "swing.yaml"), new SimulationOptions(trials, seed));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // One workstream live from day one with no ramp and no costs, over 3 years at a 0% discount rate: NPV = 3·S.
    private static string OneSaving(string saving) => Inv($"""
        name: one uncertain saving
        horizon_years: 3
        discount_rate: 0
        partners:
          - id: council
            share: 1
        workstreams:
          - id: ict
            annual_saving: {saving}
            go_live_month: 0
        """);

    [Fact]
    public void The_swing_of_a_uniform_saving_is_the_mean_npv_of_its_lowest_and_highest_tenth()
    {
        const int n = 50_000;
        var result = Run(OneSaving("{ uniform: [100000, 200000] }"), n);
        var row = Assert.Single(result.Sensitivity);
        // S ~ U(a, b), a = 100k, b = 200k: the lowest tenth of S is U(a, a + (b − a)/10), mean a + 0.05(b − a) = 105k,
        // the highest U(b − (b − a)/10, b), mean 195k. NPV = 3·S, so the means are 315k and 585k, the swing 270k.
        // The mean of the m = pn smallest of n uniforms has variance ≈ p/(3n)·(b − a)²: SE = 3·100k·√(0.1/150000) = 245.
        double se = 3 * 100_000 * Math.Sqrt(0.1 / (3.0 * n));
        // An inner tenth's mean moves with its two bounding quantiles, each of SE at most (b − a)·√(0.25/n): 3·224 = 671.
        double inner = 3 * 100_000 * Math.Sqrt(0.25 / n);
        Assert.Equal(SwingSplit.Deciles, row.Split);
        Assert.InRange(row.NpvMeanLow, 315_000 - 5 * se, 315_000 + 5 * se);
        Assert.InRange(row.NpvMeanHigh, 585_000 - 5 * se, 585_000 + 5 * se);
        Assert.Equal(row.NpvMeanHigh - row.NpvMeanLow, row.Swing);
        // Each tenth's mean: 3·(a + (d + 0.5)(b − a)/10).
        Assert.Equal(10, row.DecileMeans.Count);
        for (int d = 0; d < 10; d++)
        {
            double expected = 3 * (100_000 + (d + 0.5) * 10_000);
            Assert.InRange(row.DecileMeans[d], expected - 5 * inner, expected + 5 * inner);
        }
        Assert.Equal(row.DecileMeans[0], row.NpvMeanLow);
        Assert.Equal(row.DecileMeans[9], row.NpvMeanHigh);
        // The tornado bar draws those two means around the mean NPV of all trials.
        var bar = Assert.Single(TornadoData.From(result).Bars);
        Assert.Equal(row.NpvMeanLow, bar.NpvLow);
        Assert.Equal(row.NpvMeanHigh, bar.NpvHigh);
        Assert.False(bar.IsYesNo);
        Assert.Equal("ict: annual saving", bar.Label);
    }

    // Two councils; "city" may leave (a 50% chance a year, no notice) and its exit removes savingsLost of the saving.
    private static string Leaver(double savingsLost, double probability = 0.5) => Inv($"""
        name: a council that may leave
        horizon_years: 4
        discount_rate: 0
        partners:
          - id: county
            name: County Council
            share: 0.5
          - id: city
            name: City Council
            share: 0.5
            withdrawal:
              annual_probability: {probability}
              notice_months: 0
              savings_lost: {savingsLost}
              exit_cost: 0
        workstreams:
          - id: ict
            annual_saving: {"{"} normal: {"{"} mean: 1000000, sd: 50000 {"}"} {"}"}
            go_live_month: 0
            depends_on: [city]
        """);

    [Fact]
    public void A_withdrawal_is_one_bar_leaves_yes_or_no_with_leaving_lowering_the_npv()
    {
        var result = Run(Leaver(1.0), 20_000);
        var row = Assert.Single(result.Sensitivity, r => r.Input == "city.withdrawal");
        var exposure = Assert.Single(result.PartnerExposures);
        // The yes/no split is the partner-exposure split of the same trials: "no" stays, "yes" leaves.
        Assert.Equal(SwingSplit.Leaves, row.Split);
        Assert.Equal(exposure.MeanNpvIfStays, row.NpvMeanLow, 6);
        Assert.Equal(exposure.MeanNpvIfExit, row.NpvMeanHigh, 6);
        Assert.True(row.Swing < 0, $"leaving should lower the NPV: swing {row.Swing}");
        Assert.Equal(exposure.TrialsWithExit / (double)result.SensitivityTrials, row.YesFraction, 12);

        var bar = Assert.Single(TornadoData.From(result).Bars, b => b.Key == "city.withdrawal");
        Assert.Equal("City Council leaves within the horizon", bar.Label);
        Assert.True(bar.IsYesNo);
        Assert.True(bar.NpvHigh < bar.NpvLow);
        Assert.StartsWith("yes £", Rendering(bar, high: true), StringComparison.Ordinal);
        Assert.StartsWith("no £", Rendering(bar, high: false), StringComparison.Ordinal);
        Assert.DoesNotContain("higher", bar.Label, StringComparison.OrdinalIgnoreCase);

        // Grouped by partner, the withdrawal's three inputs are the same yes/no bar.
        var grouped = Assert.Single(TornadoData.From(result, TornadoGrouping.Partner).Bars, b => b.Key == "city");
        Assert.True(grouped.IsYesNo);
        Assert.Equal(row.NpvMeanLow, grouped.NpvLow, 6);
        Assert.Equal(row.NpvMeanHigh, grouped.NpvHigh, 6);
        // In the variance view the withdrawal reads as leaving too, and leaving lowers the NPV.
        var variance = Assert.Single(TornadoData.From(result, view: TornadoView.Variance).Bars, b => b.Key == "city.withdrawal");
        Assert.Equal(-1, variance.Direction);
    }

    private static string Rendering(TornadoBar bar, bool high) => Charts.Rendering.TornadoChart.EndLabel(bar, high, "GBP");

    // One saving S ~ N(1m, 50k) over 4 years, and an even chance of a risk that costs a fixed amount in year 2.
    private static string OneRisk(double cost) => Inv($"""
        name: one risk
        horizon_years: 4
        discount_rate: 0
        partners:
          - id: council
            share: 1
        workstreams:
          - id: ict
            annual_saving: {"{"} normal: {"{"} mean: 1000000, sd: 50000 {"}"} {"}"}
            go_live_month: 0
        risks:
          - id: breach
            name: Data breach
            probability: 0.5
            year: 2
            cost: {cost}
        """);

    [Fact]
    public void A_risk_that_costs_far_more_than_the_spread_splits_the_npv_in_two()
    {
        // NPV = 4·S (median 4m, sd 200k) without the risk and 4·S − 3m with it: D = 3m/200k = 15. With half the trials in
        // each group the overall median falls between them (or in the far tail of one), where few trials lie within
        // ±300k of it compared with ±300k of either group's median.
        var result = Run(OneRisk(3_000_000), 20_000);
        var split = Assert.Single(result.TwoOutcomes, t => t.Metric == MetricNames.Npv);
        Assert.Equal(OutcomeDriverKind.RiskOccurs, split.Kind);
        Assert.Equal("breach", split.DriverId);
        // Each group's median: 4m and 1m, give or take 5 SE of a median (1.2533·200k/√10,000).
        double se = 1.2533 * 200_000 / Math.Sqrt(10_000);
        Assert.InRange(split.MedianNo, 4_000_000 - 5 * se, 4_000_000 + 5 * se);
        Assert.InRange(split.MedianYes, 1_000_000 - 5 * se, 1_000_000 + 5 * se);
        Assert.InRange(split.YesFraction, 0.5 - 5 * Math.Sqrt(0.25 / 20_000), 0.5 + 5 * Math.Sqrt(0.25 / 20_000));
        Assert.InRange(split.Separation, 15 * 0.9, 15 * 1.1);
        Assert.True(split.DipRatio < TwoOutcomeSplit.MaxDipRatio);
        // Cumulative medians by year: year 1 is 1m for both (the risk falls in year 2), the last year is each group's NPV.
        Assert.InRange(split.CumulativeMedianYes[0] - split.CumulativeMedianNo[0], -5 * se, 5 * se);
        // Cumulative figures are held as float: equal to the NPV median to float precision (7 significant figures).
        Assert.InRange(split.CumulativeMedianNo[^1] - split.MedianNo, -1, 1);
        string sentence = Core.Text.OutcomeSentences.TwoOutcome(result, split);
        Assert.StartsWith("The NPV falls into two groups, depending on whether the risk 'Data breach' occurs: if it does not (",
            sentence, StringComparison.Ordinal);
        Assert.Contains("if it does, " + Core.Text.Formats.Money(split.MedianYes), sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_risk_that_costs_little_leaves_one_group()
    {
        // The same risk at 100k: the groups overlap (D = 100k/200k = 0.5) and nothing is reported.
        var result = Run(OneRisk(100_000), 20_000);
        Assert.Empty(result.TwoOutcomes);
        Assert.Empty(Core.Text.OutcomeSentences.TwoOutcomes(result));
    }

    [Theory]
    [InlineData("hartlepool-darlington-shared-services.yaml", "darlington")]
    [InlineData("oxfordshire-cherwell-joint-management.yaml", "oxon")]
    [InlineData("worcestershire-shared-ict.yaml", null)]
    public void The_example_scenarios_split_where_a_partners_exit_divides_the_npv(string file, string? partner)
    {
        var result = Simulation.Run(ScenarioReader.ReadFile(Path.Combine(TestPaths.Scenarios, file)), new SimulationOptions(20_000, 1));
        var split = result.TwoOutcomes.FirstOrDefault(t => t.Metric == MetricNames.Npv);
        Assert.Equal(partner, split?.DriverId);
        if (split is not null)
        {
            Assert.Equal(OutcomeDriverKind.PartnerLeaves, split.Kind);
            // The overall median lies between the two groups' medians.
            Assert.InRange(split.Median, Math.Min(split.MedianYes, split.MedianNo), Math.Max(split.MedianYes, split.MedianNo));
        }
    }

    [Fact]
    public void The_two_outcome_test_measures_separation_and_the_gap_at_the_median()
    {
        // Two clusters of 500 at 0..49 and 1000..1049 (step 0.1): medians 24.95 and 1024.95, IQR/1.349 = 25/1.349
        // in each, D = 1000/18.53 = 54; the overall median (524.95) has no value within ±100 of it: dip 0.
        var low = Enumerable.Range(0, 500).Select(i => i * 0.1).ToList();
        var high = low.Select(v => v + 1000).ToList();
        var all = low.Concat(high).ToArray();
        Array.Sort(all);
        double median = RiskSim.Core.Statistics.Percentiles.OfSorted(all, 0.5);
        var (mYes, mNo, d, dip) = TwoOutcomeAnalysis.Test(all, median, high, low);
        Assert.Equal(1024.95, mYes, 9);
        Assert.Equal(24.95, mNo, 9);
        Assert.Equal(1000 / (24.95 / 1.349), d, 6);
        Assert.Equal(0, dip);
        // One uniform run 0..1049.9 split at 1000: D = 1000/√((sYes² + sNo²)/2) ≈ 1000/(√((25² + 500²)/2)/1.349) = 3.8,
        // but the overall median (525) sits where trials are as dense as anywhere (dip above 1: the window round the upper
        // group's median runs past its end), so there is no gap.
        var uniform = Enumerable.Range(0, 10_500).Select(i => i * 0.1).ToArray();
        var below = uniform.Where(v => v < 1000).ToList();
        var above = uniform.Where(v => v >= 1000).ToList();
        var (_, _, d2, dip2) = TwoOutcomeAnalysis.Test(uniform, RiskSim.Core.Statistics.Percentiles.OfSorted(uniform, 0.5), above, below);
        Assert.True(d2 > TwoOutcomeSplit.MinSeparation);
        Assert.True(dip2 > TwoOutcomeSplit.MaxDipRatio, $"dip {dip2}");
    }

    [Fact]
    public void The_plans_standing_is_the_exact_share_of_trials_at_or_above_it()
    {
        // S ~ triangular(0, 200k, 1m): the plan takes the mode, NPV = 3·200k = 600k. P(S ≥ 200k) = 1 − 200²/(1000·200) = 0.8.
        const int n = 40_000;
        var result = Run(OneSaving("{ triangular: [0, 200000, 1000000] }"), n);
        var plan = Assert.IsType<PlanStanding>(result.PlanStanding);
        Assert.Equal(600_000, plan.PlanNpv, 6);
        double se = Math.Sqrt(0.8 * 0.2 / n);
        Assert.InRange(plan.NpvReached, 0.8 - 5 * se, 0.8 + 5 * se);
        // The count is exact over every trial: the paired sample of all trials counts the same.
        var all = Simulation.Run(result.Scenario, new SimulationOptions(n, 3, PairedTrials: n));
        Assert.Equal(all.PairedNpv.Count(v => v >= plan.PlanNpv), plan.TrialsNpvAtLeast);
        Assert.Equal(all.PairedCumulative.Count(v => v >= plan.PlanCumulative), plan.TrialsCumulativeAtLeast);
        Assert.Equal(3, plan.Year);
        // Wilson's interval of 80 out of 100 at 95%: 0.7112 to 0.8666.
        var (lo, hi) = PlanStanding.Wilson(80, 100);
        Assert.Equal(0.7112, lo, 4);
        Assert.Equal(0.8666, hi, 4);
        Assert.Contains("reached or beaten in", Core.Text.OutcomeSentences.Plan(result)[0], StringComparison.Ordinal);
        Assert.Contains("about the 20th percentile", Core.Text.OutcomeSentences.Plan(result)[0], StringComparison.Ordinal);
    }
}
