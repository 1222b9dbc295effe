namespace RiskSim.Core.Model;

/// <summary>
/// A named stress variant of a scenario: a list of changes applied in order to the base scenario.
/// Inputs keep their dotted names, so a variant draws the same random numbers as its base for every
/// input it shares (common random numbers) and differences are measured trial by trial.
/// </summary>
/// <param name="Name">Short name, unique within the scenario.</param>
/// <param name="Description">Free text.</param>
/// <param name="Changes">Changes in the order they apply.</param>
public sealed record ScenarioVariant(string Name, string Description, IReadOnlyList<VariantChange> Changes);

/// <summary>One change a variant makes.</summary>
public abstract record VariantChange;

/// <summary>Replaces the quantity at <paramref name="Path"/> (e.g. <c>ict.delay_months</c>, <c>*.annual_saving</c>).</summary>
/// <param name="Path">Dotted path; the first part may be <c>*</c> for every workstream, partner or risk that has the field.</param>
/// <param name="Value">The new distribution (a constant for plain numbers).</param>
public sealed record SetChange(string Path, Distribution Value) : VariantChange;

/// <summary>Multiplies the quantity at <paramref name="Path"/> by <paramref name="Factor"/>.</summary>
/// <param name="Path">Dotted path, <c>*</c> allowed as the first part.</param>
/// <param name="Factor">Multiplier ≥ 0.</param>
public sealed record ScaleChange(string Path, double Factor) : VariantChange;

/// <summary>
/// Moves the quantity at <paramref name="Path"/> by <paramref name="Offset"/>: a distribution keeps its shape and spread
/// (every value, and so its most likely value, plus the offset); a plain number has the offset added.
/// </summary>
/// <param name="Path">Dotted path, <c>*</c> allowed as the first part.</param>
/// <param name="Offset">Amount added (finite).</param>
public sealed record ShiftChange(string Path, double Offset) : VariantChange;

/// <summary>
/// Takes a partner out of the partnership from the start: it is treated as leaving at time 0 with no
/// exit cost, so dependent workstreams lose its <c>savings_lost</c> share (by default its share) of their
/// savings throughout, and its withdrawal risk no longer applies.
/// </summary>
/// <param name="PartnerId">The partner removed.</param>
public sealed record RemovePartnerChange(string PartnerId) : VariantChange;

/// <summary>The paths a variant can set or scale, with what kind of value each holds.</summary>
public static class VariantPaths
{
    /// <summary>What a path's value is.</summary>
    public enum ValueKind
    {
        /// <summary>A distribution of money.</summary>
        Money,
        /// <summary>A distribution of months, never negative.</summary>
        Delay,
        /// <summary>A distribution of a plain quantity (headcount).</summary>
        Quantity,
        /// <summary>A fraction in [0, 1] (distribution).</summary>
        Fraction,
        /// <summary>A plain number of months ≥ 0.</summary>
        Months,
        /// <summary>A probability in [0, 1].</summary>
        Probability,
        /// <summary>A rate in [0, 1).</summary>
        Rate,
    }

    /// <summary>Workstream fields.</summary>
    public static readonly IReadOnlyDictionary<string, ValueKind> Workstream = new Dictionary<string, ValueKind>
    {
        ["annual_saving"] = ValueKind.Money,
        ["go_live_month"] = ValueKind.Months,
        ["delay_months"] = ValueKind.Delay,
        ["ramp_months"] = ValueKind.Months,
        ["implementation_cost"] = ValueKind.Money,
        ["delay_cost_per_month"] = ValueKind.Money,
        ["redundancy.headcount"] = ValueKind.Quantity,
        ["redundancy.cost_per_head"] = ValueKind.Money,
    };

    /// <summary>Partner fields.</summary>
    public static readonly IReadOnlyDictionary<string, ValueKind> Partner = new Dictionary<string, ValueKind>
    {
        ["withdrawal.annual_probability"] = ValueKind.Probability,
        ["withdrawal.notice_months"] = ValueKind.Months,
        ["withdrawal.savings_lost"] = ValueKind.Fraction,
        ["withdrawal.exit_cost"] = ValueKind.Money,
    };

    /// <summary>Risk fields (plus <c>delay_months.&lt;ws&gt;</c>).</summary>
    public static readonly IReadOnlyDictionary<string, ValueKind> Risk = new Dictionary<string, ValueKind>
    {
        ["probability"] = ValueKind.Probability,
        ["cost"] = ValueKind.Money,
    };

    /// <summary>Scenario-wide fields (no id part).</summary>
    public static readonly IReadOnlyDictionary<string, ValueKind> Scenario = new Dictionary<string, ValueKind>
    {
        ["discount_rate"] = ValueKind.Rate,
        ["target.cumulative_net_savings"] = ValueKind.Money,
    };
}
