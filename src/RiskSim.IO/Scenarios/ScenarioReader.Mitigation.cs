using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// A risk's mitigation: the action, its cost, and the risk's probability, cost and delays once it is taken.
public sealed partial class ScenarioReader
{
    private static readonly string[] MitigationKeys = ["action", "cost", "probability", "cost_after", "delay_after"];

    /// <summary>
    /// Reads <c>mitigation: { action, cost, probability, cost_after, delay_after }</c> of a risk; null (with the
    /// problems reported) when anything in it is wrong.
    /// </summary>
    /// <param name="node">The mitigation's node.</param>
    /// <param name="path">Its field path, e.g. <c>risks[tupe].mitigation</c>.</param>
    /// <param name="hasDelays">Whether the risk delays any workstream (else <c>delay_after</c> has nothing to change).</param>
    private Mitigation? ReadMitigation(YNode node, string path, bool hasDelays)
    {
        if (Mapping(node, path) is not { } map)
        {
            return null;
        }
        var f = Fields(map, path, MitigationKeys);
        string? action = Required(f, "action", map, path) is { } a ? Text(a, Join(path, "action")) : null;
        double? cost = null;
        if (Required(f, "cost", map, path) is { } c)
        {
            cost = Number(c, Join(path, "cost"), money: true);
            if (cost < 0)
            {
                Error(c, Join(path, "cost"), "a mitigation's cost must not be negative");
                cost = null;
            }
        }
        double? probability = Required(f, "probability", map, path) is { } pn
            ? NumberIn(pn, Join(path, "probability"), 0, 1, "a probability within [0, 1]") : null;
        bool ok = true;
        Distribution? costAfter = null, delayAfter = null;
        if (Optional(f, "cost_after") is { } ca)
        {
            costAfter = ReadDistribution(ca, Join(path, "cost_after"), true);
            ok &= costAfter is not null;
        }
        if (Optional(f, "delay_after") is { } da)
        {
            string dp = Join(path, "delay_after");
            if (!hasDelays)
            {
                Error(da, dp, "the risk delays no workstream (it has no delay_months), so there is no delay to change");
                ok = false;
            }
            else
            {
                delayAfter = NonNegative(da, dp, false, "a delay");
                ok &= delayAfter is not null;
            }
        }
        if (!ok || action is null || cost is null || probability is null)
        {
            return null;
        }
        return new Mitigation(action, cost.Value, probability.Value, costAfter, delayAfter);
    }
}
