using System.Text.RegularExpressions;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// Items: partners, workstreams and risks, read from lists whose ids are unique across all three.
public sealed partial class ScenarioReader
{
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdPattern();

    /// <summary>The list's items that are mappings with a (non-empty) id, read from the raw tree.</summary>
    private static IEnumerable<(string Id, YMapping Map)> RawItems(YNode? list) =>
        list is YSequence seq
            ? seq.Items.OfType<YMapping>()
                .Select(m => (Id: m.Entries.FirstOrDefault(e => e.Key.Value == "id").Value is YScalar { IsNull: false } id ? id.Value : "", Map: m))
                .Where(x => x.Id.Length > 0)
            : [];

    private static List<string> RawIds(YNode? list) => RawItems(list).Select(x => x.Id).Distinct().ToList();

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

    private Partner? ReadPartner(YMapping map, string path, int? horizon)
    {
        var f = Fields(map, path, ["id", "name", "share", "withdrawal", "target"]);
        string? id = Required(f, "id", map, path) is { } i ? Text(i, Join(path, "id")) : null;
        if (id is not null && KeyWords.Contains(id))
        {
            Error(f["id"].Value, Join(path, "id"), $"'{id}' names an allocation key; give the partner another id");
            id = null;
        }
        SavingsTarget? target = null;
        bool targetOk = true;
        if (Optional(f, "target") is { } tn)
        {
            target = ReadTarget(tn, Join(path, "target"), horizon);
            targetOk = target is not null;
        }
        string name = Optional(f, "name") is { } n ? Text(n, Join(path, "name")) ?? "" : "";
        double? share = Required(f, "share", map, path) is { } s ? NumberIn(s, Join(path, "share"), 0, 1, "within [0, 1]") : null;
        PartnerWithdrawal? withdrawal = null;
        bool ok = true;
        if (Optional(f, "withdrawal") is { } wn)
        {
            string wp = Join(path, "withdrawal");
            if (Mapping(wn, wp) is { } wm)
            {
                var wf = Fields(wm, wp, ["annual_probability", "notice_months", "savings_lost", "exit_cost", "exit_cost_paid_by"]);
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
                ExitCostPayer? payer = Optional(wf, "exit_cost_paid_by") is { } pb
                    ? ReadExitCostPayer(pb, Join(wp, "exit_cost_paid_by")) : ExitCostPayer.Leaver;
                if (p is double pv && notice is double nv && lost is not null && exitCost is not null && payer is { } paidBy)
                {
                    withdrawal = new PartnerWithdrawal
                    {
                        AnnualProbability = pv,
                        NoticeMonths = nv,
                        SavingsLost = lost,
                        ExitCost = exitCost,
                        ExitCostPaidBy = paidBy,
                    };
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
        return ok && targetOk && id is not null && share is double shv
            ? new Partner { Id = id, Name = name, Share = shv, Withdrawal = withdrawal, Target = target }
            : null;
    }

    private Workstream? ReadWorkstream(YMapping map, string path, List<string> partnerIds)
    {
        var f = Fields(map, path, ["id", "name", "annual_saving", "go_live_month", "delay_months", "ramp_months", "depends_on", "allocation",
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
        var allocation = Optional(f, "allocation") is { } an ? ReadWorkstreamAllocation(an, Join(path, "allocation"), partnerIds) : new WorkstreamAllocation();
        if (!ok || id is null || saving is null || goLive is null || delay is null || ramp is null || implementation is null
            || delayCost is null || dependsOn is null || allocation is null)
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
            Allocation = allocation,
        };
    }

    private Risk? ReadRisk(YMapping map, string path, HashSet<string> workstreamIds, IReadOnlyList<string> partnerIds, int? horizon)
    {
        var f = Fields(map, path, ["id", "name", "probability", "year", "cost", "delay_months", "allocation", "mitigation"]);
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
        var costAllocation = Optional(f, "allocation") is { } an ? ReadRiskAllocation(an, Join(path, "allocation"), partnerIds) : AllocationKey.Shares;
        Mitigation? mitigation = null;
        if (Optional(f, "mitigation") is { } mn)
        {
            mitigation = ReadMitigation(mn, Join(path, "mitigation"), Optional(f, "delay_months") is not null);
            ok &= mitigation is not null;
        }
        if (!ok || id is null || p is null || first is null || last is null || cost is null || costAllocation is null)
        {
            return null;
        }
        return new Risk
        {
            Id = id,
            Name = name,
            Probability = p.Value,
            FirstYear = first.Value,
            LastYear = last.Value,
            Cost = cost,
            Delays = delays,
            CostAllocation = costAllocation,
            Mitigation = mitigation,
        };
    }
}
