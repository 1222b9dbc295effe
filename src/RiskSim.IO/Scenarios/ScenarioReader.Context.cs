using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Reading context: the problems found so far, the limits, and typed access to the fields of a node.
public sealed partial class ScenarioReader
{
    private readonly string _file;
    private readonly List<ScenarioError> _errors = [];

    private ScenarioReader(string file) => _file = file;

    /// <summary>Largest scenario file read, in bytes (10 MB): far above any real scenario, small enough to fail fast.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Most problems listed per file; the rest are counted in one closing line.</summary>
    public const int MaxListedErrors = 100;

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

    /// <summary>Text safe to echo to a terminal: control characters shown as \uXXXX.</summary>
    internal static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;

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
}
