using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Each partner's own ledger: targets, allocation keys and who pays an exit cost.
public sealed partial class ScenarioReader
{
    /// <summary>Words that name a key rather than a partner.</summary>
    private static readonly string[] KeyWords = ["shares", "equal"];

    /// <summary>The keys of a single target, which a profile replaces.</summary>
    private static readonly string[] SingleTargetKeys = ["cumulative_net_savings", "by_year"];

    /// <summary>
    /// A target <c>{ cumulative_net_savings, by_year }</c> or a savings profile <c>{ profile: [...], basis }</c>, the
    /// programme's or a partner's own.
    /// </summary>
    private SavingsTarget? ReadTarget(YNode node, string field, int? horizon)
    {
        if (Mapping(node, field) is not { } map)
        {
            return null;
        }
        if (map.Entries.Any(e => e.Key.Value is "profile" or "basis"))
        {
            return ReadProfile(map, field, horizon);
        }
        var f = Fields(map, field, ["cumulative_net_savings", "by_year", "profile", "basis"]);
        double? amount = Required(f, "cumulative_net_savings", map, field) is { } a
            ? Number(a, Join(field, "cumulative_net_savings"), money: true) : null;
        int? by = Required(f, "by_year", map, field) is { } b ? Integer(b, Join(field, "by_year"), 1, horizon ?? 50) : null;
        return amount is double av && by is int bv ? new SavingsTarget(av, bv) : null;
    }

    /// <summary>
    /// A savings profile <c>{ profile: [460, 73010, 117670], basis: cumulative|annual }</c>: one money figure per financial
    /// year from year 1, cumulative by default or annual (summed to cumulative figures).
    /// </summary>
    private SavingsTarget? ReadProfile(YMapping map, string field, int? horizon)
    {
        var f = Fields(map, field, ["profile", "basis", .. SingleTargetKeys]);
        foreach (var key in SingleTargetKeys.Where(f.ContainsKey))
        {
            Error(f[key].Key, Join(field, key), $"'{key}' cannot go with 'profile': a profile's last year is the target");
            return null;
        }
        var basis = TargetBasis.Cumulative;
        bool ok = true;
        if (Optional(f, "basis") is { } bn)
        {
            switch (Text(bn, Join(field, "basis")))
            {
                case "cumulative":
                    break;
                case "annual":
                    basis = TargetBasis.Annual;
                    break;
                case { } other:
                    Error(bn, Join(field, "basis"), $"expected cumulative or annual, found '{Printable(other)}'");
                    ok = false;
                    break;
                default:
                    ok = false;
                    break;
            }
        }
        if (Required(f, "profile", map, field) is not { } pn)
        {
            return null;
        }
        string path = Join(field, "profile");
        if (pn is not YSequence seq)
        {
            Error(pn, path, $"expected a list of amounts of money, one per financial year from year 1, found {Describe(pn)}");
            return null;
        }
        int most = horizon ?? 50;
        if (seq.Items.Count == 0 || seq.Items.Count > most)
        {
            Error(pn, path, $"needs from 1 to {most} figures (one per financial year from year 1, up to the horizon), found {seq.Items.Count}");
            return null;
        }
        var figures = new double[seq.Items.Count];
        for (int i = 0; i < figures.Length; i++)
        {
            if (Number(seq.Items[i], $"{path}[{i}]", money: true) is double v)
            {
                figures[i] = v;
            }
            else
            {
                ok = false;
            }
        }
        return ok ? SavingsTarget.FromProfile(figures, basis) : null;
    }

    /// <summary>
    /// An allocation key: <c>shares</c>, <c>equal</c>, a partner id, or a map of non-negative weights by partner id
    /// (populations or spend as they are; not all zero).
    /// </summary>
    private AllocationKey? ReadAllocationKey(YNode node, string field, IReadOnlyList<string> partnerIds)
    {
        string Known(string id)
        {
            string near = Nearest(id, partnerIds.Concat(KeyWords));
            return $"no partner with id '{Printable(id)}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}; a key is shares, equal, a partner id or a map of weights such as {{ county: 566000, city: 98000 }}";
        }
        if (node is YScalar scalar && !scalar.IsNull)
        {
            switch (scalar.Value)
            {
                case "shares":
                    return AllocationKey.Shares;
                case "equal":
                    return AllocationKey.Equal;
                default:
                    if (partnerIds.Contains(scalar.Value))
                    {
                        return new PartnerKey(scalar.Value);
                    }
                    Error(node, field, Known(scalar.Value));
                    return null;
            }
        }
        if (node is not YMapping map)
        {
            Error(node, field, $"expected shares, equal, a partner id or a map of weights, found {Describe(node)}");
            return null;
        }
        var weights = new List<KeyValuePair<string, double>>();
        bool ok = true;
        foreach (var (key, value) in map.Entries)
        {
            string wp = Join(field, key.Value);
            if (!partnerIds.Contains(key.Value))
            {
                Error(key, wp, Known(key.Value));
                ok = false;
                continue;
            }
            if (Number(value, wp) is not double weight)
            {
                ok = false;
            }
            else if (weight < 0)
            {
                Error(value, wp, $"a weight must not be negative, found {Printable(((YScalar)value).Value)}");
                ok = false;
            }
            else
            {
                weights.Add(new(key.Value, weight));
            }
        }
        if (ok && !weights.Any(w => w.Value > 0))
        {
            Error(map, field, "the weights are all zero (or none is given): at least one partner must have a positive weight");
            ok = false;
        }
        return ok ? new WeightsKey(weights) : null;
    }

    /// <summary>A workstream's <c>allocation: { savings, costs, redundancy }</c>, each optional.</summary>
    private WorkstreamAllocation? ReadWorkstreamAllocation(YNode node, string field, IReadOnlyList<string> partnerIds)
    {
        if (Mapping(node, field) is not { } map)
        {
            return null;
        }
        var f = Fields(map, field, ["savings", "costs", "redundancy"]);
        bool ok = true;
        AllocationKey? Key(string name)
        {
            if (Optional(f, name) is not { } value)
            {
                return null;
            }
            var key = ReadAllocationKey(value, Join(field, name), partnerIds);
            ok &= key is not null;
            return key;
        }
        var allocation = new WorkstreamAllocation(Key("savings"), Key("costs"), Key("redundancy"));
        return ok ? allocation : null;
    }

    /// <summary>A risk's <c>allocation: { costs }</c>.</summary>
    private AllocationKey? ReadRiskAllocation(YNode node, string field, IReadOnlyList<string> partnerIds)
    {
        if (Mapping(node, field) is not { } map)
        {
            return null;
        }
        var f = Fields(map, field, ["costs"]);
        return Optional(f, "costs") is { } value ? ReadAllocationKey(value, Join(field, "costs"), partnerIds) : AllocationKey.Shares;
    }

    /// <summary><c>exit_cost_paid_by: leaver | remaining</c>.</summary>
    private ExitCostPayer? ReadExitCostPayer(YNode node, string field)
    {
        switch (Text(node, field))
        {
            case "leaver":
                return ExitCostPayer.Leaver;
            case "remaining":
                return ExitCostPayer.Remaining;
            case { } other:
                Error(node, field, $"expected leaver (the partner that leaves pays) or remaining (the partners still in pay by share), found '{Printable(other)}'");
                return null;
            default:
                return null;
        }
    }
}
