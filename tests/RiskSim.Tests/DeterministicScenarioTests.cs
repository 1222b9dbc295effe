using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Scenarios whose every input is a constant (probabilities only 0 or 1), so each trial is the same and
/// every figure can be worked out by hand from the model of one trial. Each test writes its arithmetic in comments
/// and checks the engine to 1e-9 relative, with min == max since nothing is random.
/// </summary>
public class DeterministicScenarioTests
{
    private const double RelativeTolerance = 1e-9;

    private static RunResult Run(string yaml)
    {
        var scenario = ScenarioReader.Parse(yaml, "deterministic.yaml");
        return Simulation.Run(scenario, new SimulationOptions(1000, 1));
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double tolerance = RelativeTolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R}"));
    }

    /// <summary>Checks one deterministic figure: every trial equal (min == max) and the mean as computed by hand.</summary>
    private static void AssertFigure(RunResult result, string metric, int? year, double expected)
    {
        var row = result.Row(metric, year);
        string what = year is int y ? $"{metric} year {y}" : metric;
        Assert.True(row.Min == row.Max,
            string.Create(CultureInfo.InvariantCulture, $"{what} should be deterministic: min {row.Min:R}, max {row.Max:R}"));
        Assert.Equal(1000, row.Count);
        AssertClose(expected, row.Mean, what);
        AssertClose(expected, row.P50, what + " p50");
    }

    /// <summary>Checks a per-year metric for years 1..expected.Length.</summary>
    private static void AssertYears(RunResult result, string metric, params double[] expected)
    {
        for (int t = 1; t <= expected.Length; t++)
        {
            AssertFigure(result, metric, t, expected[t - 1]);
        }
    }

    /// <summary>P(exit within the horizon) of a partner; one without a withdrawal risk, if listed, shows 0.</summary>
    private static double ExitProbability(RunResult result, string partnerId) =>
        Assert.Single(result.Decision.PartnerExits, e => e.PartnerId == partnerId).ProbabilityOfExit;

    private static void AssertNeverLeaves(RunResult result, string partnerId)
    {
        var listed = result.Decision.PartnerExits.Where(e => e.PartnerId == partnerId).ToList();
        Assert.True(listed.Count == 0 || (listed.Count == 1 && listed[0].ProbabilityOfExit == 0),
            $"{partnerId} has no withdrawal risk but is listed with P(exit) "
            + string.Join(", ", listed.Select(e => e.ProbabilityOfExit.ToString("R", CultureInfo.InvariantCulture))));
    }

    private static void AssertNoPayback(RunResult result)
    {
        Assert.Equal(0, result.Decision.ProbabilityOfPayback);
        Assert.Equal(0, result.Row(MetricNames.PaybackYear).Count);
    }

    private static void AssertPayback(RunResult result, int year)
    {
        Assert.Equal(1, result.Decision.ProbabilityOfPayback);
        var row = result.Row(MetricNames.PaybackYear);
        Assert.Equal(1000, row.Count);
        Assert.Equal(year, row.Mean);
        Assert.Equal(year, row.Min);
        Assert.Equal(year, row.Max);
    }

    [Fact]
    public void Delay_crossing_year_end_splits_savings()
    {
        var result = Run("""
            name: delay across a year end
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 120000
                go_live_month: 9
                delay_months: 6
            """);
        // g = (9 + 6) / 12 = 1.25 years.
        // Year 1 [0, 1): nothing live                      -> 0
        // Year 2 [1, 2): live for 2 - 1.25 = 0.75 years    -> 120000 * 0.75 = 90000
        // Year 3 [2, 3): live all year                     -> 120000
        AssertYears(result, MetricNames.GrossSavings, 0, 90_000, 120_000);
        AssertYears(result, MetricNames.Costs, 0, 0, 0);
        AssertYears(result, MetricNames.NetSavings, 0, 90_000, 120_000);
        // Cumulative: 0, 90000, 210000.
        AssertYears(result, MetricNames.CumulativeNetSavings, 0, 90_000, 210_000);
        AssertFigure(result, MetricNames.TotalNetSavings, null, 210_000);
        // r = 0: NPV = total.
        AssertFigure(result, MetricNames.Npv, null, 210_000);
    }

    [Theory]
    // go-live 6 months, ramp 12 months: g = 0.5, R = 1, ramp(u) = u on [0, 1).
    //   Y1 = ∫_{0.5}^{1} (τ − 0.5) dτ = 0.5²/2 = 0.125
    //   Y2 = ∫_{1}^{1.5} (τ − 0.5) dτ + 0.5 = (1² − 0.5²)/2 + 0.5 = 0.375 + 0.5 = 0.875
    //   Y3 = Y4 = 1
    [InlineData(6, 12, 0.125, 0.875, 1.0, 1.0)]
    // go-live 6, ramp 24: g = 0.5, R = 2, ramp(u) = u/2.
    //   Y1 = ∫_0^{0.5} u/2 du = 0.25/4 = 0.0625
    //   Y2 = ∫_{0.5}^{1.5} u/2 du = (2.25 − 0.25)/4 = 0.5
    //   Y3 = ∫_{1.5}^{2} u/2 du + (2.5 − 2) = (4 − 2.25)/4 + 0.5 = 0.4375 + 0.5 = 0.9375
    //   Y4 = 1
    [InlineData(6, 24, 0.0625, 0.5, 0.9375, 1.0)]
    // go-live 0, ramp 36: R = 3, ramp(u) = u/3: Y_t = (t² − (t−1)²)/6 for t ≤ 3: 1/6, 3/6, 5/6; Y4 = 1.
    [InlineData(0, 36, 1.0 / 6, 0.5, 5.0 / 6, 1.0)]
    // go-live 18, ramp 6: g = 1.5, R = 0.5, ramp(u) = 2u: Y2 = ∫_0^{0.5} 2u du = 0.25; Y3 = Y4 = 1.
    [InlineData(18, 6, 0.0, 0.25, 1.0, 1.0)]
    public void Linear_ramp_integrates_over_each_year(double goLiveMonth, double rampMonths,
        double y1, double y2, double y3, double y4)
    {
        var result = Run(string.Create(CultureInfo.InvariantCulture, $"""
            name: ramp
            horizon_years: 4
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 120000
                go_live_month: {goLiveMonth}
                ramp_months: {rampMonths}
            """));
        // Gross saving in year t = S · (fraction of a full year's saving computed above), S = 120000.
        const double s = 120_000;
        AssertYears(result, MetricNames.GrossSavings, s * y1, s * y2, s * y3, s * y4);
        AssertFigure(result, MetricNames.TotalNetSavings, null, s * (y1 + y2 + y3 + y4));
    }

    [Fact]
    public void Implementation_cost_is_spread_evenly_up_to_a_fractional_go_live()
    {
        var result = Run("""
            name: implementation spread
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 120000
                go_live_month: 18
                implementation_cost: 300000
            """);
        // g = 18/12 = 1.5: 300000 spread over [0, 1.5) = 200000 a year.
        //   Y1: 200000 · 1 = 200000 (2/3); Y2: 200000 · 0.5 = 100000 (1/3); Y3: 0.
        AssertYears(result, MetricNames.Costs, 200_000, 100_000, 0);
        // Gross: 0, 120000 · 0.5 = 60000, 120000.
        AssertYears(result, MetricNames.GrossSavings, 0, 60_000, 120_000);
        // Net: −200000, −40000, 120000; cumulative −200000, −240000, −120000.
        AssertYears(result, MetricNames.NetSavings, -200_000, -40_000, 120_000);
        AssertYears(result, MetricNames.CumulativeNetSavings, -200_000, -240_000, -120_000);
        AssertFigure(result, MetricNames.Npv, null, -120_000);
        // Cumulative at H is negative: no payback.
        AssertNoPayback(result);
    }

    [Fact]
    public void Implementation_cost_falls_in_year_one_when_go_live_is_at_time_zero()
    {
        var result = Run("""
            name: implementation at zero
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 120000
                implementation_cost: 300000
            """);
        // g = 0: the whole 300000 in year 1.
        AssertYears(result, MetricNames.Costs, 300_000, 0, 0);
        AssertYears(result, MetricNames.GrossSavings, 120_000, 120_000, 120_000);
        // Net −180000, 120000, 120000; cumulative −180000, −60000, 60000: payback in year 3.
        AssertYears(result, MetricNames.NetSavings, -180_000, 120_000, 120_000);
        AssertYears(result, MetricNames.CumulativeNetSavings, -180_000, -60_000, 60_000);
        AssertPayback(result, 3);
    }

    [Theory]
    [InlineData("2.5", 3)]   // halves round up
    [InlineData("2.49", 2)]
    [InlineData("0.5", 1)]
    [InlineData("0", 0)]
    [InlineData("-1.4", 0)]  // negative headcounts count as 0
    [InlineData("-0.5", 0)]
    public void Delay_cost_and_redundancy_fall_at_go_live(string headcount, int heads)
    {
        var result = Run($"""
            name: costs at go-live
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 60000
                go_live_month: 10
                delay_months: 5
                delay_cost_per_month: 2000
                redundancy:
                  headcount: {headcount}
                  cost_per_head: 40000
            """);
        // g = (10 + 5)/12 = 1.25 -> year 2.
        // Delay cost 5 · 2000 = 10000; redundancy round(headcount) · 40000; both at g, so in year 2.
        double atGoLive = 10_000 + heads * 40_000.0;
        AssertYears(result, MetricNames.Costs, 0, atGoLive, 0);
        // Gross: 0, 60000 · 0.75 = 45000, 60000.
        AssertYears(result, MetricNames.GrossSavings, 0, 45_000, 60_000);
        AssertYears(result, MetricNames.NetSavings, 0, 45_000 - atGoLive, 60_000);
    }

    [Theory]
    [InlineData(30, 3, new[] { 0.0, 0.0, 120_000.0, 0.0 })] // 30/12 = 2.5 years: year 3, after go-live
    [InlineData(6, 3, new[] { 120_000.0, 0.0, 0.0, 0.0 })] // 0.5 years: year 1, before go-live
    [InlineData(48, 3, new[] { 0.0, 0.0, 0.0, 0.0 })] // 4 years = the horizon: outside it, dropped
    public void Redundancy_at_a_month_of_its_own_falls_then_whatever_the_go_live(double atMonth, int heads, double[] redundancyByYear)
    {
        var result = Run($"""
            name: posts go on a date of their own
            horizon_years: 4
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 60000
                go_live_month: 10
                delay_months: 5
                delay_cost_per_month: 2000
                redundancy:
                  headcount: {heads}
                  cost_per_head: 40000
                  at_month: {atMonth.ToString(CultureInfo.InvariantCulture)}
            """);
        // g = (10 + 5)/12 = 1.25 -> the delay cost 5 · 2000 = 10000 stays at go-live, in year 2.
        // The redundancy 3 · 40000 = 120000 falls at at_month/12 instead of at go-live.
        double[] costs = redundancyByYear.Select((r, t) => r + (t == 1 ? 10_000 : 0)).ToArray();
        AssertYears(result, MetricNames.Costs, costs);
        // Gross is unchanged by where the redundancy falls: 0, 45000, 60000, 60000.
        AssertYears(result, MetricNames.GrossSavings, 0, 45_000, 60_000, 60_000);
        AssertFigure(result, MetricNames.TotalNetSavings, null, 165_000 - costs.Sum());
    }

    [Fact]
    public void Partner_exit_at_a_known_time_cuts_dependent_savings_and_charges_exit_cost()
    {
        var result = Run("""
            name: one exit
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: county
                share: 0.6
                withdrawal:
                  annual_probability: 1
                  notice_months: 18
                  savings_lost: 0.25
                  exit_cost: 50000
              - id: city
                share: 0.4
            workstreams:
              - id: ict
                annual_saving: 100000
              - id: payroll
                annual_saving: 40000
                depends_on: []
            """);
        // annual_probability 1: notice at T = 0, exit at E = 18/12 = 1.5 (year 2).
        // ict depends on all partners (default): 100000 until 1.5, then 75000 a year.
        //   Y1 100000; Y2 100000·0.5 + 75000·0.5 = 87500; Y3 75000.
        // payroll depends on nobody: 40000 every year.
        AssertYears(result, MetricNames.GrossSavings, 140_000, 127_500, 115_000);
        // Exit cost 50000 at 1.5 -> year 2.
        AssertYears(result, MetricNames.Costs, 0, 50_000, 0);
        AssertYears(result, MetricNames.NetSavings, 140_000, 77_500, 115_000);
        AssertFigure(result, MetricNames.TotalNetSavings, null, 332_500);
        Assert.Equal(1, ExitProbability(result, "county"));
        AssertNeverLeaves(result, "city");
    }

    [Fact]
    public void Two_partner_exits_compound_and_spare_a_workstream_without_dependencies()
    {
        var result = Run("""
            name: two exits
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: north
                share: 0.5
                withdrawal:
                  annual_probability: 1
                  notice_months: 6
                  savings_lost: 0.2
                  exit_cost: 10000
              - id: south
                share: 0.5
                withdrawal:
                  annual_probability: 1
                  notice_months: 18
                  savings_lost: 0.5
                  exit_cost: 20000
            workstreams:
              - id: ict
                annual_saving: 100000
                depends_on: [north, south]
              - id: hr
                annual_saving: 30000
                depends_on: []
            """);
        // Exits at 0.5 (north, −20%) and 1.5 (south, −50% of what is left): multipliers 1, 0.8, 0.8·0.5 = 0.4.
        // ict: Y1 = 100000·(0.5·1 + 0.5·0.8) = 90000
        //      Y2 = 100000·(0.5·0.8 + 0.5·0.4) = 60000
        //      Y3 = 100000·0.4 = 40000
        // hr: 30000 every year.
        AssertYears(result, MetricNames.GrossSavings, 120_000, 90_000, 70_000);
        // Exit costs: 10000 at 0.5 (year 1), 20000 at 1.5 (year 2).
        AssertYears(result, MetricNames.Costs, 10_000, 20_000, 0);
        AssertYears(result, MetricNames.NetSavings, 110_000, 70_000, 70_000);
        AssertYears(result, MetricNames.CumulativeNetSavings, 110_000, 180_000, 250_000);
        Assert.Equal(1, ExitProbability(result, "north"));
        Assert.Equal(1, ExitProbability(result, "south"));
    }

    [Theory]
    [InlineData(24)] // E = 2.0 = H: at the horizon, excluded
    [InlineData(30)] // E = 2.5 > H
    [InlineData(600)]
    public void Exit_at_or_after_the_horizon_is_excluded(int noticeMonths)
    {
        var result = Run($"""
            name: late exit
            horizon_years: 2
            discount_rate: 0
            partners:
              - id: county
                share: 1
                withdrawal:
                  annual_probability: 1
                  notice_months: {noticeMonths}
                  savings_lost: 0.4
                  exit_cost: 50000
            workstreams:
              - id: ict
                annual_saving: 100000
            """);
        // No exit inside [0, 2): full savings, no exit cost, P(exit) = 0.
        AssertYears(result, MetricNames.GrossSavings, 100_000, 100_000);
        AssertYears(result, MetricNames.Costs, 0, 0);
        Assert.Equal(0, ExitProbability(result, "county"));
    }

    [Fact]
    public void Exit_just_inside_the_horizon_is_counted()
    {
        var result = Run("""
            name: exit before the horizon
            horizon_years: 2
            discount_rate: 0
            partners:
              - id: county
                share: 1
                withdrawal:
                  annual_probability: 1
                  notice_months: 21
                  savings_lost: 0.4
                  exit_cost: 50000
            workstreams:
              - id: ict
                annual_saving: 100000
            """);
        // E = 21/12 = 1.75: Y2 = 100000·(0.75 + 0.25·0.6) = 90000; exit cost 50000 in year 2.
        AssertYears(result, MetricNames.GrossSavings, 100_000, 90_000);
        AssertYears(result, MetricNames.Costs, 0, 50_000);
        Assert.Equal(1, ExitProbability(result, "county"));
    }

    [Theory]
    // g = (24 + 6)/12 = 2.5 > H = 2: 250000 over [0, 2.5) = 100000 a year; only years 1-2 count.
    [InlineData(24, 6, 250_000, 100_000)]
    // g = 2 = H exactly: 240000 over [0, 2) = 120000 a year; the go-live event at τ = 2 is outside.
    [InlineData(24, 0, 240_000, 120_000)]
    public void Go_live_beyond_the_horizon_keeps_only_the_implementation_cost_inside_it(
        int goLiveMonth, int delayMonths, double implementation, double perYear)
    {
        var result = Run(string.Create(CultureInfo.InvariantCulture, $"""
            name: late go-live
            horizon_years: 2
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 100000
                go_live_month: {goLiveMonth}
                delay_months: {delayMonths}
                implementation_cost: {implementation}
                delay_cost_per_month: 1000
                redundancy:
                  headcount: 3
                  cost_per_head: 30000
            """));
        // Delay cost and redundancy fall at g >= H: excluded. No savings inside the horizon.
        AssertYears(result, MetricNames.GrossSavings, 0, 0);
        AssertYears(result, MetricNames.Costs, perYear, perYear);
        AssertFigure(result, MetricNames.TotalNetSavings, null, -2 * perYear);
    }

    [Fact]
    public void Certain_risk_charges_its_year_and_delays_its_workstream()
    {
        var result = Run("""
            name: certain risk
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 120000
                go_live_month: 9
                delay_months: 2
                delay_cost_per_month: 1000
            risks:
              - id: tupe
                probability: 1
                year: 2
                cost: 30000
                delay_months: { ict: 3 }
              - id: never
                probability: 0
                year: 1
                cost: 1000000
                delay_months: { ict: 12 }
            """);
        // tupe occurs: g = (9 + 2 + 3)/12 = 14/12 = 7/6; never does not occur (no cost, no delay).
        // Gross: Y1 0; Y2 120000·(2 − 7/6) = 120000·5/6 = 100000; Y3 120000.
        AssertYears(result, MetricNames.GrossSavings, 0, 100_000, 120_000);
        // Costs: risk 30000 in year 2; delay cost (2 + 3)·1000 = 5000 at g = 7/6 (year 2).
        AssertYears(result, MetricNames.Costs, 0, 35_000, 0);
        AssertYears(result, MetricNames.NetSavings, 0, 65_000, 120_000);
        var frequencies = result.Decision.RiskFrequencies.ToDictionary(r => r.RiskId, r => r.Frequency);
        Assert.Equal(1, frequencies["tupe"]);
        Assert.Equal(0, frequencies["never"]);
    }

    [Fact]
    public void Payback_is_the_first_year_from_which_cumulative_stays_non_negative()
    {
        var result = Run("""
            name: payback dips
            horizon_years: 3
            discount_rate: 0
            partners:
              - id: council
                share: 1
            workstreams:
              - id: ict
                annual_saving: 100000
            risks:
              - id: claim
                probability: 1
                year: 2
                cost: 250000
            """);
        // Net 100000, −150000, 100000; cumulative 100000, −50000, 50000.
        // Cumulative is >= 0 in year 1 but dips below in year 2: payback is year 3, not 1.
        AssertYears(result, MetricNames.NetSavings, 100_000, -150_000, 100_000);
        AssertYears(result, MetricNames.CumulativeNetSavings, 100_000, -50_000, 50_000);
        AssertPayback(result, 3);
    }

    private const string DiscountedScenario = """
        name: discounted
        horizon_years: 4
        discount_rate: 0.05
        partners:
          - id: council
            share: 1
        workstreams:
          - id: ict
            annual_saving: 150000
            go_live_month: 12
            implementation_cost: 200000
        """;

    [Fact]
    public void Npv_discounts_year_t_by_one_plus_r_to_the_power_t_minus_one()
    {
        var result = Run(DiscountedScenario);
        // g = 1: implementation 200000 in year 1, savings 150000 in years 2-4.
        // Net −200000, 150000, 150000, 150000; cumulative −200000, −50000, 100000, 250000 (payback year 3).
        AssertYears(result, MetricNames.NetSavings, -200_000, 150_000, 150_000, 150_000);
        AssertYears(result, MetricNames.CumulativeNetSavings, -200_000, -50_000, 100_000, 250_000);
        AssertFigure(result, MetricNames.TotalNetSavings, null, 250_000);
        // NPV = −200000 + 150000/1.05 + 150000/1.05² + 150000/1.05³
        //     = −200000 + 142857.142857 + 136054.421769 + 129575.639780 = 208487.204406
        double npv = -200_000 + 150_000 / 1.05 + 150_000 / (1.05 * 1.05) + 150_000 / (1.05 * 1.05 * 1.05);
        AssertClose(208_487.20440557, npv, "hand NPV");
        AssertFigure(result, MetricNames.Npv, null, npv);
        AssertPayback(result, 3);
        Assert.Null(result.Decision.Target);
        Assert.Null(result.Decision.ProbabilityTargetMet);
        Assert.Null(result.Decision.Reserve80);
    }

    [Fact]
    public void Default_discount_rate_is_three_and_a_half_percent()
    {
        var result = Run(DiscountedScenario.Replace("discount_rate: 0.05\n", "", StringComparison.Ordinal));
        // NPV = −200000 + 150000·(1.035^-1 + 1.035^-2 + 1.035^-3) = 220245.547137
        double npv = -200_000 + 150_000 / 1.035 + 150_000 / (1.035 * 1.035) + 150_000 / (1.035 * 1.035 * 1.035);
        AssertClose(220_245.54713705, npv, "hand NPV");
        AssertFigure(result, MetricNames.Npv, null, npv);
    }

    [Theory]
    // Cumulative net savings of the discounted scenario: −200000, −50000, 100000, 250000.
    [InlineData(80_000, 3, 1, 0)]        // 100000 >= 80000: met, reserves max(0, 80000 − 100000) = 0
    [InlineData(100_000, 3, 1, 0)]       // equal counts as met
    [InlineData(150_000, 3, 0, 50_000)]  // 100000 < 150000: reserves 150000 − 100000 = 50000
    [InlineData(0, 2, 0, 50_000)]        // −50000 < 0: reserves 0 − (−50000) = 50000
    [InlineData(300_000, 4, 0, 50_000)]  // 250000 < 300000
    [InlineData(250_000, 4, 1, 0)]
    public void Deterministic_target_is_met_with_probability_zero_or_one(double amount, int byYear,
        double probability, double reserve)
    {
        string yaml = DiscountedScenario + string.Create(CultureInfo.InvariantCulture,
            $"\ntarget: {{ cumulative_net_savings: {amount}, by_year: {byYear} }}\n");
        var result = Run(yaml);
        var d = result.Decision;
        double[] cumulative = [-200_000, -50_000, 100_000, 250_000];
        Assert.Equal(probability, d.ProbabilityTargetMet);
        // Every percentile of a constant is the constant itself.
        AssertClose(cumulative[byYear - 1], d.CumulativeAtTargetP20!.Value, "p20");
        AssertClose(cumulative[byYear - 1], d.CumulativeAtTargetP10!.Value, "p10");
        AssertClose(cumulative[byYear - 1], d.CumulativeAtTargetP5!.Value, "p5");
        AssertClose(reserve, d.Reserve80!.Value, "reserve 80%");
        AssertClose(reserve, d.Reserve90!.Value, "reserve 90%");
        AssertClose(reserve, d.Reserve95!.Value, "reserve 95%");
    }
}
