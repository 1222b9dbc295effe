using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Charts.Data;

/// <summary>What one partner's withdrawal does to NPV.</summary>
/// <param name="PartnerId">Partner id.</param>
/// <param name="Name">Display name.</param>
/// <param name="ProbabilityOfExit">P(exit within the horizon), 0..1.</param>
/// <param name="MedianNpvIfStays">Median NPV of the trials in which it stays (money; NaN when none).</param>
/// <param name="MedianNpvIfLeaves">Median NPV of the trials in which it leaves (money; NaN when none).</param>
/// <param name="MeanNpvIfStays">Mean NPV when it stays.</param>
/// <param name="MeanNpvIfLeaves">Mean NPV when it leaves.</param>
/// <param name="TrialsWithExit">Sensitivity trials in which it left.</param>
public sealed record PartnerExposureBar(string PartnerId, string Name, double ProbabilityOfExit,
    double MedianNpvIfStays, double MedianNpvIfLeaves, double MeanNpvIfStays, double MeanNpvIfLeaves, long TrialsWithExit)
{
    /// <summary>
    /// The NPV forgone if the partner leaves: median NPV of the trials in which it stays less that of the trials in
    /// which it leaves (money; NaN when it never or always leaves).
    /// </summary>
    public double MedianCost => MedianNpvIfStays - MedianNpvIfLeaves;
}

/// <summary>
/// What the partners chart draws: for each partner that may withdraw, P(exit within the horizon) and the median
/// NPV of the trials in which it stays and in which it leaves. Empty when no partner has a withdrawal risk.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Partners">Partners with a withdrawal risk, in scenario order.</param>
/// <param name="MedianNpv">Median NPV of the whole run, for reference.</param>
/// <param name="Currency">ISO currency code.</param>
public sealed record PartnerExposureData(string Title, IReadOnlyList<PartnerExposureBar> Partners, double MedianNpv, string Currency)
{
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>True when at least one partner may withdraw, so <c>partners.png</c> is drawn.</summary>
    public bool HasChart => Partners.Count > 0;

    /// <summary>Builds the chart data of a run.</summary>
    public static PartnerExposureData From(RunResult result)
    {
        var s = result.Scenario;
        var partners = result.PartnerExposures
            .Select(p => new PartnerExposureBar(p.PartnerId, InputLabels.OwnerName(s, p.PartnerId), p.ProbabilityOfExit,
                p.MedianNpvIfStays, p.MedianNpvIfExit, p.MeanNpvIfStays, p.MeanNpvIfExit, p.TrialsWithExit))
            .ToList();
        return new PartnerExposureData("NPV forgone if each partner leaves",
            partners, result.Row(MetricNames.Npv).P50, s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s) };
    }
}
