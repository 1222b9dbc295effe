using RiskSim.Core.Sampling;

namespace RiskSim.Core.Model;

/// <summary>Lognormal distribution given the mean and standard deviation of the variable itself.</summary>
public sealed class LogNormalDistribution : Distribution
{
    private readonly double _mu;
    private readonly double _sigma;

    /// <summary>A lognormal from user input: null with a problem unless mean &gt; 0 and sd ≥ 0, both finite.</summary>
    public static Distribution? Create(double mean, double sd, ICollection<ScenarioProblem> problems) =>
        !(mean > 0) || double.IsInfinity(mean) ? Refuse(problems, "mean", "lognormal mean must be > 0 (it is the mean of the variable itself)")
        : !(sd >= 0) || double.IsInfinity(sd) ? Refuse(problems, "sd", "sd must be >= 0")
        : new LogNormalDistribution(mean, sd);

    /// <summary>Creates a lognormal; requires mean &gt; 0 and sd ≥ 0 (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: parameters <see cref="Create"/> refuses.</exception>
    public LogNormalDistribution(double mean, double sd)
    {
        if (!(mean > 0) || double.IsInfinity(mean))
        {
            throw new ArgumentException("lognormal mean must be > 0");
        }
        if (!(sd >= 0) || double.IsInfinity(sd))
        {
            throw new ArgumentException("lognormal sd must be >= 0");
        }
        ArithmeticMean = mean;
        Sd = sd;
        double sigma2 = Math.Log(1 + sd * sd / (mean * mean));
        _sigma = Math.Sqrt(sigma2);
        _mu = Math.Log(mean) - sigma2 / 2;
    }

    /// <summary>Mean of the variable.</summary>
    public double ArithmeticMean { get; }

    /// <summary>Standard deviation of the variable.</summary>
    public double Sd { get; }

    /// <inheritdoc />
    public override double MostLikely => Sd == 0 ? ArithmeticMean : Math.Exp(_mu - _sigma * _sigma);

    /// <inheritdoc />
    public override double Mean => ArithmeticMean;

    /// <inheritdoc />
    public override double Variance => Sd * Sd;

    /// <inheritdoc />
    public override double SupportMin => Sd == 0 ? ArithmeticMean : 0;

    /// <inheritdoc />
    public override double SupportMax => Sd == 0 ? ArithmeticMean : double.PositiveInfinity;

    /// <inheritdoc />
    public override double Quantile(double u) => Sd == 0 ? ArithmeticMean : ColumnMath.ExpScalar(_mu + _sigma * NormalMath.InvCdf(u));

    /// <inheritdoc />
    /// <remarks>The same values as <see cref="Quantile"/>, bit for bit, a column at a time.</remarks>
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        var y = values[..u.Length];
        if (Sd == 0)
        {
            y.Fill(ArithmeticMean);
            return;
        }
        ColumnMath.NormalInvCdf(u, y);
        ColumnMath.Affine(y, y, _mu, _sigma);
        ColumnMath.Exp(y, y);
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) => $"lognormal mean {format(ArithmeticMean)}, sd {format(Sd)}";

    /// <inheritdoc />
    public override Distribution Scale(double factor) =>
        factor == 0 ? new ConstantDistribution(0) : Create(ArithmeticMean * factor, Sd * factor, []) ?? new ConstantDistribution(0);
}
