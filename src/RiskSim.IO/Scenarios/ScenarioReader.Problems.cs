using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Model problems: the rules of ScenarioRules reported at the line of the node each problem's field names.
public sealed partial class ScenarioReader
{
    private static readonly string[] ItemLists = ["partners", "workstreams", "risks"];

    /// <summary>Reports each problem at the node its field names (or the nearest node above it in the file).</summary>
    private void Report(YMapping root, IEnumerable<ScenarioProblem> problems)
    {
        foreach (var problem in problems)
        {
            Error(NodeAt(root, problem.Field), problem.Field, problem.Message);
        }
    }

    /// <summary>
    /// The node a dotted field names: file paths such as <c>partners.share</c> or <c>correlations[0].between</c>,
    /// and input names such as <c>ict.implementation_cost</c> (found by the item's id); where the file has no such
    /// node, the deepest node above it.
    /// </summary>
    internal static YNode NodeAt(YMapping root, string field)
    {
        YNode node = root;
        foreach (string step in Steps(field))
        {
            YNode? next = node switch
            {
                YMapping m => Value(m, step)
                    ?? (ReferenceEquals(m, root) ? ItemById(root, step) : null)
                    ?? m.Entries.Select(e => e.Value).OfType<YMapping>().Select(inner => Value(inner, step)).FirstOrDefault(v => v is not null),
                YSequence s => int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out int i)
                    ? (i < s.Items.Count ? s.Items[i] : null)
                    : s.Items.OfType<YMapping>().FirstOrDefault(item => Value(item, "id") is YScalar id && id.Value == step),
                _ => null,
            };
            if (next is null)
            {
                break;
            }
            node = next;
        }
        return node;
    }

    // "workstreams[ict].redundancy.headcount" → workstreams, ict, redundancy, headcount.
    private static IEnumerable<string> Steps(string field) =>
        field.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(part => part.Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries));

    private static YNode? Value(YMapping map, string key) =>
        map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    // An input name starts with the id of a partner, workstream or risk.
    private static YMapping? ItemById(YMapping root, string id) =>
        ItemLists.Select(list => Value(root, list)).OfType<YSequence>()
            .SelectMany(seq => seq.Items.OfType<YMapping>())
            .FirstOrDefault(item => Value(item, "id") is YScalar s && s.Value == id);
}
