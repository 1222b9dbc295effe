namespace RiskSim.IO.Scenarios;

// The evidence log: `source:` beside a figure. A number written { value: 0.05, source: "..." } or a distribution
// written { pert: [...], source: "..." } is lifted out of its wrapper before the scenario is read, and its source is
// kept under the figure's field path (the path `set` and `scale` use), so every other reader sees a plain figure.
public sealed partial class ScenarioReader
{
    private const string SourceKey = "source";
    private const string ValueKey = "value";

    /// <summary>Longest source text accepted, in characters.</summary>
    public const int MaxSourceLength = 2000;

    // Sources in file order, by field path.
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    /// <summary>The tree with every sourced figure replaced by the figure itself; variants are left as written.</summary>
    private YNode LiftSources(YNode root)
    {
        if (root is not YMapping map)
        {
            return root;
        }
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        foreach (var (key, value) in map.Entries)
        {
            YNode lifted = key.Value switch
            {
                "variants" => value,
                "partners" or "workstreams" or "risks" when value is YSequence items => LiftItems(items),
                _ => Lift(value, key.Value, key.Value),
            };
            entries.Add(new(key, lifted));
        }
        return map with { Entries = entries };
    }

    private YSequence LiftItems(YSequence items)
    {
        var lifted = new List<YNode>();
        for (int i = 0; i < items.Items.Count; i++)
        {
            var item = items.Items[i];
            string id = item is YMapping m && Value(m, "id") is YScalar { IsNull: false } s ? s.Value : $"[{i}]";
            if (item is not YMapping itemMap)
            {
                lifted.Add(item);
                continue;
            }
            // An item's own `source` (for all its figures) is read with the item; its fields may carry their own.
            var entries = itemMap.Entries
                .Select(e => e.Key.Value is "id" or SourceKey ? e : new(e.Key, Lift(e.Value, $"{id}.{e.Key.Value}", e.Key.Value)))
                .ToList();
            lifted.Add(itemMap with { Entries = entries });
        }
        return items with { Items = lifted };
    }

    private YNode Lift(YNode node, string path, string field)
    {
        switch (node)
        {
            case YMapping map when Value(map, SourceKey) is { } source && Wrapped(map) is { } inner:
                if (Text(source, Join(field, SourceKey)) is { } text)
                {
                    if (string.IsNullOrWhiteSpace(text) || text.Length > MaxSourceLength)
                    {
                        Error(source, Join(field, SourceKey), $"a source is text of 1 to {MaxSourceLength} characters: a document, a table, a date");
                    }
                    else
                    {
                        _sources[path] = text.Trim();
                    }
                }
                return inner;
            case YMapping map when Value(map, SourceKey) is not null && Value(map, ValueKey) is { } value:
                var extra = map.Entries.Select(e => e.Key).Where(k => k.Value is not (SourceKey or ValueKey)).ToList();
                Error(extra[0], Join(field, extra[0].Value),
                    $"unknown key '{extra[0].Value}': a figure with a source is written {{ value: ..., source: \"...\" }}, and a distribution {{ pert: [...], source: \"...\" }}");
                return value;
            case YMapping map:
                return map with { Entries = map.Entries.Select(e => new KeyValuePair<YScalar, YNode>(e.Key, Lift(e.Value, $"{path}.{e.Key.Value}", Join(field, e.Key.Value)))).ToList() };
            case YSequence seq:
                return seq with { Items = seq.Items.Select((item, i) => Lift(item, $"{path}[{i}]", $"{field}[{i}]")).ToList() };
            default:
                return node;
        }
    }

    // { value: x, source: s } gives x; { <distribution>: body, source: s } gives { <distribution>: body }; else null.
    private static YNode? Wrapped(YMapping map)
    {
        var others = map.Entries.Where(e => e.Key.Value != SourceKey).ToList();
        if (others.Count != 1)
        {
            return null;
        }
        var (key, value) = others[0];
        if (key.Value == ValueKey)
        {
            return value;
        }
        return DistributionKinds.Contains(key.Value) ? map with { Entries = others } : null;
    }

    /// <summary>Reads an item's own <c>source</c> (for every figure of the item) and records it under its id.</summary>
    private void ItemSource(Dictionary<string, (YScalar Key, YNode Value)> fields, string path, string? id)
    {
        if (Optional(fields, SourceKey) is not { } node || Text(node, Join(path, SourceKey)) is not { } text)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxSourceLength)
        {
            Error(node, Join(path, SourceKey), $"a source is text of 1 to {MaxSourceLength} characters: a document, a table, a date");
        }
        else if (id is not null)
        {
            _sources[id] = text.Trim();
        }
    }
}
