namespace RiskSim.Core.Model;

/// <summary>
/// HM Treasury Green Book supplementary guidance on optimism bias: the recommended uplifts by project
/// category, as fractions (0.54 = +54%). Upper bounds apply at the start of a business case; the guidance
/// lets them fall towards the lower bounds as the risks behind them are managed (its mitigation factor).
/// </summary>
public static class OptimismBias
{
    /// <summary>One category's uplifts. Null where the guidance gives no figure.</summary>
    /// <param name="Name">Name as written in a scenario, e.g. <c>equipment_development</c>.</param>
    /// <param name="Label">The guidance's own wording.</param>
    /// <param name="DurationUpper">Works duration, upper bound.</param>
    /// <param name="DurationLower">Works duration, lower bound.</param>
    /// <param name="CapitalUpper">Capital expenditure, upper bound.</param>
    /// <param name="CapitalLower">Capital expenditure, lower bound.</param>
    public sealed record Category(string Name, string Label, double? DurationUpper, double? DurationLower,
        double? CapitalUpper, double? CapitalLower);

    /// <summary>The guidance's table. Outsourcing gives operating-expenditure uplifts only (41% / 0%).</summary>
    public static readonly IReadOnlyList<Category> Categories =
    [
        new("standard_buildings", "Standard buildings", 0.04, 0.01, 0.24, 0.02),
        new("non_standard_buildings", "Non-standard buildings", 0.39, 0.02, 0.51, 0.04),
        new("standard_civil_engineering", "Standard civil engineering", 0.20, 0.01, 0.44, 0.03),
        new("non_standard_civil_engineering", "Non-standard civil engineering", 0.25, 0.03, 0.66, 0.06),
        new("equipment_development", "Equipment/development", 0.54, 0.10, 2.00, 0.10),
        new("outsourcing", "Outsourcing", null, null, null, null),
    ];

    /// <summary>Fields an explicit uplift may name (the user's own evidence, never the guidance's).</summary>
    public static readonly IReadOnlyList<string> ExplicitFields =
        ["duration", "implementation_cost", "delay_months", "annual_saving", "delay_cost_per_month", "redundancy.cost_per_head", "cost", "exit_cost"];

    /// <summary>
    /// The scale changes one uplift makes (factor 1 + uplift; −0.2 means 20% lower). <c>duration</c> stretches
    /// the whole time to go-live: the planned go-live month and every slip (a workstream's own delay and the
    /// extra delays its risks cause). <c>exit_cost</c> reaches partners' <c>withdrawal.exit_cost</c>.
    /// </summary>
    /// <param name="field">One of <see cref="ExplicitFields"/>.</param>
    /// <param name="uplift">Uplift above −1.</param>
    public static IReadOnlyList<ScaleChange> Changes(string field, double uplift) => field switch
    {
        "duration" => [new("*.go_live_month", 1 + uplift), new("*.delay_months", 1 + uplift)],
        "exit_cost" => [new("*.withdrawal.exit_cost", 1 + uplift)],
        _ => [new("*." + field, 1 + uplift)],
    };

    /// <summary>A category's duration and capital uplifts at a bound, reduced by the mitigation factor.</summary>
    /// <param name="category">The category (not outsourcing).</param>
    /// <param name="upper">Upper bound (true) or lower bound.</param>
    /// <param name="mitigation">Share of the uplift removed by managed risks, 0..1.</param>
    public static (double Duration, double Capital) Uplifts(Category category, bool upper, double mitigation)
    {
        double keep = 1 - mitigation;
        double duration = (upper ? category.DurationUpper : category.DurationLower) ?? 0;
        double capital = (upper ? category.CapitalUpper : category.CapitalLower) ?? 0;
        return (duration * keep, capital * keep);
    }
}
