using System.Globalization;

namespace RiskSim.Core.Model;

/// <summary>A finite distribution: values with weights (not necessarily summing to 1).</summary>
public sealed class DiscreteDistribution : Distribution
{
    private readonly double[] _values;
    private readonly double[] _cumulative;

    /// <summary>
    /// A discrete distribution from user input: null with a problem unless there are as many weights as values
    /// (at least one), each ≥ 0 and not all zero; a constant when only one value has weight.
    /// </summary>
    public static Distribution? Create(IReadOnlyList<double> values, IReadOnlyList<double> weights, ICollection<ScenarioProblem> problems)
    {
        if (values.Count == 0 || values.Count != weights.Count)
        {
            return Refuse(problems, "", $"needs as many weights as values, at least one (found {values.Count} values, {weights.Count} weights)");
        }
        if (weights.Any(w => w < 0))
        {
            return Refuse(problems, "weights", "weights must be >= 0");
        }
        double total = weights.Sum();
        if (!double.IsFinite(total) || !AllFinite([.. values]))
        {
            return Refuse(problems, "", "needs finite numbers");
        }
        if (total <= 0)
        {
            return Refuse(problems, "weights", "weights are all zero");
        }
        var d = new DiscreteDistribution(values, weights);
        return d.IsConstant ? new ConstantDistribution(d.SupportMin) : d;
    }

    /// <summary>Creates a discrete distribution; weights must be ≥ 0 and not all zero (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">A bug: parameters <see cref="Create"/> refuses.</exception>
    public DiscreteDistribution(IReadOnlyList<double> values, IReadOnlyList<double> weights)
    {
        if (values.Count == 0 || values.Count != weights.Count)
        {
            throw new ArgumentException("discrete needs as many weights as values, at least one");
        }
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)))
        {
            throw new ArgumentException("discrete weights must be finite and >= 0");
        }
        double total = weights.Sum();
        if (!(total > 0))
        {
            throw new ArgumentException("discrete weights are all zero");
        }
        // Sorted ascending so that a larger driving uniform gives a larger value; zero weights dropped.
        var pairs = values.Zip(weights).Where(p => p.Second > 0).OrderBy(p => p.First).ToArray();
        _values = pairs.Select(p => p.First).ToArray();
        Weights = pairs.Select(p => p.Second / total).ToArray();
        _cumulative = new double[_values.Length];
        double acc = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            acc += Weights[i];
            _cumulative[i] = acc;
        }
        _cumulative[^1] = double.PositiveInfinity;
        _equalWeights = Weights.All(w => w == Weights[0]);
    }

    private readonly bool _equalWeights;

    /// <summary>Distinct values in ascending order.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Normalised probabilities matching <see cref="Values"/>.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <inheritdoc />
    public override double MostLikely
    {
        get
        {
            int best = 0;
            for (int i = 1; i < _values.Length; i++)
            {
                if (Weights[i] > Weights[best])
                {
                    best = i;
                }
            }
            return _values[best];
        }
    }

    /// <inheritdoc />
    public override double Mean
    {
        get
        {
            double m = 0;
            for (int i = 0; i < _values.Length; i++)
            {
                m += _values[i] * Weights[i];
            }
            return m;
        }
    }

    /// <inheritdoc />
    public override double Variance
    {
        get
        {
            double m = Mean, v = 0;
            for (int i = 0; i < _values.Length; i++)
            {
                v += (_values[i] - m) * (_values[i] - m) * Weights[i];
            }
            return v;
        }
    }

    /// <inheritdoc />
    public override double SupportMin => _values[0];

    /// <inheritdoc />
    public override double SupportMax => _values[^1];

    /// <inheritdoc />
    public override double Quantile(double u)
    {
        if (_equalWeights)
        {
            return _values[Math.Min((int)(u * _values.Length), _values.Length - 1)];
        }
        int i = 0;
        while (u >= _cumulative[i])
        {
            i++;
        }
        return _values[i];
    }

    /// <inheritdoc />
    public override void Quantiles(ReadOnlySpan<double> u, Span<double> values)
    {
        double[] v = _values, cumulative = _cumulative;
        int last = v.Length - 1;
        if (_equalWeights)
        {
            double n = v.Length;
            for (int i = 0; i < u.Length; i++)
            {
                values[i] = v[Math.Min((int)(u[i] * n), last)];
            }
            return;
        }
        if (v.Length == 2)
        {
            double cut = cumulative[0], low = v[0], high = v[1];
            for (int i = 0; i < u.Length; i++)
            {
                values[i] = u[i] >= cut ? high : low;
            }
            return;
        }
        for (int i = 0; i < u.Length; i++)
        {
            // Branch-free count of the cumulative weights at or below u (the last is +∞).
            double x = u[i];
            int k = 0;
            for (int j = 0; j < last; j++)
            {
                k += x >= cumulative[j] ? 1 : 0;
            }
            values[i] = v[k];
        }
    }

    /// <inheritdoc />
    public override string Describe(Func<double, string> format) =>
        "discrete " + string.Join(", ", _values.Select((v, i) =>
            $"{format(v)} ({(Weights[i] * 100).ToString("0.#", CultureInfo.InvariantCulture)}%)"));

    /// <inheritdoc />
    public override Distribution Scale(double factor) =>
        factor == 0 ? new ConstantDistribution(0) : new DiscreteDistribution(_values.Select(v => v * factor).ToArray(), Weights.ToArray());
}
