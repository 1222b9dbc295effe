using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Charts.Data;

/// <summary>
/// What the scatter chart draws (<c>scatter.png</c>): the NPV of the first trials against the input with the largest
/// swing, each trial coloured by whether the partner whose withdrawal moves NPV most leaves within the horizon.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="InputLabel">The input, in words.</param>
/// <param name="Role">The input's role (for the axis format).</param>
/// <param name="PartnerName">The partner's name, or null when no partner may leave.</param>
/// <param name="Values">Input value per trial.</param>
/// <param name="Npv">NPV per trial.</param>
/// <param name="Left">Whether the partner left, per trial.</param>
/// <param name="Currency">ISO currency code.</param>
public sealed record ScatterData(string Title, string InputLabel, InputRole Role, string? PartnerName,
    IReadOnlyList<double> Values, IReadOnlyList<double> Npv, IReadOnlyList<bool> Left, string Currency)
{
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>Whether there is anything to draw.</summary>
    public bool HasChart => Values.Count > 0;

    /// <summary>Longest full description of the input kept on the axis (else the chart's shortened label).</summary>
    public const int MaxAxisLabel = 64;

    /// <summary>Whether the input is an amount of money (savings and costs), for the axis.</summary>
    public bool IsMoney => Role is InputRole.AnnualSaving or InputRole.ImplementationCost or InputRole.DelayCostPerMonth
        or InputRole.RedundancyCostPerHead or InputRole.ExitCost or InputRole.RiskCost;

    /// <summary>Builds the scatter data of a run (empty when no input has a range).</summary>
    public static ScatterData From(RunResult result)
    {
        var s = result.Scenario;
        if (result.Scatter is not { } sc)
        {
            return new ScatterData("NPV against its largest driver", "", InputRole.AnnualSaving, null, [], [], [], s.Currency);
        }
        string label = InputLabels.Describe(s, sc.Input, sc.Role, sc.Owner);
        label = label.Length <= MaxAxisLabel ? label : InputLabels.ForChart(s, sc.Input, sc.Role, sc.Owner);
        label += sc.Role is InputRole.DelayMonths or InputRole.RiskDelay ? " (months)" : sc.Role == InputRole.WithdrawalNotice ? " (years)" : "";
        string? partner = sc.PartnerId is { } id ? InputLabels.OwnerName(s, id) : null;
        return new ScatterData("NPV of each trial against its largest driver", label, sc.Role,
            partner, sc.Values, sc.Npv, sc.Left, s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s) };
    }
}
