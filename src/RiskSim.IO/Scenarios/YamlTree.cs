using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RiskSim.IO.Scenarios;

/// <summary>A node of a parsed scenario file with the line and column where it starts.</summary>
internal abstract record YNode(int Line, int Column);

/// <summary>A scalar; <see cref="IsNull"/> for an empty, <c>~</c> or <c>null</c> plain scalar.</summary>
internal sealed record YScalar(string Value, bool Quoted, int Line, int Column) : YNode(Line, Column)
{
    public bool IsNull => !Quoted && (Value.Length == 0 || Value == "~" || Value is "null" or "Null" or "NULL");
}

/// <summary>A sequence.</summary>
internal sealed record YSequence(IReadOnlyList<YNode> Items, int Line, int Column) : YNode(Line, Column);

/// <summary>A mapping with its keys in file order.</summary>
internal sealed record YMapping(IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries, int Line, int Column) : YNode(Line, Column);

/// <summary>
/// Builds a <see cref="YNode"/> tree from YAML (or JSON) text with YamlDotNet's event parser, keeping
/// positions and reporting duplicate keys instead of throwing.
/// </summary>
internal static class YamlTree
{
    /// <summary>Deepest nesting of lists and mappings accepted; a scenario needs about six levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses the first document; returns null (with the syntax error) when the text is not YAML.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="error">Told line, column, field path (may be empty) and message of each problem.</param>
    public static YNode? Parse(string text, Action<int, int, string, string> error)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                error(1, 1, "", "the file is empty");
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, error, "", 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                error((int)next.Start.Line, (int)next.Start.Column, "", "only one YAML document is allowed in a scenario file");
            }
            return root;
        }
        catch (YamlException e)
        {
            string message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes positions to its messages; keep only the explanation.
            int close = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line", StringComparison.Ordinal) && close > 0)
            {
                message = message[(close + 3)..];
            }
            error((int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + message);
            return null;
        }
    }

    private static YNode ReadNode(IParser parser, Action<int, int, string, string> error, string path, int depth)
    {
        var start = parser.Current!.Start;
        int line = (int)start.Line, column = (int)start.Column;
        if (depth > MaxDepth && parser.Current is SequenceStart or MappingStart)
        {
            // Skipped without recursion, so no file can exhaust the stack.
            error(line, column, path, $"nested more than {MaxDepth} levels deep; a scenario needs only a few");
            parser.SkipThisAndNestedEvents();
            return new YScalar("", false, line, column);
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new YScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, line, column);
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var items = new List<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, error, $"{path}[{items.Count}]", depth + 1));
            }
            return new YSequence(items, line, column);
        }
        if (parser.TryConsume<MappingStart>(out _))
        {
            var entries = new List<KeyValuePair<YScalar, YNode>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, error, path, depth + 1);
                string field = keyNode is YScalar k ? (path.Length == 0 ? k.Value : $"{path}.{k.Value}") : path;
                var value = ReadNode(parser, error, field, depth + 1);
                if (keyNode is not YScalar key)
                {
                    error(keyNode.Line, keyNode.Column, path, "a key must be a plain name");
                    continue;
                }
                if (!seen.Add(key.Value))
                {
                    error(key.Line, key.Column, field, $"duplicate key '{key.Value}'");
                    continue;
                }
                entries.Add(new(key, value));
            }
            return new YMapping(entries, line, column);
        }
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            error(line, column, path, $"YAML aliases (*{alias.Value}) are not supported in scenario files; write the value out");
            return new YScalar("", false, line, column);
        }
        throw new YamlException(start, parser.Current!.End, $"unexpected {parser.Current.GetType().Name}");
    }
}
