using RiskSim.Core.Model;

namespace RiskSim.Charts.Data;

/// <summary>Turns dotted input names and owner ids into the words a committee paper uses.</summary>
public static class InputLabels
{
    /// <summary>Longest owner name kept on a chart label before it is shortened with an ellipsis.</summary>
    public const int ChartNameLength = 28;

    /// <summary>The display name of a workstream, partner or risk (its id when it has no name).</summary>
    public static string OwnerName(Scenario scenario, string ownerId)
    {
        string? name = scenario.Workstreams.FirstOrDefault(w => w.Id == ownerId)?.Name
            ?? scenario.Partners.FirstOrDefault(p => p.Id == ownerId)?.Name
            ?? scenario.Risks.FirstOrDefault(r => r.Id == ownerId)?.Name;
        return string.IsNullOrWhiteSpace(name) ? ownerId : name.Trim();
    }

    /// <summary>What kind of owner an id is: "workstream", "partner", "risk" (or "input" when unknown).</summary>
    public static string OwnerKind(Scenario scenario, string ownerId) =>
        scenario.Workstreams.Any(w => w.Id == ownerId) ? "workstream"
        : scenario.Partners.Any(p => p.Id == ownerId) ? "partner"
        : scenario.Risks.Any(r => r.Id == ownerId) ? "risk"
        : "input";

    /// <summary>The quantity an input stands for, in words, e.g. "annual saving" or "delay to Shared ICT".</summary>
    /// <param name="scenario">The scenario the input belongs to.</param>
    /// <param name="input">Dotted input name.</param>
    /// <param name="role">Its role.</param>
    /// <param name="shorten">Shorten names of other owners (a delayed workstream) for a chart.</param>
    public static string Quantity(Scenario scenario, string input, InputRole role, bool shorten = false) => role switch
    {
        InputRole.AnnualSaving => "annual saving",
        InputRole.DelayMonths => "go-live delay",
        InputRole.ImplementationCost => "implementation cost",
        InputRole.DelayCostPerMonth => "delay cost per month",
        InputRole.RedundancyHeadcount => "redundancy headcount",
        InputRole.RedundancyCostPerHead => shorten ? "redundancy cost/head" : "redundancy cost per head",
        InputRole.WithdrawalNotice => shorten ? "withdrawal" : "time to withdrawal notice",
        InputRole.SavingsLost => shorten ? "savings lost on exit" : "share of savings lost on exit",
        InputRole.ExitCost => "exit cost",
        InputRole.RiskOccurs => "occurs",
        InputRole.RiskYear => "year it falls in",
        InputRole.RiskCost => "cost",
        InputRole.RiskDelay => "delay to " + MaybeShorten(OwnerName(scenario, DelayedWorkstream(input)), shorten ? 18 : int.MaxValue),
        _ => input,
    };

    /// <summary>A full label: "owner name: quantity", e.g. "Shared ICT service: annual saving".</summary>
    public static string Describe(Scenario scenario, string input, InputRole role, string ownerId) =>
        $"{OwnerName(scenario, ownerId)}: {Quantity(scenario, input, role)}";

    /// <summary>A chart label: like <see cref="Describe"/> with long names shortened.</summary>
    public static string ForChart(Scenario scenario, string input, InputRole role, string ownerId) =>
        $"{Shorten(OwnerName(scenario, ownerId))}: {Quantity(scenario, input, role, shorten: true)}";

    /// <summary>Longest owner name kept on a chart label that names the owner alone (a grouped tornado bar).</summary>
    public const int ChartOwnerLength = 40;

    /// <summary>Shortens <paramref name="text"/> to <paramref name="length"/> characters with an ellipsis.</summary>
    public static string Shorten(string text, int length = ChartNameLength) => MaybeShorten(text, length);

    /// <summary>The workstream id at the end of <c>&lt;risk&gt;.delay_months.&lt;ws&gt;</c>.</summary>
    public static string DelayedWorkstream(string input) =>
        InputNames.TryParse(input, out var name) && name.Workstream is { } workstream ? workstream : input;

    private static string MaybeShorten(string text, int length) =>
        text.Length <= length ? text : text[..(length - 1)].TrimEnd(' ', ',', ';', ':', '(', '-') + "…";
}
