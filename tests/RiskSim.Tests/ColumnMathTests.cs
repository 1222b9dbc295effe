using System.Globalization;
using RiskSim.Core.Model;
using RiskSim.Core.Sampling;
using MathNetDist = MathNet.Numerics.Distributions;

namespace RiskSim.Tests;

/// <summary>
/// The sampling kernels: every vector width gives the scalar twin's bits, wherever a value falls in a column; and the
/// twins are accurate against independent references. (Whole runs on the AVX-512, AVX2 and scalar paths:
/// <see cref="TrialKernelSourceTests"/>.)
/// </summary>
public class ColumnMathTests
{
    // Column lengths with every remainder modulo 8, so the scalar tail after the vectors is exercised too.
    private static readonly int[] Lengths = [1, 3, 4, 7, 8, 13, 64, 4099];

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    // Every width, even one the machine does not accelerate: the runtime then emulates the vector operations with the
    // same IEEE semantics, so the Vector512 code is checked against its scalar twin on an AVX2 machine too.
    private static readonly int[] Widths = [8, 4, 1];

    /// <summary>Runs <paramref name="kernel"/> at every width the machine has and compares with the scalar twin bit for bit.</summary>
    private static void AssertTwins(string name, double[] input, Action<double[], double[]> kernel, Func<double, double> twin)
    {
        int saved = ColumnMath.Width;
        try
        {
            foreach (int width in Widths)
            {
                ColumnMath.Width = width;
                foreach (int length in Lengths)
                {
                    for (int start = 0; start + length <= input.Length; start += Math.Max(length, input.Length / 5))
                    {
                        var x = input.AsSpan(start, length).ToArray();
                        var y = new double[length];
                        kernel(x, y);
                        for (int i = 0; i < length; i++)
                        {
                            double expected = twin(x[i]);
                            Assert.True(BitConverter.DoubleToInt64Bits(y[i]) == BitConverter.DoubleToInt64Bits(expected),
                                $"{name} at width {width}, length {length}, x = {F(x[i])}: {F(y[i])} vs scalar {F(expected)}");
                        }
                    }
                }
            }
        }
        finally
        {
            ColumnMath.Width = saved;
        }
    }

    private static double[] Uniforms(int n, ulong key)
    {
        var u = new double[n];
        UniformColumn.Fill(7, key, 0, u);
        return u;
    }

    private static double[] Mixed(IEnumerable<double> specials, IEnumerable<double> body)
    {
        // Specials spread through the body so they land in vector lanes and in tails alike.
        var list = body.ToList();
        int k = 0;
        foreach (double s in specials)
        {
            list.Insert((k++ * 37) % list.Count, s);
        }
        return list.ToArray();
    }

    [Fact]
    public void Log_vector_widths_give_the_scalar_bits()
    {
        var body = Uniforms(5000, 1).Select((u, i) => i % 3 == 0 ? u : i % 3 == 1 ? Math.Exp(1400 * u - 700) : 1 + (u - 0.5) * 1e-6);
        double[] specials = [0, -0.0, -1, 1, double.Epsilon, 1e-310, 2.2250738585072014e-308, double.MaxValue,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, Math.Sqrt(2), Math.Sqrt(0.5), Math.BitDecrement(1)];
        AssertTwins("log", Mixed(specials, body), (x, y) => ColumnMath.Log(x, y), ColumnMath.LogScalar);
    }

    [Fact]
    public void Exp_vector_widths_give_the_scalar_bits()
    {
        var body = Uniforms(5000, 2).Select(u => 1470 * u - 760);
        double[] specials = [0, -0.0, 1, -1, 709.78, 709.79, 710, 800, -708.4, -745.1, -745.2, -746, -1000,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300, -1e-300];
        AssertTwins("exp", Mixed(specials, body), (x, y) => ColumnMath.Exp(x, y), ColumnMath.ExpScalar);
    }

    private static double[] Probabilities()
    {
        var body = Uniforms(5000, 3).Select((u, i) => (i % 4) switch
        {
            0 => u,
            1 => Math.Pow(10, -300 * u),
            2 => 1 - Math.Pow(10, -16 * u),
            _ => 0.075 + (u - 0.5) * 1e-9,
        });
        double[] specials = [0, 1, 0.5, 0.075, 0.925, Math.BitDecrement(0.075), Math.BitIncrement(0.925), Math.Exp(-25), 1.3887943864964021e-11,
            1e-300, 5e-324, Math.BitDecrement(1.0), 1 - 1e-16, double.NaN, -0.5, 1.5];
        return Mixed(specials, body);
    }

    [Fact]
    public void Normal_quantile_vector_widths_give_the_scalar_bits()
    {
        AssertTwins("normal quantile", Probabilities(), (x, y) => ColumnMath.NormalInvCdf(x, y), NormalMath.InvCdf);
    }

    [Fact]
    public void Normal_cdf_vector_widths_give_the_scalar_bits()
    {
        var body = Uniforms(5000, 4).Select((u, i) => i % 2 == 0 ? 16 * u - 8 : 90 * u - 45);
        double[] specials = [0, -0.0, 7.07106781186547, -7.07106781186547, Math.BitDecrement(7.07106781186547), 37, -37, 37.0001, -37.0001,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300];
        AssertTwins("normal cdf", Mixed(specials, body), (x, y) => ColumnMath.NormalCdf(x, y), NormalMath.Cdf);
        AssertTwins("normal cdf clamped", Mixed(specials, body), (x, y) => ColumnMath.NormalCdf(x, y, 1e-300, 1 - 1e-16),
            x => Math.Clamp(NormalMath.Cdf(x), 1e-300, 1 - 1e-16));
    }

    [Fact]
    public void Uniform_columns_are_the_same_at_every_width_and_depend_only_on_seed_key_block_and_position()
    {
        ulong origin = UniformColumn.Origin(2026, RandomStream.KeyOf("ict.annual_saving"), 3);
        int saved = ColumnMath.Width;
        try
        {
            foreach (int width in Widths)
            {
                ColumnMath.Width = width;
                foreach (int length in Lengths)
                {
                    var u = new double[length];
                    UniformColumn.Fill(2026, RandomStream.KeyOf("ict.annual_saving"), 3, u);
                    for (int t = 0; t < length; t++)
                    {
                        Assert.Equal(BitConverter.DoubleToInt64Bits(UniformColumn.Draw(origin, t)), BitConverter.DoubleToInt64Bits(u[t]));
                        Assert.True(u[t] > 0 && u[t] < 1);
                    }
                }
            }
        }
        finally
        {
            ColumnMath.Width = saved;
        }
        // Another block, input or seed gives another stream.
        var a = new double[64];
        var b = new double[64];
        UniformColumn.Fill(2026, 1, 0, a);
        UniformColumn.Fill(2026, 1, 1, b);
        Assert.NotEqual(a, b);
        UniformColumn.Fill(2026, 2, 0, b);
        Assert.NotEqual(a, b);
        UniformColumn.Fill(2027, 1, 0, b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Uniform_columns_have_the_moments_of_a_uniform()
    {
        // Mean 1/2 (SE 1/√(12n)), mean square 1/3 (SE √(4/45n)) and lag-1 product 1/4 (SE √(7/144n)), within 5 SE.
        const int n = 1 << 20;
        var u = new double[n];
        UniformColumn.Fill(99, RandomStream.KeyOf("moments"), 0, u);
        double mean = u.Average(), square = u.Average(x => x * x);
        double lag = 0;
        for (int i = 1; i < n; i++)
        {
            lag += u[i] * u[i - 1];
        }
        lag /= n - 1;
        Assert.True(Math.Abs(mean - 0.5) < 5 * Math.Sqrt(1.0 / 12 / n), $"mean {F(mean)}");
        Assert.True(Math.Abs(square - 1.0 / 3) < 5 * Math.Sqrt(4.0 / 45 / n), $"mean square {F(square)}");
        Assert.True(Math.Abs(lag - 0.25) < 5 * Math.Sqrt(7.0 / 144 / n), $"lag-1 product {F(lag)}");
    }

    public static TheoryData<string> Distributions => new(DistributionCases.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<Distribution>> DistributionCases = new(StringComparer.Ordinal)
    {
        ["pert"] = () => new PertDistribution(250_000, 397_000, 450_000),
        ["pert skewed lambda 8"] = () => new PertDistribution(0, 1, 100, 8),
        ["pert mode at min"] = () => new PertDistribution(0, 0, 10),
        ["triangular"] = () => new TriangularDistribution(0, 3, 12),
        ["uniform"] = () => new UniformDistribution(10_000, 30_000),
        ["normal"] = () => new NormalDistribution(700_000, 150_000),
        ["normal truncated below"] = () => new NormalDistribution(700_000, 150_000, 200_000),
        ["normal truncated in the upper tail"] = () => new NormalDistribution(0, 1, 3, 6),
        ["lognormal"] = () => new LogNormalDistribution(40_000, 12_000),
        ["annual hazard"] = () => new AnnualHazardDistribution(0.06),
        ["shifted pert"] = () => new PertDistribution(0, 3, 12).Shift(2.5),
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Column_quantiles_are_the_single_quantiles_at_every_width(string name)
    {
        var dist = DistributionCases[name]();
        double[] u = Mixed([1e-300, 5e-324, Math.BitDecrement(1.0), 0.5, 1e-16, 1 - 1e-16], Uniforms(4200, 5).Concat(Uniforms(800, 6).Select(x => x * 1e-6)));
        // The annual hazard's column form multiplies by 1/λ where the single form divides by λ: compare it with that.
        Func<double, double> twin = dist is AnnualHazardDistribution hazard
            ? x => ColumnMath.LogScalar(1 - x) * -(1 / hazard.Rate)
            : dist.Quantile;
        AssertTwins(name, u, (x, y) => dist.Quantiles(x, y), twin);
    }

    [Fact]
    public void Pert_column_quantiles_handle_the_interval_s_ends_and_work_in_place_at_every_width()
    {
        var dist = new PertDistribution(0, 3, 12);
        // 1 lies outside the open unit interval (the table walk is bounded there); 0 and the tails inside it.
        double[] u = Mixed([1.0, 0.0, 1.0, 5e-324, Math.BitDecrement(1.0), 1.0], Uniforms(600, 9));
        AssertTwins("pert ends", u, (x, y) => dist.Quantiles(x, y), dist.Quantile);
        AssertTwins("pert in place", u, (x, y) =>
        {
            x.CopyTo(y);
            dist.Quantiles(y, y);
        }, dist.Quantile);
    }

    [Fact]
    public void Log_is_within_one_ulp_of_the_runtime_log()
    {
        foreach (double x in Uniforms(200_000, 8).Select((u, i) => i % 2 == 0 ? Math.Exp(1400 * u - 700) : 0.5 + u))
        {
            double expected = Math.Log(x), actual = ColumnMath.LogScalar(x);
            Assert.True(Math.Abs(actual - expected) <= Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected),
                $"log({F(x)}) = {F(actual)} vs {F(expected)}");
        }
        Assert.Equal(0, ColumnMath.LogScalar(1));
        Assert.Equal(Math.Log(5e-324), ColumnMath.LogScalar(5e-324), 15);
    }

    [Fact]
    public void Exp_is_within_two_ulps_of_the_runtime_exp()
    {
        foreach (double x in Uniforms(200_000, 9).Select(u => 1400 * u - 700))
        {
            double expected = Math.Exp(x), actual = ColumnMath.ExpScalar(x);
            double ulp = Math.BitIncrement(expected) - expected;
            Assert.True(Math.Abs(actual - expected) <= 2 * ulp, $"exp({F(x)}) = {F(actual)} vs {F(expected)}");
        }
        Assert.Equal(1, ColumnMath.ExpScalar(0));
        Assert.Equal(0, ColumnMath.ExpScalar(-746));
        Assert.Equal(double.PositiveInfinity, ColumnMath.ExpScalar(710));
        Assert.Equal(Math.Exp(-740), ColumnMath.ExpScalar(-740));
    }

    // Φ(x) to 20 significant digits, computed independently in 40-digit arithmetic (mpmath's ncdf).
    public static TheoryData<double, double> LowerTail => new()
    {
        { -37, 5.7255712225245768227e-300 },
        { -36.5, 5.5447257130748445538e-292 },
        { -35.25, 1.7154716480437870169e-272 },
        { -33, 4.0611856209158550885e-239 },
        { -30.1, 2.4226672179857587657e-199 },
        { -27.7, 3.4910784528195238484e-169 },
        { -25, 3.0566967063825609164e-138 },
        { -22.2, 1.7172521898098579972e-109 },
        { -20, 2.7536241186062336951e-89 },
        { -17.5, 7.1634587662350358454e-69 },
        { -15, 3.6709661993127508858e-51 },
        { -12.3, 4.5287069561587846514e-35 },
        { -10, 7.619853024160526066e-24 },
        { -8.5, 9.4795348222033183542e-18 },
        { -7.5, 3.1908916729108962278e-14 },
        { -7.071, 7.6910569813185578641e-13 },
        { -6, 9.865876450376981407e-10 },
        { -5.657, 7.7020881721776008424e-9 },
        { -5.6, 1.071759025831092932e-8 },
        { -5, 2.8665157187919391167e-7 },
        { -4.2, 1.3345749015906327883e-5 },
        { -3.3, 4.834241423837775071e-4 },
        { -2.5, 6.209665325776135167e-3 },
        { -1.96, 2.4997895148220436213e-2 },
        { -1.5, 6.6807201268858066004e-2 },
        { -1, 1.5865525393145705141e-1 },
        { -0.8, 2.1185539858339667271e-1 },
        { -0.6745, 2.4999674286369916889e-1 },
        { -0.674, 2.50155656840322577e-1 },
        { -0.5, 3.0853753872598689636e-1 },
        { -0.25, 4.0129367431707627576e-1 },
        { -0.1, 4.6017216272297101633e-1 },
        { -1e-5, 4.9999601057719605216e-1 },
    };

    [Theory]
    [MemberData(nameof(LowerTail))]
    public void Normal_cdf_is_accurate_to_1e15_relative_in_the_lower_tail(double x, double expected)
    {
        double actual = NormalMath.Cdf(x);
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * expected, $"Φ({F(x)}) = {F(actual)} vs {F(expected)}");
        // Beyond the central interval the upper tail is 1 − Φ(−x), rounded once.
        if (x < -0.67448975)
        {
            Assert.Equal(1 - actual, NormalMath.Cdf(-x));
        }
    }

    [Fact]
    public void Normal_cdf_agrees_with_mathnet_to_1e15_absolute_and_its_own_accuracy_relative()
    {
        // MathNet's erfc-based CDF is itself only good to about 2.4e-13 relative in the far lower tail (against the
        // 40-digit values above), so the relative bound here is 5e-13; the absolute bound is the uniforms' resolution.
        for (int i = -370_000; i <= 80_000; i++)
        {
            double x = i / 10_000.0;
            double expected = MathNetDist.Normal.CDF(0, 1, x), actual = NormalMath.Cdf(x);
            Assert.True(Math.Abs(actual - expected) <= 1e-15, $"Φ({F(x)}) = {F(actual)} vs MathNet {F(expected)}");
            Assert.True(x > 0 || Math.Abs(actual - expected) <= 5e-13 * expected, $"Φ({F(x)}) = {F(actual)} vs MathNet {F(expected)}");
        }
        Assert.Equal(0.5, NormalMath.Cdf(0));
        Assert.Equal(0, NormalMath.Cdf(-37.5));
        Assert.Equal(1, NormalMath.Cdf(double.PositiveInfinity));
        Assert.Equal(0, NormalMath.Cdf(double.NegativeInfinity));
    }

    [Fact]
    public void Normal_quantile_is_accurate_to_1e14_relative_and_round_trips_through_the_cdf_to_1e13()
    {
        foreach (double p in Probabilities().Where(p => p > 0 && p < 1).Concat(Enumerable.Range(1, 300).Select(k => Math.Pow(10, -k))))
        {
            double expected = MathNetDist.Normal.InvCDF(0, 1, p), actual = NormalMath.InvCdf(p);
            Assert.True(Math.Abs(actual - expected) <= 1e-14 * Math.Abs(expected) + 1e-16, $"Φ⁻¹({F(p)}) = {F(actual)} vs MathNet {F(expected)}");
            double back = NormalMath.Cdf(actual);
            double reference = Math.Min(p, 1 - p);
            Assert.True(Math.Abs(back - p) <= 1e-13 * reference + 2e-16, $"Φ(Φ⁻¹({F(p)})) = {F(back)}");
        }
    }
}
