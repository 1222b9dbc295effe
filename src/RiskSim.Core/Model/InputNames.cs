namespace RiskSim.Core.Model;

/// <summary>A dotted input name taken apart: whose it is, what it stands for and, for a risk's delay, which workstream.</summary>
/// <param name="Owner">Id of the workstream, partner or risk.</param>
/// <param name="Role">What kind of quantity it is.</param>
/// <param name="Workstream">The delayed workstream of <see cref="InputRole.RiskDelay"/>; null otherwise.</param>
public readonly record struct InputName(string Owner, InputRole Role, string? Workstream = null);

/// <summary>
/// Builds every dotted name of an uncertain input (<c>ict.annual_saving</c>, <c>city.withdrawal</c>,
/// <c>tupe.delay_months.ict</c>, ...) and of the per-trial columns derived from them, and parses a name back
/// to its owner and role. The one place these names are spelt: the catalogue, the engine, variants, chart
/// labels and the trials file all call it.
/// </summary>
public static class InputNames
{
    private static readonly (InputRole Role, string Field)[] Fields =
    [
        (InputRole.AnnualSaving, "annual_saving"),
        (InputRole.DelayMonths, "delay_months"),
        (InputRole.ImplementationCost, "implementation_cost"),
        (InputRole.DelayCostPerMonth, "delay_cost_per_month"),
        (InputRole.RedundancyHeadcount, "redundancy.headcount"),
        (InputRole.RedundancyCostPerHead, "redundancy.cost_per_head"),
        (InputRole.WithdrawalNotice, "withdrawal"),
        (InputRole.SavingsLost, "savings_lost"),
        (InputRole.ExitCost, "exit_cost"),
        (InputRole.RiskOccurs, "occurs"),
        (InputRole.RiskYear, "year"),
        (InputRole.RiskCost, "cost"),
    ];

    private const string RiskDelayField = "delay_months";

    /// <summary>The name of an input: <c>&lt;owner&gt;.&lt;field&gt;</c>, or <c>&lt;risk&gt;.delay_months.&lt;ws&gt;</c>.</summary>
    public static string Of(InputRole role, string owner, string? workstream = null) => role == InputRole.RiskDelay
        ? $"{owner}.{RiskDelayField}.{workstream ?? throw new ArgumentNullException(nameof(workstream))}"
        : $"{owner}.{FieldOf(role)}";

    /// <summary>The field part of a role's names (e.g. <c>annual_saving</c>); <c>delay_months</c> for a risk's delay.</summary>
    public static string FieldOf(InputRole role) =>
        role == InputRole.RiskDelay ? RiskDelayField : Fields.First(f => f.Role == role).Field;

    /// <summary><c>&lt;ws&gt;.annual_saving</c>: steady-state saving, money per year.</summary>
    public static string AnnualSaving(string workstream) => Of(InputRole.AnnualSaving, workstream);

    /// <summary><c>&lt;ws&gt;.delay_months</c>: go-live slip.</summary>
    public static string DelayMonths(string workstream) => Of(InputRole.DelayMonths, workstream);

    /// <summary><c>&lt;ws&gt;.implementation_cost</c>.</summary>
    public static string ImplementationCost(string workstream) => Of(InputRole.ImplementationCost, workstream);

    /// <summary><c>&lt;ws&gt;.delay_cost_per_month</c>.</summary>
    public static string DelayCostPerMonth(string workstream) => Of(InputRole.DelayCostPerMonth, workstream);

    /// <summary><c>&lt;ws&gt;.redundancy.headcount</c>.</summary>
    public static string RedundancyHeadcount(string workstream) => Of(InputRole.RedundancyHeadcount, workstream);

    /// <summary><c>&lt;ws&gt;.redundancy.cost_per_head</c>.</summary>
    public static string RedundancyCostPerHead(string workstream) => Of(InputRole.RedundancyCostPerHead, workstream);

    /// <summary><c>&lt;partner&gt;.withdrawal</c>: the notice time in years.</summary>
    public static string Withdrawal(string partner) => Of(InputRole.WithdrawalNotice, partner);

    /// <summary><c>&lt;partner&gt;.savings_lost</c>.</summary>
    public static string SavingsLost(string partner) => Of(InputRole.SavingsLost, partner);

    /// <summary><c>&lt;partner&gt;.exit_cost</c>.</summary>
    public static string ExitCost(string partner) => Of(InputRole.ExitCost, partner);

    /// <summary><c>&lt;risk&gt;.occurs</c>: 1 when the risk happens, else 0.</summary>
    public static string RiskOccurs(string risk) => Of(InputRole.RiskOccurs, risk);

    /// <summary><c>&lt;risk&gt;.year</c>.</summary>
    public static string RiskYear(string risk) => Of(InputRole.RiskYear, risk);

    /// <summary><c>&lt;risk&gt;.cost</c>.</summary>
    public static string RiskCost(string risk) => Of(InputRole.RiskCost, risk);

    /// <summary><c>&lt;risk&gt;.delay_months.&lt;ws&gt;</c>: the extra slip a risk causes one workstream.</summary>
    public static string RiskDelay(string risk, string workstream) => Of(InputRole.RiskDelay, risk, workstream);

    /// <summary>Trials-file column of a workstream's actual go-live, months from the start.</summary>
    public static string GoLiveMonth(string workstream) => $"{workstream}.go_live_month";

    /// <summary>Trials-file column of a partner's exit month (null when it does not leave within the horizon).</summary>
    public static string ExitMonth(string partner) => $"{partner}.exit_month";

    /// <summary>Trials-file column saying whether a risk occurred.</summary>
    public static string RiskOccurred(string risk) => $"{risk}.occurred";

    /// <summary>Takes a dotted input name apart; false when it is not one.</summary>
    public static bool TryParse(string name, out InputName parsed)
    {
        parsed = default;
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }
        string owner = name[..dot], field = name[(dot + 1)..];
        if (field.StartsWith(RiskDelayField + ".", StringComparison.Ordinal) && field.Length > RiskDelayField.Length + 1)
        {
            parsed = new InputName(owner, InputRole.RiskDelay, field[(RiskDelayField.Length + 1)..]);
            return true;
        }
        foreach (var (role, f) in Fields)
        {
            if (f == field)
            {
                parsed = new InputName(owner, role);
                return true;
            }
        }
        return false;
    }
}
