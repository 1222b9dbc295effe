namespace RiskSim.Core.Engine;

/// <summary>Red, amber or green: the band of a risk's likelihood × impact score.</summary>
public enum Rag
{
    /// <summary>Score 1–4.</summary>
    Green,

    /// <summary>Score 5–12.</summary>
    Amber,

    /// <summary>Score 15–25.</summary>
    Red,
}

/// <summary>Where a risk sits on the 5 × 5 risk matrix.</summary>
/// <param name="Likelihood">Likelihood band 1..5 (&lt;5%, 5–20%, 20–50%, 50–80%, &gt;80%).</param>
/// <param name="Impact">Impact band 1..5 (see <see cref="RiskRegisterResult.ImpactBandEdges"/>).</param>
public sealed record RiskRating(int Likelihood, int Impact)
{
    /// <summary>Likelihood × impact, 1..25.</summary>
    public int Score => Likelihood * Impact;

    /// <summary>The score's band: green 1–4, amber 5–12, red 15–25.</summary>
    public Rag Rag => RiskMatrixBands.RagOf(Score);
}

/// <summary>
/// One risk of the register, quantified from the run: how often it occurred, what it cost, how much of the NPV's
/// spread it explains and where it sits on the risk matrix before and after its mitigation.
/// </summary>
/// <param name="RiskId">Risk id.</param>
/// <param name="Name">Risk name (its id when it has none).</param>
/// <param name="Probability">The chance stated in the scenario.</param>
/// <param name="Frequency">Realised frequency over the whole run (as <c>p_&lt;risk&gt;.occurred</c>).</param>
/// <param name="ExpectedCost">Mean of the risk's cost over all trials (0 where it did not occur), undiscounted.</param>
/// <param name="P90CostIfOccurs">90th percentile of its cost over the trials where it occurred; null when it never did.</param>
/// <param name="VarianceShare">Share of the NPV's variance explained by whether it occurs: f(1 − f)·swing² / Var(NPV).</param>
/// <param name="Swing">Mean NPV of the trials where it occurred minus that of the trials where it did not; null when either is empty.</param>
/// <param name="MeanImpact">Mean NPV lost when it occurs: the paired mean of NPV with the risk never occurring minus NPV with it always occurring.</param>
/// <param name="Before">Its place on the matrix as it stands.</param>
/// <param name="ProbabilityAfter">Its chance once mitigated; null without a mitigation.</param>
/// <param name="MeanImpactAfter">Mean NPV lost when it occurs once mitigated (before the mitigation's own cost); null without a mitigation.</param>
/// <param name="After">Its place on the matrix once mitigated; null without a mitigation.</param>
/// <param name="Mitigation">The value of its mitigation; null without one.</param>
public sealed record QuantifiedRisk(
    string RiskId, string Name, double Probability, double Frequency, double ExpectedCost, double? P90CostIfOccurs,
    double VarianceShare, double? Swing, double MeanImpact, RiskRating Before,
    double? ProbabilityAfter, double? MeanImpactAfter, RiskRating? After, MitigationValue? Mitigation);

/// <summary>
/// What one mitigation (or all of them together) is worth, from the mitigated case simulated on the same trials
/// as the base case (common random numbers).
/// </summary>
/// <param name="RiskId">The risk mitigated; <see cref="MitigationSummary.AllId"/> for all mitigations together.</param>
/// <param name="Name">The risk's name, its id when it has none (or "All mitigations").</param>
/// <param name="Action">What will be done.</param>
/// <param name="Cost">The mitigation's certain cost, at the start of year 1.</param>
/// <param name="ExpectedCostBefore">Mean of the risk's cost over the trials (0 where it does not occur), as it stands.</param>
/// <param name="ExpectedCostAfter">The same once mitigated.</param>
/// <param name="MeanNpvChange">Paired mean of NPV mitigated (before the mitigation's cost) minus NPV as it stands: the loss avoided.</param>
/// <param name="MeanNpvChangeLow">Lower end of its 95% interval.</param>
/// <param name="MeanNpvChangeHigh">Upper end of its 95% interval.</param>
/// <param name="Reserve90Change">Reserve for 90% confidence mitigated (cost included) minus as it stands; negative when it falls; null without a target.</param>
/// <param name="Reserve90ChangeLow">Lower end of its 95% interval.</param>
/// <param name="Reserve90ChangeHigh">Upper end of its 95% interval.</param>
public sealed record MitigationValue(
    string RiskId, string Name, string Action, double Cost, double ExpectedCostBefore, double ExpectedCostAfter,
    double MeanNpvChange, double MeanNpvChangeLow, double MeanNpvChangeHigh,
    double? Reserve90Change, double? Reserve90ChangeLow, double? Reserve90ChangeHigh)
{
    /// <summary>Net value: the mean NPV change less the mitigation's cost (the change in mean NPV with the cost counted).</summary>
    public double NetValue => MeanNpvChange - Cost;

    /// <summary>Lower end of the net value's 95% interval (the cost is certain).</summary>
    public double NetValueLow => MeanNpvChangeLow - Cost;

    /// <summary>Upper end of the net value's 95% interval.</summary>
    public double NetValueHigh => MeanNpvChangeHigh - Cost;
}

/// <summary>The value of every mitigation of a run, alone and together.</summary>
/// <param name="Trials">Trials the mitigated cases were paired on (the first of the run).</param>
/// <param name="BootstrapReplicates">Bootstrap replicates behind the reserve change's interval.</param>
/// <param name="Each">Per mitigated risk, sorted by net value (largest first, ties by scenario order).</param>
/// <param name="All">All mitigations together.</param>
public sealed record MitigationSummary(long Trials, int BootstrapReplicates, IReadOnlyList<MitigationValue> Each, MitigationValue All)
{
    /// <summary>The id under which all mitigations together are reported.</summary>
    public const string AllId = "all";
}

/// <summary>The quantified risk register of a run.</summary>
/// <param name="Trials">Trials the per-risk figures (other than the frequency) were computed on (the first of the run).</param>
/// <param name="ImpactReference">The amount the impact bands are fractions of (the target, else the plan's gross savings over the horizon).</param>
/// <param name="ImpactReferenceName">What that amount is, in words.</param>
/// <param name="ImpactBandEdges">The four money edges between impact bands 1|2, 2|3, 3|4 and 4|5.</param>
/// <param name="Risks">Per risk, in scenario order.</param>
/// <param name="Mitigation">The value of the mitigations; null when no risk has one.</param>
public sealed record RiskRegisterResult(long Trials, double ImpactReference, string ImpactReferenceName,
    IReadOnlyList<double> ImpactBandEdges, IReadOnlyList<QuantifiedRisk> Risks, MitigationSummary? Mitigation);
