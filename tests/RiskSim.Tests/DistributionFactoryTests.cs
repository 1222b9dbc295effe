using RiskSim.Core.Model;

namespace RiskSim.Tests;

/// <summary>
/// The distribution factories validate user input: every invalid parameter comes back as one problem naming it,
/// never as an exception; degenerate ranges come back as constants; scaling never throws.
/// </summary>
public class DistributionFactoryTests
{
    private const double Inf = double.PositiveInfinity;

    /// <summary>A factory call with invalid parameters, the field its problem names and a part of its message.</summary>
    public static TheoryData<string, string, string> Invalid() => new()
    {
        { "triangular mode below min", "", "needs min <= mode <= max" },
        { "triangular mode above max", "", "needs min <= mode <= max" },
        { "triangular NaN", "", "needs min <= mode <= max" },
        { "triangular infinite", "", "needs finite numbers" },
        { "uniform min above max", "", "needs min <= max" },
        { "uniform infinite", "", "needs finite numbers" },
        { "pert min above mode", "", "needs min <= mode <= max" },
        { "pert negative lambda", "lambda", "pert lambda must be a finite number >= 0" },
        { "pert infinite lambda", "lambda", "pert lambda must be a finite number >= 0" },
        { "pert NaN lambda", "lambda", "pert lambda must be a finite number >= 0" },
        { "normal negative sd", "sd", "sd must be >= 0" },
        { "normal NaN sd", "sd", "sd must be >= 0" },
        { "normal infinite sd", "sd", "sd must be >= 0" },
        { "normal min above max", "", "normal min must be below max" },
        { "normal range far from the mean", "", "normal truncation range holds no probability" },
        { "normal sd 0 mean outside range", "", "normal with sd 0 has its mean outside min/max" },
        { "lognormal mean 0", "mean", "lognormal mean must be > 0" },
        { "lognormal negative mean", "mean", "lognormal mean must be > 0" },
        { "lognormal infinite mean", "mean", "lognormal mean must be > 0" },
        { "lognormal negative sd", "sd", "sd must be >= 0" },
        { "discrete no values", "", "needs as many weights as values, at least one (found 0 values, 0 weights)" },
        { "discrete count mismatch", "", "needs as many weights as values, at least one (found 3 values, 2 weights)" },
        { "discrete negative weight", "weights", "weights must be >= 0" },
        { "discrete weights all zero", "weights", "weights are all zero" },
        { "discrete NaN weight", "", "needs finite numbers" },
        { "annual probability below 0", "", "annual probability must be within [0, 1]" },
        { "annual probability above 1", "", "annual probability must be within [0, 1]" },
        { "annual probability NaN", "", "annual probability must be within [0, 1]" },
    };

    private static Distribution? Make(string name, ICollection<ScenarioProblem> problems) => name switch
    {
        "triangular mode below min" => TriangularDistribution.Create(10, 5, 20, problems),
        "triangular mode above max" => TriangularDistribution.Create(10, 25, 20, problems),
        "triangular NaN" => TriangularDistribution.Create(double.NaN, 5, 20, problems),
        "triangular infinite" => TriangularDistribution.Create(0, 5, Inf, problems),
        "uniform min above max" => UniformDistribution.Create(5, 1, problems),
        "uniform infinite" => UniformDistribution.Create(-Inf, 1, problems),
        "pert min above mode" => PertDistribution.Create(160, 150, 200, 4, problems),
        "pert negative lambda" => PertDistribution.Create(100, 150, 200, -1, problems),
        "pert infinite lambda" => PertDistribution.Create(100, 150, 200, Inf, problems),
        "pert NaN lambda" => PertDistribution.Create(100, 150, 200, double.NaN, problems),
        "normal negative sd" => NormalDistribution.Create(100, -1, null, null, problems),
        "normal NaN sd" => NormalDistribution.Create(100, double.NaN, null, null, problems),
        "normal infinite sd" => NormalDistribution.Create(100, Inf, null, null, problems),
        "normal min above max" => NormalDistribution.Create(100, 10, 120, 80, problems),
        "normal range far from the mean" => NormalDistribution.Create(0, 1, 50, 60, problems),
        "normal sd 0 mean outside range" => NormalDistribution.Create(5, 0, 10, 20, problems),
        "lognormal mean 0" => LogNormalDistribution.Create(0, 1000, problems),
        "lognormal negative mean" => LogNormalDistribution.Create(-5, 1000, problems),
        "lognormal infinite mean" => LogNormalDistribution.Create(Inf, 1000, problems),
        "lognormal negative sd" => LogNormalDistribution.Create(50_000, -1, problems),
        "discrete no values" => DiscreteDistribution.Create([], [], problems),
        "discrete count mismatch" => DiscreteDistribution.Create([1.0, 2, 3], [1.0, 1], problems),
        "discrete negative weight" => DiscreteDistribution.Create([1.0, 2], [1.0, -1], problems),
        "discrete weights all zero" => DiscreteDistribution.Create([1.0, 2], [0.0, 0], problems),
        "discrete NaN weight" => DiscreteDistribution.Create([1.0, 2], [1.0, double.NaN], problems),
        "annual probability below 0" => AnnualHazardDistribution.Create(-0.1, problems),
        "annual probability above 1" => AnnualHazardDistribution.Create(1.5, problems),
        "annual probability NaN" => AnnualHazardDistribution.Create(double.NaN, problems),
        _ => throw new ArgumentException($"no case '{name}'", nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_parameter_gives_one_problem_naming_it_and_no_distribution(string name, string field, string message)
    {
        var problems = new List<ScenarioProblem>();
        var made = Make(name, problems);
        Assert.Null(made);
        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_parameters_give_the_distribution_and_no_problem()
    {
        var problems = new List<ScenarioProblem>();
        Assert.IsType<TriangularDistribution>(TriangularDistribution.Create(0, 0, 10, problems));
        Assert.IsType<UniformDistribution>(UniformDistribution.Create(1, 5, problems));
        Assert.IsType<PertDistribution>(PertDistribution.Create(100, 150, 200, 0, problems));
        Assert.IsType<NormalDistribution>(NormalDistribution.Create(100, 10, 80, null, problems));
        Assert.IsType<NormalDistribution>(NormalDistribution.Create(15, 0, 10, 20, problems));
        Assert.IsType<LogNormalDistribution>(LogNormalDistribution.Create(50_000, 0, problems));
        Assert.IsType<DiscreteDistribution>(DiscreteDistribution.Create([1.0, 2], [1.0, 3], problems));
        Assert.IsType<AnnualHazardDistribution>(AnnualHazardDistribution.Create(1, problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void A_degenerate_range_gives_a_constant()
    {
        var problems = new List<ScenarioProblem>();
        Assert.Equal(7, Assert.IsType<ConstantDistribution>(TriangularDistribution.Create(7, 7, 7, problems)).Value);
        Assert.Equal(7, Assert.IsType<ConstantDistribution>(UniformDistribution.Create(7, 7, problems)).Value);
        Assert.Equal(7, Assert.IsType<ConstantDistribution>(PertDistribution.Create(7, 7, 7, 4, problems)).Value);
        Assert.Equal(7, Assert.IsType<ConstantDistribution>(NormalDistribution.Create(100, 10, 7, 7, problems)).Value);
        Assert.Equal(2, Assert.IsType<ConstantDistribution>(DiscreteDistribution.Create([1.0, 2], [0.0, 3], problems)).Value);
        Assert.Empty(problems);
    }

    [Fact]
    public void Scaling_never_throws_and_a_range_that_rounding_collapses_becomes_a_constant()
    {
        Assert.True(new TriangularDistribution(1, 1.2, 1.4).Scale(double.Epsilon).IsConstant);
        Assert.True(new PertDistribution(1, 1.2, 1.4).Scale(double.Epsilon).IsConstant);
        Assert.True(new UniformDistribution(1, 1.4).Scale(double.Epsilon).IsConstant);
        Assert.Equal(0, Assert.IsType<ConstantDistribution>(new LogNormalDistribution(1e-10, 1).Scale(double.Epsilon)).Value);
        Assert.Equal(0, Assert.IsType<ConstantDistribution>(new NormalDistribution(5, 1).Scale(0)).Value);
    }

    [Theory]
    [InlineData(0.1, 2)]
    [InlineData(0.6, 0.5)]
    [InlineData(0.05, 1)]
    public void A_notice_time_scales_as_an_exponential_waiting_time(double p, double factor)
    {
        // T' = factor·T is exponential with rate λ / factor, so P(T' ≤ 1) = 1 − (1 − p)^(1 / factor).
        var scaled = Assert.IsType<AnnualHazardDistribution>(new AnnualHazardDistribution(p).Scale(factor));
        Assert.Equal(1 - Math.Pow(1 - p, 1 / factor), scaled.AnnualProbability, 12);
        Assert.Equal(0, Assert.IsType<ConstantDistribution>(new AnnualHazardDistribution(p).Scale(0)).Value);
        // Never and at once stay as they are.
        var never = new AnnualHazardDistribution(0);
        Assert.Same(never, never.Scale(factor));
        var atOnce = new AnnualHazardDistribution(1);
        Assert.Same(atOnce, atOnce.Scale(factor));
    }
}
