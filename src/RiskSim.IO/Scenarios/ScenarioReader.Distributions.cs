using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Distributions: a number or one of the distribution forms of SPEC section 2.
public sealed partial class ScenarioReader
{
    private static readonly string[] DistributionKinds = ["triangular", "pert", "uniform", "normal", "lognormal", "discrete"];

    /// <summary>A number or a one-key distribution map (SPEC section 2).</summary>
    private Distribution? ReadDistribution(YNode node, string field, bool money)
    {
        if (node is YScalar)
        {
            return Number(node, field, money) is double c ? new ConstantDistribution(c) : null;
        }
        if (node is not YMapping map)
        {
            Error(node, field, $"expected a number or a distribution such as {{ pert: [min, mode, max] }}, found {Describe(node)}");
            return null;
        }
        if (map.Entries.Count != 1)
        {
            Error(node, field, $"a distribution has exactly one key, one of: {string.Join(", ", DistributionKinds)}");
            return null;
        }
        var (kindKey, body) = map.Entries[0];
        string kind = kindKey.Value;
        string path = Join(field, kind);
        if (!DistributionKinds.Contains(kind))
        {
            string suggestion = Nearest(kind, DistributionKinds);
            string hint = suggestion.Length > 0 ? $" (did you mean '{suggestion}'?)" : "";
            Error(kindKey, path, $"unknown distribution '{kind}'{hint}; one of: {string.Join(", ", DistributionKinds)}");
            return null;
        }
        try
        {
            return kind switch
            {
                "triangular" => Triple(body, path, money, "[min, mode, max]") is { } t
                    ? (t[0] == t[2] ? new ConstantDistribution(t[0]) : new TriangularDistribution(t[0], t[1], t[2])) : null,
                "uniform" => List(body, path, money, 2, "[min, max]") is { } u
                    ? (u[0] == u[1] ? new ConstantDistribution(u[0]) : new UniformDistribution(u[0], u[1])) : null,
                "pert" => ReadPert(body, path, money),
                "normal" => ReadNormal(body, path, money),
                "lognormal" => ReadLogNormal(body, path, money),
                _ => ReadDiscrete(body, path, money),
            };
        }
        catch (ArgumentException e)
        {
            Error(body, path, e.Message);
            return null;
        }
    }

    private double[]? Triple(YNode body, string path, bool money, string form)
    {
        var values = List(body, path, money, 3, form);
        if (values is not null && !(values[0] <= values[1] && values[1] <= values[2]))
        {
            Error(body, path, $"needs min <= mode <= max, found [{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]");
            return null;
        }
        return values;
    }

    private double[]? List(YNode body, string path, bool money, int count, string form)
    {
        if (body is not YSequence seq || seq.Items.Count != count)
        {
            Error(body, path, $"expected a list of {count} numbers {form}");
            return null;
        }
        var values = new double[count];
        bool ok = true;
        for (int i = 0; i < count; i++)
        {
            if (Number(seq.Items[i], path, money) is double v)
            {
                values[i] = v;
            }
            else
            {
                ok = false;
            }
        }
        if (ok && form == "[min, max]" && values[0] > values[1])
        {
            Error(body, path, "needs min <= max");
            return null;
        }
        return ok ? values : null;
    }

    private Distribution? ReadPert(YNode body, string path, bool money)
    {
        if (body is YSequence)
        {
            return Triple(body, path, money, "[min, mode, max]") is { } t
                ? (t[0] == t[2] ? new ConstantDistribution(t[0]) : new PertDistribution(t[0], t[1], t[2])) : null;
        }
        if (Mapping(body, path) is not { } map)
        {
            return null;
        }
        var f = Fields(map, path, ["min", "mode", "max", "lambda"]);
        double? min = Required(f, "min", map, path) is { } a ? Number(a, Join(path, "min"), money) : null;
        double? mode = Required(f, "mode", map, path) is { } b ? Number(b, Join(path, "mode"), money) : null;
        double? max = Required(f, "max", map, path) is { } c ? Number(c, Join(path, "max"), money) : null;
        double? lambda = Optional(f, "lambda") is { } l ? NumberIn(l, Join(path, "lambda"), 0, 1e6, "a number >= 0") : 4;
        if (min is not double lo || mode is not double mo || max is not double hi || lambda is not double la)
        {
            return null;
        }
        if (!(lo <= mo && mo <= hi))
        {
            Error(map, path, "needs min <= mode <= max");
            return null;
        }
        return lo == hi ? new ConstantDistribution(lo) : new PertDistribution(lo, mo, hi, la);
    }

    private Distribution? ReadNormal(YNode body, string path, bool money)
    {
        if (Mapping(body, path) is not { } map)
        {
            return null;
        }
        var f = Fields(map, path, ["mean", "sd", "min", "max"]);
        double? mean = Required(f, "mean", map, path) is { } a ? Number(a, Join(path, "mean"), money) : null;
        double? sd = Required(f, "sd", map, path) is { } b ? Number(b, Join(path, "sd"), money) : null;
        double? min = Optional(f, "min") is { } c ? Number(c, Join(path, "min"), money) : null;
        double? max = Optional(f, "max") is { } d ? Number(d, Join(path, "max"), money) : null;
        if (mean is not double m || sd is not double s)
        {
            return null;
        }
        if (s < 0)
        {
            Error(f["sd"].Value, Join(path, "sd"), "sd must be >= 0");
            return null;
        }
        if (min is double lo && max is double hi && lo == hi)
        {
            return new ConstantDistribution(lo);
        }
        return new NormalDistribution(m, s, min, max);
    }

    private Distribution? ReadLogNormal(YNode body, string path, bool money)
    {
        if (Mapping(body, path) is not { } map)
        {
            return null;
        }
        var f = Fields(map, path, ["mean", "sd"]);
        double? mean = Required(f, "mean", map, path) is { } a ? Number(a, Join(path, "mean"), money) : null;
        double? sd = Required(f, "sd", map, path) is { } b ? Number(b, Join(path, "sd"), money) : null;
        if (mean is not double m || sd is not double s)
        {
            return null;
        }
        if (m <= 0)
        {
            Error(f["mean"].Value, Join(path, "mean"), "lognormal mean must be > 0 (it is the mean of the variable itself)");
            return null;
        }
        if (s < 0)
        {
            Error(f["sd"].Value, Join(path, "sd"), "sd must be >= 0");
            return null;
        }
        return new LogNormalDistribution(m, s);
    }

    private Distribution? ReadDiscrete(YNode body, string path, bool money)
    {
        if (Mapping(body, path) is not { } map)
        {
            return null;
        }
        var f = Fields(map, path, ["values", "weights"]);
        var values = Required(f, "values", map, path) is { } a ? NumberList(a, Join(path, "values"), money) : null;
        var weights = Required(f, "weights", map, path) is { } b ? NumberList(b, Join(path, "weights"), false) : null;
        if (values is null || weights is null)
        {
            return null;
        }
        if (values.Count == 0 || values.Count != weights.Count)
        {
            Error(map, path, $"needs as many weights as values, at least one (found {values.Count} values, {weights.Count} weights)");
            return null;
        }
        if (weights.Any(w => w < 0))
        {
            Error(f["weights"].Value, Join(path, "weights"), "weights must be >= 0");
            return null;
        }
        if (weights.Sum() <= 0)
        {
            Error(f["weights"].Value, Join(path, "weights"), "weights are all zero");
            return null;
        }
        var d = new DiscreteDistribution(values, weights);
        return d.IsConstant ? new ConstantDistribution(d.SupportMin) : d;
    }

    private List<double>? NumberList(YNode node, string field, bool money)
    {
        if (node is not YSequence seq)
        {
            Error(node, field, $"expected a list of numbers, found {Describe(node)}");
            return null;
        }
        var list = new List<double>();
        bool ok = true;
        foreach (var item in seq.Items)
        {
            if (Number(item, field, money) is double v)
            {
                list.Add(v);
            }
            else
            {
                ok = false;
            }
        }
        return ok ? list : null;
    }

    private Distribution? NonNegative(YNode node, string field, bool money, string what)
    {
        var d = ReadDistribution(node, field, money);
        if (d is not null && d.SupportMin < 0)
        {
            Error(node, field, $"{what} must not be negative, but this distribution can go below 0 ({d})");
            return null;
        }
        return d;
    }
}
