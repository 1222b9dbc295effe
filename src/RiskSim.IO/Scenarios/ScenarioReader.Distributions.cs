using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Distributions: a number or one of the distribution forms of the scenario format.
public sealed partial class ScenarioReader
{
    private static readonly string[] DistributionKinds = ["triangular", "pert", "uniform", "normal", "lognormal", "discrete"];

    /// <summary>A number or a one-key distribution map (see docs/scenario-format.md).</summary>
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
        return kind switch
        {
            "triangular" => List(body, path, money, 3, "[min, mode, max]") is { } t
                ? Made(p => TriangularDistribution.Create(t[0], t[1], t[2], p), body, path, written: t) : null,
            "uniform" => List(body, path, money, 2, "[min, max]") is { } u
                ? Made(p => UniformDistribution.Create(u[0], u[1], p), body, path) : null,
            "pert" => ReadPert(body, path, money),
            "normal" => ReadNormal(body, path, money),
            "lognormal" => ReadLogNormal(body, path, money),
            _ => ReadDiscrete(body, path, money),
        };
    }

    /// <summary>
    /// Makes a distribution with its model factory and reports each problem the factory finds at the node it names:
    /// the parameter's own value in <paramref name="fields"/>, or else the whole distribution.
    /// </summary>
    /// <param name="create">The factory call, given the list to add problems to.</param>
    /// <param name="body">The distribution's node.</param>
    /// <param name="path">Its field path.</param>
    /// <param name="fields">Its parameters by name, when written as a map.</param>
    /// <param name="written">The list as written, echoed after a problem of the whole distribution.</param>
    private Distribution? Made(Func<List<ScenarioProblem>, Distribution?> create, YNode body, string path,
        Dictionary<string, (YScalar Key, YNode Value)>? fields = null, double[]? written = null)
    {
        var problems = new List<ScenarioProblem>();
        var made = create(problems);
        foreach (var problem in problems)
        {
            if (problem.Field.Length > 0 && fields is not null && fields.TryGetValue(problem.Field, out var entry))
            {
                Error(entry.Value, Join(path, problem.Field), problem.Message);
            }
            else
            {
                string echo = written is null ? "" : $", found [{string.Join(", ", written.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]";
                Error(body, path, problem.Message + echo);
            }
        }
        return made;
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
        return ok ? values : null;
    }

    private Distribution? ReadPert(YNode body, string path, bool money)
    {
        if (body is YSequence)
        {
            return List(body, path, money, 3, "[min, mode, max]") is { } t
                ? Made(p => PertDistribution.Create(t[0], t[1], t[2], 4, p), body, path, written: t) : null;
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
        return Made(p => PertDistribution.Create(lo, mo, hi, la, p), map, path, f);
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
        return Made(p => NormalDistribution.Create(m, s, min, max, p), map, path, f);
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
        return Made(p => LogNormalDistribution.Create(m, s, p), map, path, f);
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
        return Made(p => DiscreteDistribution.Create(values, weights, p), map, path, f);
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
