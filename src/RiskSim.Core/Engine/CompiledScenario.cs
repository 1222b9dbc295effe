using RiskSim.Core.Model;
using RiskSim.Core.Sampling;

namespace RiskSim.Core.Engine;

/// <summary>
/// A scenario flattened for the hot loop: inputs by index, workstreams, partners and risks as arrays
/// of indices into the block's input columns.
/// </summary>
internal sealed class CompiledScenario
{
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="partnerLedgers">Keep each partner's own ledger when there are two or more partners.</param>
    public CompiledScenario(Scenario scenario, bool partnerLedgers = true)
    {
        Scenario = scenario;
        H = scenario.HorizonYears;
        Layout = MetricLayout.For(scenario, partnerLedgers);
        Shares = scenario.Partners.Select(p => p.Share).ToArray();
        Discount = new double[H];
        for (int t = 0; t < H; t++)
        {
            Discount[t] = Math.Pow(1 + scenario.DiscountRate, -t);
        }
        Inputs = InputCatalog.Of(scenario).ToArray();
        Keys = Inputs.Select(i => RandomStream.KeyOf(i.Name)).ToArray();
        var index = Inputs.Select((d, i) => (d.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var partnerIndex = scenario.Partners.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);

        Workstreams = scenario.Workstreams.Select((w, wi) => new WorkstreamPlan
        {
            Saving = index[InputNames.AnnualSaving(w.Id)],
            Delay = index[InputNames.DelayMonths(w.Id)],
            Implementation = index[InputNames.ImplementationCost(w.Id)],
            DelayCost = index[InputNames.DelayCostPerMonth(w.Id)],
            Headcount = w.Redundancy is null ? -1 : index[InputNames.RedundancyHeadcount(w.Id)],
            CostPerHead = w.Redundancy is null ? -1 : index[InputNames.RedundancyCostPerHead(w.Id)],
            RedundancyAtYears = w.Redundancy?.AtMonth is double at ? at / 12.0 : double.NaN,
            GoLiveMonths = w.GoLiveMonth,
            RampYears = w.RampMonths / 12.0,
            HalfInverseRamp = w.RampMonths > 0 ? 0.5 / (w.RampMonths / 12.0) : 0,
            DependsOn = w.DependsOn.Aggregate(0UL, (mask, id) => mask | (1UL << partnerIndex[id])),
            SavingsWeights = AllocationWeights.Of(w.Allocation.SavingsKey, scenario),
            CostsWeights = AllocationWeights.Of(w.Allocation.CostsKey, scenario),
            RedundancyWeights = AllocationWeights.Of(w.Allocation.RedundancyKey, scenario),
            RiskDelays = scenario.Risks
                .SelectMany((r, ri) => r.Delays.Where(d => d.WorkstreamId == w.Id)
                    .Select(d => (ri, index[InputNames.RiskDelay(r.Id, w.Id)])))
                .ToArray(),
        }).ToArray();

        Partners = scenario.Partners.Select(p => p.Withdrawal is null
            ? new PartnerPlan { Notice = -1 }
            : new PartnerPlan
            {
                Notice = index[InputNames.Withdrawal(p.Id)],
                SavingsLost = index[InputNames.SavingsLost(p.Id)],
                ExitCost = index[InputNames.ExitCost(p.Id)],
                NoticeYears = p.Withdrawal.NoticeMonths / 12.0,
                ExitCostPaidByRemaining = p.Withdrawal.ExitCostPaidBy == ExitCostPayer.Remaining,
            }).ToArray();

        Risks = scenario.Risks.Select(r => new RiskPlan
        {
            Occurs = index[InputNames.RiskOccurs(r.Id)],
            Year = index[InputNames.RiskYear(r.Id)],
            Cost = index[InputNames.RiskCost(r.Id)],
            CostWeights = AllocationWeights.Of(r.CostAllocation, scenario),
        }).ToArray();

        Copulas = GaussianCopula.Build(scenario.Correlations
            .Select(c => (index[c.First], index[c.Second], c.Rank)).ToList());
        var inCopula = new bool[Inputs.Length];
        foreach (var g in Copulas)
        {
            foreach (int m in g.Members)
            {
                inCopula[m] = true;
            }
        }
        InCopula = inCopula;
        Uncertain = Enumerable.Range(0, Inputs.Length).Where(i => !Inputs[i].Distribution.IsConstant).ToArray();

        // Inputs read only when their risk occurs or their partner leaves within the horizon: outside
        // the trials kept for output and sensitivity, their quantiles are evaluated only where needed.
        var condition = new int[Inputs.Length];
        Array.Fill(condition, -1);
        for (int r = 0; r < Risks.Length; r++)
        {
            for (int i = 0; i < Inputs.Length; i++)
            {
                if (Inputs[i].Owner == scenario.Risks[r].Id && Inputs[i].Role is InputRole.RiskYear or InputRole.RiskCost or InputRole.RiskDelay
                    && !inCopula[i] && !Inputs[Risks[r].Occurs].Distribution.IsConstant)
                {
                    condition[i] = r;
                }
            }
        }
        for (int p = 0; p < Partners.Length; p++)
        {
            if (Partners[p].Notice < 0)
            {
                continue;
            }
            foreach (int i in new[] { Partners[p].SavingsLost, Partners[p].ExitCost })
            {
                if (!inCopula[i])
                {
                    condition[i] = Risks.Length + p;
                }
            }
        }
        ConditionOf = condition;
    }

    public Scenario Scenario { get; }

    /// <summary>Horizon in years.</summary>
    public int H { get; }

    /// <summary>Discount factor per year (index 0 = year 1).</summary>
    public double[] Discount { get; }

    public InputDefinition[] Inputs { get; }

    public ulong[] Keys { get; }

    public bool[] InCopula { get; }

    /// <summary>
    /// Per input, −1 when always needed; otherwise the condition under which the trial reads it:
    /// a risk index r (the risk occurs) or Risks.Length + p (partner p leaves within the horizon).
    /// </summary>
    public int[] ConditionOf { get; }

    public int ConditionCount => Risks.Length + Partners.Length;

    /// <summary>Indices of inputs that are not constant.</summary>
    public int[] Uncertain { get; }

    public WorkstreamPlan[] Workstreams { get; }

    public PartnerPlan[] Partners { get; }

    public RiskPlan[] Risks { get; }

    public IReadOnlyList<GaussianCopula> Copulas { get; }

    /// <summary>Whether the run keeps each partner's own ledger (two or more partners).</summary>
    public bool HasLedgers => Layout.Partners.Count > 0;

    /// <summary>The partners' shares, in scenario order.</summary>
    public double[] Shares { get; }

    /// <summary>Where each metric of a trial sits among the block's metric columns.</summary>
    public MetricLayout Layout { get; }

    private KernelPlan? _kernel;

    /// <summary>The scenario laid out for the vector trial kernels (made once, on first use).</summary>
    public KernelPlan Kernel => _kernel ??= new KernelPlan(this);
}

internal sealed class WorkstreamPlan
{
    public int Saving, Delay, Implementation, DelayCost, Headcount, CostPerHead;
    public double GoLiveMonths, RampYears, HalfInverseRamp;

    /// <summary>Years from the start when the redundancy cost falls; NaN for "at go-live".</summary>
    public double RedundancyAtYears;
    public ulong DependsOn;
    public (int Risk, int Input)[] RiskDelays = [];

    /// <summary>Allocation weights per partner: savings, implementation and delay costs, redundancy.</summary>
    public double[] SavingsWeights = [], CostsWeights = [], RedundancyWeights = [];
}

internal sealed class PartnerPlan
{
    public int Notice, SavingsLost, ExitCost;
    public double NoticeYears;
    public bool ExitCostPaidByRemaining;
}

internal sealed class RiskPlan
{
    public int Occurs, Year, Cost;
    public double[] CostWeights = [];
}
