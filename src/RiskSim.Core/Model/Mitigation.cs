namespace RiskSim.Core.Model;

/// <summary>An action that lowers a risk, and what the risk looks like once the action is taken.</summary>
/// <param name="Action">What will be done (free text).</param>
/// <param name="Cost">One-off cost of the action (money), paid at the start of year 1 and divided by the risk's cost key.</param>
/// <param name="Probability">The risk's chance of occurring within the horizon once mitigated.</param>
/// <param name="CostAfter">The risk's cost when it occurs once mitigated; null keeps <see cref="Risk.Cost"/>.</param>
/// <param name="DelayAfter">Months of slip for each workstream the risk delays once mitigated; null keeps the delays.</param>
public sealed record Mitigation(string Action, double Cost, double Probability, Distribution? CostAfter, Distribution? DelayAfter);
