using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// A risk's mitigation: the action, what it costs, and the risk once it is taken.
public sealed partial class ScenarioReader
{
    private static readonly string[] MitigationKeys = ["action", "cost", "probability", "cost_after", "delay_after"];

    /// <summary>
    /// Reads <c>mitigation: { action, cost, probability, cost_after, delay_after }</c> of a risk whose own probability
    /// is <paramref name="riskProbability"/> (null when it could not be read).
    /// </summary>
    private Mitigation? ReadMitigation(YNode node, string path, double? riskProbability, bool riskDelays)
    {
        if (Mapping(node, path) is not { } map)
        {
            return null;
        }
        var f = Fields(map, path, MitigationKeys);
        string? action = Required(f, "action", map, path) is { } a ? Text(a, Join(path, "action")) : null;
        if (action is not null && string.IsNullOrWhiteSpace(action))
        {
            Error(f["action"].Value, Join(path, "action"), "the action is empty; say what will be done");
            action = null;
        }
        double? cost = Optional(f, "cost") is { } c ? Number(c, Join(path, "cost"), money: true) : 0;
        if (cost < 0)
        {
            Error(f["cost"].Value, Join(path, "cost"), $"{MitigationProblems.CostNegative} found {cost.Value.ToString(CultureInfo.InvariantCulture)}");
            cost = null;
        }
        double? probability = Required(f, "probability", map, path) is { } pn
            ? NumberIn(pn, Join(path, "probability"), 0, 1, "a probability within [0, 1]") : null;
        if (probability is double after && riskProbability is double before && MitigationProblems.Raises(before, after) is { } raised)
        {
            Error(f["probability"].Value, Join(path, "probability"), raised);
            probability = null;
        }
        Distribution? costAfter = null;
        bool ok = true;
        if (Optional(f, "cost_after") is { } ca)
        {
            costAfter = ReadDistribution(ca, Join(path, "cost_after"), true);
            ok &= costAfter is not null;
        }
        Distribution? delayAfter = null;
        if (Optional(f, "delay_after") is { } da)
        {
            if (!riskDelays)
            {
                Error(da, Join(path, "delay_after"), MitigationProblems.NoDelays);
                ok = false;
            }
            else
            {
                delayAfter = NonNegative(da, Join(path, "delay_after"), false, "a delay");
                ok &= delayAfter is not null;
            }
        }
        return ok && action is not null && cost is double cv && probability is double pv
            ? new Mitigation(action.Trim(), cv, pv, costAfter, delayAfter)
            : null;
    }

    /// <summary>The rules of a mitigation that the scenario file and the register share, in the same words.</summary>
    private static class MitigationProblems
    {
        public const string CostNegative = "the cost of a mitigation cannot be negative;";

        public const string NoDelays = "the risk delays no workstream, so there is no delay to mitigate; give the risk's delays first";

        /// <summary>A message when the mitigated probability is above the risk's own; null when it is not.</summary>
        public static string? Raises(double before, double after) => after > before
            ? $"the chance once mitigated ({Formats(after)}) is above the risk's own ({Formats(before)}); a mitigation lowers a risk or leaves its chance as it is"
            : null;

        private static string Formats(double p) => p.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
