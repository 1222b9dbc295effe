using System.Globalization;
using System.Text.RegularExpressions;
using RiskSim.Core.Model;
using RiskSim.Core.Sampling;

namespace RiskSim.IO.Scenarios;

/// <summary>
/// Turns a scenario file (YAML or JSON, SPEC sections 2–3) into a validated <see cref="Scenario"/>,
/// or into the full list of problems in it, each with file, line, column and key.
/// </summary>
public sealed partial class ScenarioReader
{
    private static readonly string[] TopKeys =
        ["name", "description", "currency", "start_year", "horizon_years", "discount_rate", "target", "simulation",
         "partners", "workstreams", "risks", "correlations", "variants"];
    private static readonly string[] DistributionKinds = ["triangular", "pert", "uniform", "normal", "lognormal", "discrete"];

    private readonly string _file;
    private readonly List<ScenarioError> _errors = [];

    private ScenarioReader(string file) => _file = file;

    /// <summary>Largest scenario file read, in bytes (10 MB): far above any real scenario, small enough to fail fast.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Most problems listed per file; the rest are counted in one closing line.</summary>
    public const int MaxListedErrors = 100;

    /// <summary>Reads and validates a scenario file.</summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable, too large or invalid; carries every problem.</exception>
    public static Scenario ReadFile(string path) => Load(path).Scenario;

    /// <summary>
    /// Reads and validates a scenario file and hashes the very bytes that were parsed, so a run's provenance
    /// always names what was simulated even if the file changes while it runs.
    /// </summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable, too large or invalid; carries every problem.</exception>
    public static LoadedScenario Load(string path)
    {
        byte[] bytes = ReadBounded(path);
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }
        return new LoadedScenario(Parse(text, path), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    // Reads at most MaxFileBytes + 1 bytes, so /dev/zero or a huge file ends at once with a message.
    private static byte[] ReadBounded(string path)
    {
        static ScenarioException Problem(string path, string why) =>
            new([new ScenarioError(path, 1, 1, "", $"cannot read the scenario: {why}")]);
        if (path.Length == 0)
        {
            throw Problem("(empty path)", "no file name given");
        }
        if (Directory.Exists(path))
        {
            throw Problem(path, "it is a folder, not a file");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxFileBytes + 1L - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxFileBytes)
                {
                    throw Problem(path, $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB; a scenario file is a few kilobytes");
                }
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw Problem(path, why);
        }
    }

    /// <summary>Validates scenario text; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ScenarioException">The text is invalid; carries every problem.</exception>
    public static Scenario Parse(string text, string file)
    {
        var reader = new ScenarioReader(file);
        var root = YamlTree.Parse(text, reader.Error);
        Scenario? scenario = root is null ? null : reader.ReadScenario(root);
        if (reader._errors.Count > 0 || scenario is null)
        {
            throw new ScenarioException(Listed(reader._errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList(), file));
        }
        return scenario;
    }

    /// <summary>The first <see cref="MaxListedErrors"/> problems and, when there are more, one line counting the rest.</summary>
    private static List<ScenarioError> Listed(List<ScenarioError> errors, string file)
    {
        if (errors.Count <= MaxListedErrors)
        {
            return errors;
        }
        var listed = errors.Take(MaxListedErrors).ToList();
        var last = errors[MaxListedErrors];
        listed.Add(new ScenarioError(file, last.Line, last.Column, "",
            $"and {(errors.Count - MaxListedErrors).ToString("N0", CultureInfo.InvariantCulture)} more problems (only the first {MaxListedErrors} are listed)"));
        return listed;
    }

    private void Error(int line, int column, string field, string message) =>
        _errors.Add(new ScenarioError(_file, line, column, field, message));

    private void Error(YNode node, string field, string message) => Error(node.Line, node.Column, field, message);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex VariantNamePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    /// <summary>Text safe to echo to a terminal: control characters shown as \uXXXX.</summary>
    internal static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;

    /// <summary>
    /// Reads <c>optimism_bias</c>: a Green Book category (with bound and mitigation) and/or explicit uplifts
    /// that are the user's own evidence.
    /// </summary>
    private List<(VariantChange Change, YNode Node, string Field)> ReadOptimismBias(YMapping map, string field)
    {
        var changes = new List<(VariantChange, YNode, string)>();
        string[] keys = ["category", "bound", "mitigation", .. OptimismBias.ExplicitFields];
        var f = Fields(map, field, keys);
        if (Optional(f, "category") is { } cn && Text(cn, Join(field, "category")) is { } categoryName)
        {
            var category = OptimismBias.Categories.FirstOrDefault(c => c.Name == categoryName);
            bool upper = true;
            if (Optional(f, "bound") is { } bn && Text(bn, Join(field, "bound")) is { } bound)
            {
                if (bound is not ("upper" or "lower"))
                {
                    Error(bn, Join(field, "bound"), $"bound is upper or lower, found '{Printable(bound)}'");
                    return changes;
                }
                upper = bound == "upper";
            }
            double mitigation = Optional(f, "mitigation") is { } mn
                ? NumberIn(mn, Join(field, "mitigation"), 0, 1, "a factor within [0, 1] (the share of the uplift your risk management removes)") ?? double.NaN
                : 0;
            if (category is null)
            {
                string near = Nearest(categoryName, OptimismBias.Categories.Select(c => c.Name));
                Error(cn, Join(field, "category"), $"unknown Green Book category '{Printable(categoryName)}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}; one of: "
                    + string.Join(", ", OptimismBias.Categories.Select(c => c.Name)));
                return changes;
            }
            if (category.CapitalUpper is null)
            {
                Error(cn, Join(field, "category"), $"the guidance's {category.Label.ToLowerInvariant()} uplift applies to operating expenditure, "
                    + "which a RiskSim scenario does not model; give explicit uplifts for your own evidence instead");
                return changes;
            }
            foreach (string own in new[] { "duration", "implementation_cost" })
            {
                if (f.TryGetValue(own, out var clash))
                {
                    Error(clash.Key, Join(field, own), $"{own} comes from the category '{category.Name}'; give either the category or your own {own} uplift");
                    return changes;
                }
            }
            if (double.IsNaN(mitigation))
            {
                return changes;
            }
            var (duration, capital) = OptimismBias.Uplifts(category, upper, mitigation);
            changes.AddRange(OptimismBias.Changes("duration", duration).Select(c => ((VariantChange)c, (YNode)cn, Join(field, "category"))));
            changes.AddRange(OptimismBias.Changes("implementation_cost", capital).Select(c => ((VariantChange)c, (YNode)cn, Join(field, "category"))));
        }
        else if (f.ContainsKey("bound") || f.ContainsKey("mitigation"))
        {
            var key = f.ContainsKey("bound") ? f["bound"].Key : f["mitigation"].Key;
            Error(key, Join(field, key.Value), "bound and mitigation go with a Green Book category (category: equipment_development, ...)");
        }
        foreach (string k in OptimismBias.ExplicitFields)
        {
            if (f.TryGetValue(k, out var entry)
                && NumberIn(entry.Value, Join(field, k), -0.99, 100, "an uplift above -1 (0.54 = +54%, -0.2 = -20%)") is double uplift)
            {
                changes.AddRange(OptimismBias.Changes(k, uplift).Select(c => ((VariantChange)c, (YNode)entry.Key, Join(field, k))));
            }
        }
        return changes;
    }

    // ---- structure helpers -------------------------------------------------------------------

    private YMapping? Mapping(YNode node, string field)
    {
        if (node is YMapping m)
        {
            return m;
        }
        Error(node, field, $"expected a mapping (key: value pairs), found {Describe(node)}");
        return null;
    }

    private static string Describe(YNode node) => node switch
    {
        YScalar s when s.IsNull => "nothing",
        YScalar s => $"'{s.Value}'",
        YSequence => "a list",
        _ => "a mapping",
    };

    /// <summary>Values of a mapping by key, with unknown keys reported (and the nearest known key suggested).</summary>
    private Dictionary<string, (YScalar Key, YNode Value)> Fields(YMapping map, string field, IReadOnlyList<string> allowed)
    {
        var result = new Dictionary<string, (YScalar, YNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                string suggestion = Nearest(key.Value, allowed);
                string hint = suggestion.Length > 0 ? $" (did you mean '{suggestion}'?)" : "";
                Error(key, Join(field, key.Value), $"unknown key '{key.Value}'{hint}; allowed here: {string.Join(", ", allowed)}");
                continue;
            }
            result[key.Value] = (key, value);
        }
        return result;
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    /// <summary>The allowed key closest to <paramref name="key"/> by edit distance, if close enough.</summary>
    internal static string Nearest(string key, IEnumerable<string> allowed)
    {
        string best = "";
        int bestDistance = int.MaxValue;
        foreach (string candidate in allowed)
        {
            int d = Levenshtein(key, candidate);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.Max(2, key.Length / 3) ? best : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private YNode? Required(Dictionary<string, (YScalar Key, YNode Value)> fields, string key, YNode owner, string field)
    {
        if (fields.TryGetValue(key, out var entry) && !(entry.Value is YScalar s && s.IsNull))
        {
            return entry.Value;
        }
        Error(entry.Key ?? owner, Join(field, key), $"'{key}' is required");
        return null;
    }

    private static YNode? Optional(Dictionary<string, (YScalar Key, YNode Value)> fields, string key) =>
        fields.TryGetValue(key, out var entry) && !(entry.Value is YScalar s && s.IsNull) ? entry.Value : null;

    private string? Text(YNode node, string field)
    {
        if (node is YScalar s && !s.IsNull)
        {
            return s.Value;
        }
        Error(node, field, $"expected text, found {Describe(node)}");
        return null;
    }

    private double? Number(YNode node, string field, bool money = false)
    {
        if (node is YScalar s && !s.IsNull)
        {
            if (money ? MoneyParser.TryParseMoney(s.Value, out double v) : MoneyParser.TryParseNumber(s.Value, out v))
            {
                if (Math.Abs(v) > ScenarioRules.MaxMagnitude)
                {
                    Error(node, field, $"{s.Value} is too large: numbers in a scenario are at most 1e15 in size, so that no sum, mean or variance overflows");
                    return null;
                }
                return v;
            }
            Error(node, field, money
                ? $"expected an amount of money such as {MoneyParser.AcceptedForms}, found '{Printable(s.Value)}'"
                : $"expected a number, found '{Printable(s.Value)}'");
            return null;
        }
        Error(node, field, $"expected a number, found {Describe(node)}");
        return null;
    }

    private double? NumberIn(YNode node, string field, double min, double max, string range)
    {
        double? v = Number(node, field);
        if (v is double x && !(x >= min && x <= max))
        {
            Error(node, field, $"must be {range}, found {x.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return v;
    }

    private int? Integer(YNode node, string field, int min, int max)
    {
        double? v = Number(node, field);
        if (v is not double x)
        {
            return null;
        }
        if (x != Math.Floor(x) || x < min || x > max)
        {
            Error(node, field, $"must be a whole number from {min} to {max}, found {x.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)x;
    }

    // ---- distributions -----------------------------------------------------------------------

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

    // ---- scenario ----------------------------------------------------------------------------

    private Scenario? ReadScenario(YNode root)
    {
        if (Mapping(root, "") is not { } map)
        {
            return null;
        }
        var f = Fields(map, "", TopKeys);
        string? name = Required(f, "name", map, "") is { } n ? Text(n, "name") : null;
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            Error(f["name"].Value, "name", "the name is empty; give the scenario a name a reader will recognise");
            name = null;
        }
        string description = Optional(f, "description") is { } d ? Text(d, "description") ?? "" : "";
        string currency = "GBP";
        if (Optional(f, "currency") is { } c && Text(c, "currency") is { } code)
        {
            if (CurrencyPattern().IsMatch(code))
            {
                currency = code;
            }
            else
            {
                Error(c, "currency", $"expected a three-letter currency code such as GBP or EUR, found '{Printable(code)}'");
            }
        }
        int? startYear = Optional(f, "start_year") is { } sy ? Integer(sy, "start_year", 1900, 2200) : null;
        int? horizon = Required(f, "horizon_years", map, "") is { } h ? Integer(h, "horizon_years", 1, 50) : null;
        double? discount = Optional(f, "discount_rate") is { } r ? NumberIn(r, "discount_rate", 0, 0.999999, "within [0, 1)") : 0.035;

        int trials = 1_000_000;
        ulong seed = 42;
        if (Optional(f, "simulation") is { } simNode && Mapping(simNode, "simulation") is { } sim)
        {
            var sf = Fields(sim, "simulation", ["trials", "seed"]);
            if (Optional(sf, "trials") is { } t && Integer(t, "simulation.trials", 1, int.MaxValue) is int tv)
            {
                trials = tv;
            }
            if (Optional(sf, "seed") is { } s && ReadSeed(s, "simulation.seed") is ulong sv)
            {
                seed = sv;
            }
        }

        // Ids are collected from the file first, so that a mistake inside one item never makes the
        // references to it look dangling.
        var partnerIds = RawIds(Optional(f, "partners"));
        var workstreamIds = RawIds(Optional(f, "workstreams")).ToHashSet();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var (partners, partnersOk) = Optional(f, "partners") is { } pn ? ReadList(pn, "partners", ReadPartner, ids) : ([], false);
        if (Optional(f, "partners") is null)
        {
            Error(map, "partners", "'partners' is required: at least one partner");
        }
        var (workstreams, workstreamsOk) = Optional(f, "workstreams") is { } wn
            ? ReadList(wn, "workstreams", (node, path) => ReadWorkstream(node, path, partnerIds), ids)
            : ([], false);
        if (Optional(f, "workstreams") is null)
        {
            Error(map, "workstreams", "'workstreams' is required: at least one workstream");
        }
        var (risks, risksOk) = Optional(f, "risks") is { } rn
            ? ReadList(rn, "risks", (node, path) => ReadRisk(node, path, workstreamIds, horizon), ids, allowEmpty: true)
            : ([], true);

        SavingsTarget? target = null;
        if (Optional(f, "target") is { } tn && Mapping(tn, "target") is { } tm)
        {
            var tf = Fields(tm, "target", ["cumulative_net_savings", "by_year"]);
            double? amount = Required(tf, "cumulative_net_savings", tm, "target") is { } a
                ? Number(a, "target.cumulative_net_savings", money: true) : null;
            int? by = Required(tf, "by_year", tm, "target") is { } b ? Integer(b, "target.by_year", 1, horizon ?? 50) : null;
            if (amount is double av && by is int bv)
            {
                target = new SavingsTarget(av, bv);
            }
        }

        if (partnersOk && partners.Count > 0)
        {
            double total = partners.Sum(p => p.Share);
            if (Math.Abs(total - 1) > 1e-9)
            {
                Error(f["partners"].Value, "partners.share",
                    $"partner shares must sum to 1, they sum to {total.ToString("0.##########", CultureInfo.InvariantCulture)}");
            }
            if (partners.Count > 64)
            {
                Error(f["partners"].Value, "partners", "at most 64 partners are supported");
            }
        }

        // Correlations are checked against every input the file names, even when other parts have errors.
        var parsed = new Scenario { Name = "", HorizonYears = 1, Partners = partners, Workstreams = workstreams, Risks = risks };
        var known = InputCatalog.Of(parsed).ToDictionary(i => i.Name, i => (Distribution?)i.Distribution, StringComparer.Ordinal);
        foreach (string rawName in RawInputNames(f))
        {
            known.TryAdd(rawName, null);
        }
        var correlations = Optional(f, "correlations") is { } cn ? ReadCorrelations(cn, known) : [];

        if (name is null || horizon is null || discount is null || !partnersOk || !workstreamsOk || !risksOk
            || correlations is null || _errors.Count > 0)
        {
            return null;
        }
        var scenario = new Scenario
        {
            Name = name,
            Description = description,
            Currency = currency,
            StartYear = startYear,
            HorizonYears = horizon.Value,
            DiscountRate = discount.Value,
            Target = target,
            DefaultTrials = trials,
            DefaultSeed = seed,
            Partners = partners,
            Workstreams = workstreams,
            Risks = risks,
            Correlations = correlations,
        };
        var variants = Optional(f, "variants") is { } vn ? ReadVariants(vn, scenario) : [];
        return _errors.Count > 0 ? null : scenario with { Variants = variants };
    }

    private List<ScenarioVariant> ReadVariants(YNode node, Scenario scenario)
    {
        var result = new List<ScenarioVariant>();
        if (node is not YSequence seq)
        {
            Error(node, "variants", $"expected a list, found {Describe(node)}");
            return result;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"variants[{i}]";
            if (Mapping(seq.Items[i], path) is not { } map)
            {
                continue;
            }
            var f = Fields(map, path, ["name", "description", "set", "scale", "remove_partner", "optimism_bias"]);
            string? name = Required(f, "name", map, path) is { } n ? Text(n, Join(path, "name")) : null;
            if (name is not null && !VariantNamePattern().IsMatch(name))
            {
                // The name becomes part of a folder name: nothing but lower-case letters, digits, '-' and '_'.
                Error(f["name"].Value, Join(path, "name"),
                    $"a variant name is lower-case letters, digits, '-' and '_', starting with a letter or digit (e.g. late-ict), found '{Printable(name)}'");
                name = null;
            }
            if (name is not null)
            {
                path = $"variants[{name}]";
                if (!names.Add(name))
                {
                    Error(f["name"].Value, Join(path, "name"), $"duplicate variant name '{name}'");
                }
            }
            string description = Optional(f, "description") is { } d ? Text(d, Join(path, "description")) ?? "" : "";
            var changes = new List<(VariantChange Change, YNode Node, string Field)>();
            foreach (var (key, value) in map.Entries)
            {
                string field = Join(path, key.Value);
                switch (key.Value)
                {
                    case "remove_partner":
                        if (Text(value, field) is { } pid)
                        {
                            changes.Add((new RemovePartnerChange(pid), value, field));
                        }
                        break;
                    case "set":
                    case "scale":
                        if (Mapping(value, field) is { } entries)
                        {
                            foreach (var (pathKey, pathValue) in entries.Entries)
                            {
                                string changeField = Join(field, pathKey.Value);
                                VariantChange? change = key.Value == "set"
                                    ? ReadSetChange(pathKey.Value, pathValue, changeField)
                                    : NumberIn(pathValue, changeField, 0, 1e6, "a factor >= 0") is double factor
                                        ? new ScaleChange(pathKey.Value, factor) : null;
                                if (change is not null)
                                {
                                    changes.Add((change, pathKey, changeField));
                                }
                            }
                        }
                        break;
                    case "optimism_bias":
                        if (Mapping(value, field) is { } bias)
                        {
                            changes.AddRange(ReadOptimismBias(bias, field));
                        }
                        break;
                }
            }
            if (name is null)
            {
                continue;
            }
            // Each change is tried on the scenario so far, so a bad path or value is reported where it is written.
            var applied = scenario;
            bool ok = true;
            foreach (var (change, changeNode, changeField) in changes)
            {
                try
                {
                    applied = VariantApplier.Apply(applied, change);
                }
                catch (ArgumentException e)
                {
                    Error(changeNode, changeField, e.Message);
                    ok = false;
                }
            }
            if (ok)
            {
                // The changed scenario keeps every rule a file must keep (a set may fix a correlated input).
                foreach (var problem in ScenarioRules.Check(applied))
                {
                    Error(f["name"].Value, Join(path, problem.Field), problem.Message);
                    ok = false;
                }
            }
            if (ok)
            {
                result.Add(new ScenarioVariant(name, description, changes.Select(c => c.Change).ToList()));
            }
        }
        return result;
    }

    /// <summary>Reads a <c>set</c> entry, parsing the value as the kind of quantity its path names.</summary>
    internal SetChange? ReadSetChange(string path, YNode value, string field)
    {
        if (KindOf(path) is not { } kind)
        {
            Error(value, field, $"'{path}' is not a quantity a variant can set; use <id>.<field> such as ict.delay_months, county.withdrawal.annual_probability, tupe.cost or discount_rate");
            return null;
        }
        Distribution? d = kind switch
        {
            VariantPaths.ValueKind.Money => ReadDistribution(value, field, true),
            VariantPaths.ValueKind.Delay => NonNegative(value, field, false, "a delay"),
            VariantPaths.ValueKind.Quantity or VariantPaths.ValueKind.Fraction => ReadDistribution(value, field, false),
            VariantPaths.ValueKind.Probability => NumberIn(value, field, 0, 1, "a probability within [0, 1]") is double p ? new ConstantDistribution(p) : null,
            VariantPaths.ValueKind.Rate => NumberIn(value, field, 0, 0.999999, "within [0, 1)") is double r ? new ConstantDistribution(r) : null,
            _ => NumberIn(value, field, 0, 1200, "a number of months >= 0") is double m ? new ConstantDistribution(m) : null,
        };
        return d is null ? null : new SetChange(path, d);
    }

    private static VariantPaths.ValueKind? KindOf(string path)
    {
        if (VariantPaths.Scenario.TryGetValue(path, out var top))
        {
            return top;
        }
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }
        string field = path[(dot + 1)..];
        if (field.StartsWith("delay_months.", StringComparison.Ordinal))
        {
            return VariantPaths.ValueKind.Delay;
        }
        return VariantPaths.Workstream.TryGetValue(field, out var k) ? k
            : VariantPaths.Partner.TryGetValue(field, out k) ? k
            : VariantPaths.Risk.TryGetValue(field, out k) ? k
            : null;
    }

    /// <summary>
    /// Parses one command-line change, <c>path=value</c> with a YAML value (<c>ict.go_live_month=12</c>,
    /// <c>ict.delay_months={ triangular: [3, 6, 18] }</c>).
    /// </summary>
    /// <exception cref="ScenarioException">The text is not a valid change.</exception>
    public static SetChange ParseSetOption(string text)
    {
        var reader = new ScenarioReader("--set");
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ScenarioException([new ScenarioError("--set", 1, 1, text, "expected path=value, e.g. ict.go_live_month=12")]);
        }
        string path = text[..eq].Trim();
        var node = YamlTree.Parse(text[(eq + 1)..], (line, column, _, message) => reader.Error(line, column + eq + 1, path, message));
        var change = node is null ? null : reader.ReadSetChange(path, node, path);
        if (reader._errors.Count > 0 || change is null)
        {
            throw new ScenarioException(reader._errors);
        }
        return change;
    }

    /// <summary>The list's items that are mappings with a (non-empty) id, read from the raw tree.</summary>
    private static IEnumerable<(string Id, YMapping Map)> RawItems(YNode? list) =>
        list is YSequence seq
            ? seq.Items.OfType<YMapping>()
                .Select(m => (Id: m.Entries.FirstOrDefault(e => e.Key.Value == "id").Value is YScalar { IsNull: false } id ? id.Value : "", Map: m))
                .Where(x => x.Id.Length > 0)
            : [];

    private static List<string> RawIds(YNode? list) => RawItems(list).Select(x => x.Id).Distinct().ToList();

    /// <summary>Dotted input names the file declares, read from the raw tree (SPEC section 3).</summary>
    private static IEnumerable<string> RawInputNames(Dictionary<string, (YScalar Key, YNode Value)> top)
    {
        IEnumerable<(string Id, YMapping Map)> Items(string key) => RawItems(Optional(top, key));
        static bool Has(YMapping map, string key) => map.Entries.Any(e => e.Key.Value == key);
        foreach (var (id, map) in Items("workstreams"))
        {
            foreach (string field in new[] { "annual_saving", "delay_months", "implementation_cost", "delay_cost_per_month" })
            {
                yield return $"{id}.{field}";
            }
            if (Has(map, "redundancy"))
            {
                yield return $"{id}.redundancy.headcount";
                yield return $"{id}.redundancy.cost_per_head";
            }
        }
        foreach (var (id, map) in Items("partners"))
        {
            if (Has(map, "withdrawal"))
            {
                yield return $"{id}.withdrawal";
                yield return $"{id}.savings_lost";
                yield return $"{id}.exit_cost";
            }
        }
        foreach (var (id, map) in Items("risks"))
        {
            yield return $"{id}.occurs";
            yield return $"{id}.year";
            yield return $"{id}.cost";
            if (map.Entries.FirstOrDefault(e => e.Key.Value == "delay_months").Value is YMapping delays)
            {
                foreach (var (ws, _) in delays.Entries)
                {
                    yield return $"{id}.delay_months.{ws.Value}";
                }
            }
        }
    }

    private ulong? ReadSeed(YNode node, string field)
    {
        if (node is YScalar s && ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
        {
            return v;
        }
        Error(node, field, $"expected a whole number >= 0, found {Describe(node)}");
        return null;
    }

    /// <summary>Reads a list of items that each carry an id (unique across partners, workstreams and risks).</summary>
    private (List<T> Items, bool Ok) ReadList<T>(YNode node, string field, Func<YMapping, string, T?> item,
        Dictionary<string, string> ids, bool allowEmpty = false) where T : class
    {
        if (node is not YSequence seq)
        {
            Error(node, field, $"expected a list, found {Describe(node)}");
            return ([], false);
        }
        if (seq.Items.Count == 0 && !allowEmpty)
        {
            Error(node, field, "needs at least one entry");
            return ([], false);
        }
        var result = new List<T>();
        bool ok = true;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"{field}[{i}]";
            if (Mapping(seq.Items[i], path) is not { } map)
            {
                ok = false;
                continue;
            }
            var idEntry = map.Entries.FirstOrDefault(e => e.Key.Value == "id");
            if (idEntry.Value is YScalar idScalar && !idScalar.IsNull)
            {
                string id = idScalar.Value;
                path = $"{field}[{id}]";
                if (!IdPattern().IsMatch(id))
                {
                    Error(idScalar, Join(path, "id"), $"id '{id}' must be lower case letters, digits and _ and start with a letter");
                    ok = false;
                }
                else if (ids.TryGetValue(id, out string? previous))
                {
                    Error(idScalar, Join(path, "id"), $"duplicate id '{id}' (already used by {previous})");
                    ok = false;
                }
                else
                {
                    ids[id] = $"{field}[{i}]";
                }
            }
            if (item(map, path) is { } value)
            {
                result.Add(value);
            }
            else
            {
                ok = false;
            }
        }
        return (result, ok);
    }

    private Partner? ReadPartner(YMapping map, string path)
    {
        var f = Fields(map, path, ["id", "name", "share", "withdrawal"]);
        string? id = Required(f, "id", map, path) is { } i ? Text(i, Join(path, "id")) : null;
        string name = Optional(f, "name") is { } n ? Text(n, Join(path, "name")) ?? "" : "";
        double? share = Required(f, "share", map, path) is { } s ? NumberIn(s, Join(path, "share"), 0, 1, "within [0, 1]") : null;
        PartnerWithdrawal? withdrawal = null;
        bool ok = true;
        if (Optional(f, "withdrawal") is { } wn)
        {
            string wp = Join(path, "withdrawal");
            if (Mapping(wn, wp) is { } wm)
            {
                var wf = Fields(wm, wp, ["annual_probability", "notice_months", "savings_lost", "exit_cost"]);
                double? p = Required(wf, "annual_probability", wm, wp) is { } a
                    ? NumberIn(a, Join(wp, "annual_probability"), 0, 1, "a probability within [0, 1]") : null;
                double? notice = Optional(wf, "notice_months") is { } nm
                    ? NumberIn(nm, Join(wp, "notice_months"), 0, 1200, "a number of months >= 0") : 12;
                Distribution? lost = Optional(wf, "savings_lost") is { } sl
                    ? ReadDistribution(sl, Join(wp, "savings_lost"), false)
                    : share is double sh ? new ConstantDistribution(sh) : null;
                if (lost is not null && (lost.SupportMin < 0 || lost.SupportMax > 1))
                {
                    Error(wf["savings_lost"].Value, Join(wp, "savings_lost"),
                        $"savings lost is a fraction and must stay within [0, 1], but this distribution can leave it ({lost})");
                    lost = null;
                }
                Distribution? exitCost = Optional(wf, "exit_cost") is { } ec
                    ? ReadDistribution(ec, Join(wp, "exit_cost"), true) : new ConstantDistribution(0);
                if (p is double pv && notice is double nv && lost is not null && exitCost is not null)
                {
                    withdrawal = new PartnerWithdrawal { AnnualProbability = pv, NoticeMonths = nv, SavingsLost = lost, ExitCost = exitCost };
                }
                else
                {
                    ok = false;
                }
            }
            else
            {
                ok = false;
            }
        }
        return ok && id is not null && share is double shv
            ? new Partner { Id = id, Name = name, Share = shv, Withdrawal = withdrawal }
            : null;
    }

    private Workstream? ReadWorkstream(YMapping map, string path, List<string> partnerIds)
    {
        var f = Fields(map, path, ["id", "name", "annual_saving", "go_live_month", "delay_months", "ramp_months", "depends_on",
            "implementation_cost", "delay_cost_per_month", "redundancy"]);
        string? id = Required(f, "id", map, path) is { } i ? Text(i, Join(path, "id")) : null;
        string name = Optional(f, "name") is { } n ? Text(n, Join(path, "name")) ?? "" : "";
        var saving = Required(f, "annual_saving", map, path) is { } s ? ReadDistribution(s, Join(path, "annual_saving"), true) : null;
        double? goLive = Optional(f, "go_live_month") is { } g ? NumberIn(g, Join(path, "go_live_month"), 0, 1200, "a number of months >= 0") : 0;
        var delay = Optional(f, "delay_months") is { } d
            ? NonNegative(d, Join(path, "delay_months"), false, "a delay") : new ConstantDistribution(0);
        double? ramp = Optional(f, "ramp_months") is { } r ? NumberIn(r, Join(path, "ramp_months"), 0, 1200, "a number of months >= 0") : 0;
        var implementation = Optional(f, "implementation_cost") is { } ic
            ? ReadDistribution(ic, Join(path, "implementation_cost"), true) : new ConstantDistribution(0);
        var delayCost = Optional(f, "delay_cost_per_month") is { } dc
            ? ReadDistribution(dc, Join(path, "delay_cost_per_month"), true) : new ConstantDistribution(0);

        IReadOnlyList<string>? dependsOn = partnerIds;
        if (f.TryGetValue("depends_on", out var dep))
        {
            string dp = Join(path, "depends_on");
            if (dep.Value is YSequence seq)
            {
                var list = new List<string>();
                foreach (var item in seq.Items)
                {
                    if (Text(item, dp) is { } pid)
                    {
                        if (!partnerIds.Contains(pid))
                        {
                            string near = Nearest(pid, partnerIds);
                            Error(item, dp, $"no partner with id '{pid}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}");
                            dependsOn = null;
                        }
                        else if (list.Contains(pid))
                        {
                            Error(item, dp, $"partner '{pid}' is listed twice");
                        }
                        else
                        {
                            list.Add(pid);
                        }
                    }
                }
                dependsOn = dependsOn is null ? null : list;
            }
            else
            {
                Error(dep.Value, dp, $"expected a list of partner ids (or [] for none), found {Describe(dep.Value)}");
                dependsOn = null;
            }
        }

        Redundancy? redundancy = null;
        bool ok = true;
        if (Optional(f, "redundancy") is { } rn)
        {
            string rp = Join(path, "redundancy");
            if (Mapping(rn, rp) is { } rm)
            {
                var rf = Fields(rm, rp, ["headcount", "cost_per_head", "at_month"]);
                var heads = Required(rf, "headcount", rm, rp) is { } h ? ReadDistribution(h, Join(rp, "headcount"), false) : null;
                var perHead = Required(rf, "cost_per_head", rm, rp) is { } c ? ReadDistribution(c, Join(rp, "cost_per_head"), true) : null;
                bool hasAt = Optional(rf, "at_month") is not null;
                double? atMonth = Optional(rf, "at_month") is { } am ? NumberIn(am, Join(rp, "at_month"), 0, 1200, "a number of months >= 0") : null;
                if (heads is not null && perHead is not null && (atMonth is not null || !hasAt))
                {
                    redundancy = new Redundancy(heads, perHead, atMonth);
                }
                else
                {
                    ok = false;
                }
            }
            else
            {
                ok = false;
            }
        }
        if (!ok || id is null || saving is null || goLive is null || delay is null || ramp is null || implementation is null
            || delayCost is null || dependsOn is null)
        {
            return null;
        }
        return new Workstream
        {
            Id = id,
            Name = name,
            AnnualSaving = saving,
            GoLiveMonth = goLive.Value,
            DelayMonths = delay,
            RampMonths = ramp.Value,
            DependsOn = dependsOn,
            ImplementationCost = implementation,
            DelayCostPerMonth = delayCost,
            Redundancy = redundancy,
        };
    }

    private Risk? ReadRisk(YMapping map, string path, HashSet<string> workstreamIds, int? horizon)
    {
        var f = Fields(map, path, ["id", "name", "probability", "year", "cost", "delay_months"]);
        string? id = Required(f, "id", map, path) is { } i ? Text(i, Join(path, "id")) : null;
        string name = Optional(f, "name") is { } n ? Text(n, Join(path, "name")) ?? "" : "";
        double? p = Required(f, "probability", map, path) is { } pn
            ? NumberIn(pn, Join(path, "probability"), 0, 1, "a probability within [0, 1]") : null;
        int h = horizon ?? 50;
        int? first = null, last = null;
        if (Required(f, "year", map, path) is { } yn)
        {
            string yp = Join(path, "year");
            if (yn is YSequence ys)
            {
                if (ys.Items.Count != 2)
                {
                    Error(yn, yp, "expected a year or a range [first, last]");
                }
                else
                {
                    first = Integer(ys.Items[0], yp, 1, h);
                    last = Integer(ys.Items[1], yp, 1, h);
                    if (first > last)
                    {
                        Error(yn, yp, "the range [first, last] must not run backwards");
                        first = null;
                    }
                }
            }
            else
            {
                first = last = Integer(yn, yp, 1, h);
            }
        }
        var cost = Optional(f, "cost") is { } c ? ReadDistribution(c, Join(path, "cost"), true) : new ConstantDistribution(0);
        var delays = new List<RiskDelay>();
        bool ok = true;
        if (Optional(f, "delay_months") is { } dn)
        {
            string dp = Join(path, "delay_months");
            if (Mapping(dn, dp) is { } dm)
            {
                foreach (var (key, value) in dm.Entries)
                {
                    string wp = Join(dp, key.Value);
                    if (!workstreamIds.Contains(key.Value))
                    {
                        string near = Nearest(key.Value, workstreamIds);
                        Error(key, wp, $"no workstream with id '{key.Value}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}");
                        ok = false;
                        continue;
                    }
                    if (NonNegative(value, wp, false, "a delay") is { } months)
                    {
                        delays.Add(new RiskDelay(key.Value, months));
                    }
                    else
                    {
                        ok = false;
                    }
                }
            }
            else
            {
                ok = false;
            }
        }
        if (!ok || id is null || p is null || first is null || last is null || cost is null)
        {
            return null;
        }
        return new Risk { Id = id, Name = name, Probability = p.Value, FirstYear = first.Value, LastYear = last.Value, Cost = cost, Delays = delays };
    }

    private List<RankCorrelation>? ReadCorrelations(YNode node, Dictionary<string, Distribution?> inputs)
    {
        if (node is not YSequence seq)
        {
            Error(node, "correlations", $"expected a list, found {Describe(node)}");
            return null;
        }
        var names = inputs.Keys.ToList();
        var result = new List<RankCorrelation>();
        var pairs = new HashSet<(string, string)>();
        bool ok = true;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"correlations[{i}]";
            if (Mapping(seq.Items[i], path) is not { } map)
            {
                ok = false;
                continue;
            }
            var f = Fields(map, path, ["between", "rank"]);
            double? rank = Required(f, "rank", map, path) is { } r ? NumberIn(r, Join(path, "rank"), -1, 1, "within [-1, 1]") : null;
            string? a = null, b = null;
            if (Required(f, "between", map, path) is { } bn)
            {
                string bp = Join(path, "between");
                if (bn is YSequence bs && bs.Items.Count == 2)
                {
                    a = CorrelatedInput(bs.Items[0], bp, inputs, names);
                    b = CorrelatedInput(bs.Items[1], bp, inputs, names);
                    if (a is not null && a == b)
                    {
                        Error(bn, bp, $"an input cannot be correlated with itself ('{a}')");
                        a = null;
                    }
                    else if (a is not null && b is not null)
                    {
                        var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
                        if (!pairs.Add(key))
                        {
                            Error(bn, bp, $"the pair {a} / {b} is correlated twice");
                            a = null;
                        }
                    }
                }
                else
                {
                    Error(bn, bp, "expected a list of two input names, e.g. [ict.annual_saving, ict.delay_months]");
                }
            }
            if (a is not null && b is not null && rank is double rv)
            {
                result.Add(new RankCorrelation(a, b, rv));
            }
            else
            {
                ok = false;
            }
        }
        if (!ok)
        {
            return null;
        }
        // Each connected group of correlated inputs must form a positive semi-definite matrix.
        var index = result.SelectMany(c => new[] { c.First, c.Second }).Distinct().Select((n, k) => (n, k)).ToDictionary(x => x.n, x => x.k);
        var indexed = result.Select(c => (index[c.First], index[c.Second], c.Rank)).ToList();
        foreach (var group in GaussianCopula.Build(indexed))
        {
            var members = group.Members.ToHashSet();
            var local = group.Members.Select((m, k) => (m, k)).ToDictionary(x => x.m, x => x.k);
            var groupPairs = indexed.Where(p => members.Contains(p.Item1)).Select(p => (local[p.Item1], local[p.Item2], p.Rank)).ToList();
            double rankMin = GaussianCopula.SmallestRankEigenvalue(members.Count, groupPairs);
            double pearsonMin = GaussianCopula.SmallestEigenvalue(members.Count, groupPairs);
            if (rankMin < -1e-9 || pearsonMin < -1e-9)
            {
                var names2 = index.Where(kv => members.Contains(kv.Value)).Select(kv => kv.Key);
                Error(node, "correlations",
                    $"the correlations between {string.Join(", ", names2)} are impossible together (the correlation matrix is not positive semi-definite, smallest eigenvalue {Math.Min(rankMin, pearsonMin).ToString("0.####", CultureInfo.InvariantCulture)}); weaken some of them");
                return null;
            }
        }
        return result;
    }

    private string? CorrelatedInput(YNode node, string field, Dictionary<string, Distribution?> inputs, List<string> names)
    {
        if (Text(node, field) is not { } name)
        {
            return null;
        }
        if (!inputs.TryGetValue(name, out var distribution))
        {
            string near = Nearest(name, names);
            Error(node, field, $"no uncertain input named '{name}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}");
            return null;
        }
        if (distribution is { IsConstant: true })
        {
            Error(node, field, ScenarioRules.FixedCorrelation(name));
            return null;
        }
        return name;
    }
}
