namespace RiskSim.Core.Model;

/// <summary>
/// How a flow of money is divided between the partners: by their <c>share</c>, equally, all to one partner,
/// or by weights written as they are (populations, spend). Whoever has left no longer receives or pays, and the
/// partners still in take its part in proportion to their weights (see <see cref="AllocationWeights"/>).
/// </summary>
public abstract record AllocationKey
{
    /// <summary>By the partners' shares.</summary>
    public static AllocationKey Shares { get; } = new SharesKey();

    /// <summary>Every partner the same.</summary>
    public static AllocationKey Equal { get; } = new EqualKey();

    /// <summary>The key in words, e.g. "by share", "equally", "all to city", "by weight: county 566,000, city 98,000".</summary>
    public abstract string Describe();
}

/// <summary>By the partners' <c>share</c> values.</summary>
public sealed record SharesKey : AllocationKey
{
    /// <inheritdoc />
    public override string Describe() => "by share";
}

/// <summary>Every partner the same.</summary>
public sealed record EqualKey : AllocationKey
{
    /// <inheritdoc />
    public override string Describe() => "equally";
}

/// <summary>One partner pays or receives all.</summary>
/// <param name="PartnerId">The partner.</param>
public sealed record PartnerKey(string PartnerId) : AllocationKey
{
    /// <inheritdoc />
    public override string Describe() => $"all to {PartnerId}";
}

/// <summary>Non-negative weights, not all zero, normalised; a partner left out has weight 0.</summary>
/// <param name="Weights">Weight per partner id, in the order written.</param>
public sealed record WeightsKey(IReadOnlyList<KeyValuePair<string, double>> Weights) : AllocationKey
{
    /// <inheritdoc />
    public override string Describe() => "by weight: " + string.Join(", ", Weights.Select(w =>
        $"{w.Key} {w.Value.ToString("#,0.######", System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <inheritdoc />
    public bool Equals(WeightsKey? other) => other is not null && Weights.SequenceEqual(other.Weights);

    /// <inheritdoc />
    public override int GetHashCode() => Weights.Count;
}

/// <summary>The keys of one workstream. Each defaults as the model says: savings by share, costs as the savings, redundancy as the costs.</summary>
/// <param name="Savings">Gross savings.</param>
/// <param name="Costs">Implementation and delay costs.</param>
/// <param name="Redundancy">Redundancy cost.</param>
public sealed record WorkstreamAllocation(AllocationKey? Savings = null, AllocationKey? Costs = null, AllocationKey? Redundancy = null)
{
    /// <summary>The savings key in force.</summary>
    public AllocationKey SavingsKey => Savings ?? AllocationKey.Shares;

    /// <summary>The costs key in force.</summary>
    public AllocationKey CostsKey => Costs ?? SavingsKey;

    /// <summary>The redundancy key in force.</summary>
    public AllocationKey RedundancyKey => Redundancy ?? CostsKey;
}

/// <summary>Who pays a partner's exit cost.</summary>
public enum ExitCostPayer
{
    /// <summary>The partner that leaves.</summary>
    Leaver,

    /// <summary>The partners still in at the exit, by share (all partners by share when none is).</summary>
    Remaining,
}

/// <summary>Turns allocation keys into weight vectors over a scenario's partners (in scenario order).</summary>
public static class AllocationWeights
{
    /// <summary>The key's weight for each partner, as written (not normalised).</summary>
    public static double[] Of(AllocationKey key, Scenario scenario) => key switch
    {
        SharesKey => scenario.Partners.Select(p => p.Share).ToArray(),
        EqualKey => scenario.Partners.Select(_ => 1.0).ToArray(),
        PartnerKey one => scenario.Partners.Select(p => p.Id == one.PartnerId ? 1.0 : 0.0).ToArray(),
        WeightsKey map => scenario.Partners.Select(p => map.Weights.Where(w => w.Key == p.Id).Select(w => w.Value).FirstOrDefault()).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };
}
