using RiskSim.Cli.Commands;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Goal seek on a scenario with a closed-form answer: everything fixed except one normal saving S with sd σ = £50k,
/// live from the start for 3 years with no costs, so cumulative net savings by year 3 are 3S. For a target of £900k,
/// P(3S ≥ 900k) = 0.8 when the mean is 300k + z0.8·σ = 342,081; the reserve for 90% confidence is 0 when the P10 of S is
/// 300k, i.e. the mean is 300k + z0.9·σ = 364,078. With 100,000 trials the answer's standard error is about
/// σ·√(p(1−p)/n)/φ(z): 225 and 270; the tolerance is 5 SE.
/// </summary>
public class GoalSeekTests
{
    private const string Yaml = """
        name: One normal saving
        horizon_years: 3
        discount_rate: 0
        target: { cumulative_net_savings: 900k, by_year: 3 }
        partners: [{ id: a, share: 1 }]
        workstreams:
          - { id: ict, annual_saving: { normal: { mean: 250k, sd: 50k } }, depends_on: [a] }
        """;

    private static readonly Scenario Scenario = ScenarioReader.Parse(Yaml, "seek.yaml");

    private static SeekResult Solve(SeekGoal goal, string path = "ict.annual_saving")
    {
        var quantity = SeekQuantity.Find(Scenario, path, new List<ScenarioProblem>())!;
        var (low, high) = quantity.DefaultBracket(SeekMode.Shift);
        return GoalSeek.Solve(Scenario, quantity, goal, new SeekOptions(100_000, 5, 0, low, high, 1, SeekMode.Shift));
    }

    [Fact]
    public void The_location_for_an_80_percent_chance_is_target_less_z_sigma()
    {
        var r = Solve(new SeekGoal(SeekMetric.ProbabilityTargetMet, 0.8));
        double exact = 300_000 + 0.8416212335729143 * 50_000;
        Assert.InRange(r.Value, exact - 1_125, exact + 1_125);
        Assert.True(r.AtLeast);
        Assert.True(r.Achieved >= 0.8);
        // The range from the Monte Carlo noise brackets the answer and, here, the exact value.
        Assert.InRange(exact, r.IntervalLow!.Value, r.IntervalHigh!.Value);
        Assert.True(r.IntervalLow < r.Value && r.Value < r.IntervalHigh);
        var (pLow, pHigh) = GoalSeek.Wilson(0.8, 100_000);
        Assert.Equal((pLow, pHigh), (r.GoalLow, r.GoalHigh));
    }

    [Fact]
    public void The_location_for_no_reserve_at_90_percent_is_target_less_z_sigma()
    {
        var r = Solve(new SeekGoal(SeekMetric.Reserve90, 0));
        double exact = 300_000 + 1.2815515655446004 * 50_000;
        Assert.InRange(r.Value, exact - 1_350, exact + 1_350);
        Assert.True(r.AtLeast);
        Assert.Equal(0, r.Achieved);
        Assert.InRange(exact, r.IntervalLow!.Value, r.IntervalHigh!.Value);
    }

    [Fact]
    public void The_target_itself_can_be_sought_and_lower_targets_meet_a_chance()
    {
        // With the mean at 250k, P(3S ≥ T) = 0.8 at T = 3·(250k − z0.8·50k) = 623,757; the goal holds for T at most that.
        var r = Solve(new SeekGoal(SeekMetric.ProbabilityTargetMet, 0.8), "target.cumulative_net_savings");
        double exact = 3 * (250_000 - 0.8416212335729143 * 50_000);
        Assert.InRange(r.Value, exact - 3 * 1_125, exact + 3 * 1_125);
        Assert.False(r.AtLeast);
    }

    [Fact]
    public void The_same_seek_gives_the_same_answer_on_any_thread_count()
    {
        var quantity = SeekQuantity.Find(Scenario, "ict.annual_saving", new List<ScenarioProblem>())!;
        var goal = new SeekGoal(SeekMetric.MeanNpv, 900_000);
        var one = GoalSeek.Solve(Scenario, quantity, goal, new SeekOptions(20_000, 3, 1, 0, 600_000, 10, SeekMode.Shift));
        var two = GoalSeek.Solve(Scenario, quantity, goal, new SeekOptions(20_000, 3, 2, 0, 600_000, 10, SeekMode.Shift));
        Assert.Equal(one, two);
        // Mean NPV is 3 × the mean saving (no discounting): 300k, within 5 SE of the mean (5·50k/√20,000 = 1,768).
        Assert.InRange(one.Value, 300_000 - 1_768, 300_000 + 1_768);
    }

    private static (int Code, string Out, string Err) Seek(string vary, string goal, string? low = null, string? high = null)
    {
        string folder = TestPaths.NewTempFolder("seek");
        string file = Path.Combine(folder, "seek.yaml");
        File.WriteAllText(file, Yaml);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SeekCommand.Execute(new SeekRequest(file, vary, goal, 20_000, 1, 0, low, high, null, SeekMode.Shift), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_command_prints_the_answer_with_its_range()
    {
        var (code, stdout, _) = Seek("ict.annual_saving", "p_target_met=80%");
        Assert.Equal(0, code);
        Assert.Contains("The most likely value of ict.annual_saving must be at least £34", stdout, StringComparison.Ordinal);
        Assert.Contains("for an 80% chance of the target (£900k by Year 3)", stdout, StringComparison.Ordinal);
        Assert.Contains("Range consistent with the Monte Carlo noise: £", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_number_is_named_by_its_path()
    {
        var (code, stdout, stderr) = Seek("target.cumulative_net_savings", "mean_npv=700k");
        // Mean NPV does not depend on the target, so the goal is met at both ends or at neither.
        Assert.Equal(SeekCommand.GoalNotReached, code);
        Assert.Contains("mean_npv is mean NPV £", stderr, StringComparison.Ordinal);
        (code, stdout, _) = Seek("target.cumulative_net_savings", "p_target_met=0.5");
        Assert.Equal(0, code);
        Assert.Contains("The value of target.cumulative_net_savings must be at most £", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ict.savings", "p_target_met=0.8", "--vary 'ict.savings' matches nothing")]
    [InlineData("*.annual_saving", "p_target_met=0.8", "goal seek varies one quantity")]
    [InlineData("ict.annual_saving", "p_hit=0.8", "unknown goal 'p_hit'")]
    [InlineData("ict.annual_saving", "p_target_met=1.5", "expected a chance between 0 and 1")]
    [InlineData("ict.annual_saving", "reserve_90=lots", "expected an amount of money")]
    public void Bad_paths_and_goals_are_invalid_input(string vary, string goal, string message)
    {
        var (code, _, stderr) = Seek(vary, goal);
        Assert.Equal(Cli.ExitCodes.InvalidInput, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_goal_out_of_reach_of_the_bracket_says_so_with_its_own_exit_code()
    {
        var (code, _, stderr) = Seek("ict.annual_saving", "p_target_met=0.8", "0", "200k");
        Assert.Equal(SeekCommand.GoalNotReached, code);
        Assert.Contains("cannot be reached within the bracket £0 to £200k", stderr, StringComparison.Ordinal);
    }
}
