namespace RiskSim.Core.Model;

/// <summary>
/// The field paths under which <see cref="Scenario.Sources"/> records where a figure comes from, and the source
/// of each uncertain input. A path is the one <c>set</c> and <c>scale</c> use (<c>ict.annual_saving</c>,
/// <c>city.withdrawal.annual_probability</c>, <c>tupe.delay_months.ict</c>, <c>discount_rate</c>); an item's id
/// alone stands for every figure of that item (a register row's source, or <c>source:</c> on a risk).
/// </summary>
public static class SourcePaths
{
    /// <summary>The field path whose source is the input's: e.g. <c>city.withdrawal.annual_probability</c> for <c>city.withdrawal</c>.</summary>
    public static string Of(InputDefinition input) => input.Role switch
    {
        InputRole.WithdrawalNotice => $"{input.Owner}.withdrawal.annual_probability",
        InputRole.SavingsLost => $"{input.Owner}.withdrawal.savings_lost",
        InputRole.ExitCost => $"{input.Owner}.withdrawal.exit_cost",
        InputRole.RiskOccurs => $"{input.Owner}.probability",
        _ => input.Name,
    };

    /// <summary>The stated source of an input: its own field's, else its item's; null when none is stated.</summary>
    public static string? Find(Scenario scenario, InputDefinition input) =>
        scenario.Sources.TryGetValue(Of(input), out string? own) ? own
        : scenario.Sources.TryGetValue(input.Owner, out string? item) ? item
        : null;

    /// <summary>The stated source of the input named <paramref name="inputName"/>; null when none is stated or no such input.</summary>
    public static string? Find(Scenario scenario, string inputName) =>
        InputCatalog.Of(scenario).FirstOrDefault(i => i.Name == inputName) is { } input ? Find(scenario, input) : null;

    /// <summary>
    /// Sources of figures that are not uncertain inputs (a discount rate, a go-live month, a share) and of no item as a
    /// whole, in file order: what a list of inputs and their sources would otherwise leave out.
    /// </summary>
    public static IReadOnlyList<(string Path, string Source)> Others(Scenario scenario)
    {
        var inputs = InputCatalog.Of(scenario).Select(Of).ToHashSet(StringComparer.Ordinal);
        var items = scenario.Partners.Select(p => p.Id).Concat(scenario.Workstreams.Select(w => w.Id)).Concat(scenario.Risks.Select(r => r.Id))
            .ToHashSet(StringComparer.Ordinal);
        return scenario.Sources.Where(s => !inputs.Contains(s.Key) && !items.Contains(s.Key)).Select(s => (s.Key, s.Value)).ToList();
    }
}
