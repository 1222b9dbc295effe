using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Data;

/// <summary>One risk on the risk matrix.</summary>
/// <param name="RiskId">Risk id.</param>
/// <param name="Label">Its label on the chart (its name, shortened).</param>
/// <param name="X">Position across the likelihood bands, 0..5 (band k spans k − 1 to k).</param>
/// <param name="Y">Position up the impact bands, 0..5.</param>
/// <param name="Before">Its rating as it stands.</param>
/// <param name="AfterX">Position once mitigated; null without a mitigation.</param>
/// <param name="AfterY">Position once mitigated; null without a mitigation.</param>
/// <param name="After">Its rating once mitigated; null without a mitigation.</param>
public sealed record RiskMatrixPoint(string RiskId, string Label, double X, double Y, RiskRating Before,
    double? AfterX, double? AfterY, RiskRating? After);

/// <summary>
/// What <c>risk-matrix.png</c> draws: the 5 × 5 likelihood × impact grid in red, amber and green, each risk at its
/// probability and mean NPV impact, with an arrow to where its mitigation would put it.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Points">One per risk, in scenario order.</param>
/// <param name="LikelihoodLabels">Tick labels of the five likelihood bands.</param>
/// <param name="ImpactLabels">Tick labels of the five impact bands (money).</param>
/// <param name="ImpactReferenceName">What the impact bands are fractions of, in words.</param>
public sealed record RiskMatrixData(string Title, IReadOnlyList<RiskMatrixPoint> Points, IReadOnlyList<string> LikelihoodLabels,
    IReadOnlyList<string> ImpactLabels, string ImpactReferenceName)
{
    /// <summary>Longest label before it is shortened with an ellipsis.</summary>
    public const int LabelLength = 32;

    /// <summary>True when the scenario has risks, so <c>risk-matrix.png</c> is drawn.</summary>
    public bool HasChart => Points.Count > 0;

    /// <summary>Builds the chart data of a run (no points when the scenario has no risks).</summary>
    public static RiskMatrixData From(RunResult result)
    {
        string[] likelihood = ["1: under 5%", "2: 5–20%", "3: 20–50%", "4: 50–80%", "5: over 80%"];
        if (result.RiskRegister is not { } register)
        {
            return new RiskMatrixData("Risk matrix", [], likelihood, [], "");
        }
        string currency = result.Scenario.Currency;
        string Money(double v) => Formats.Money(v, currency);
        var e = register.ImpactBandEdges;
        string[] impact =
        [
            $"1: under {Money(e[0])}", $"2: {Money(e[0])}–{Money(e[1])}", $"3: {Money(e[1])}–{Money(e[2])}",
            $"4: {Money(e[2])}–{Money(e[3])}", $"5: over {Money(e[3])}",
        ];
        var points = register.Risks.Select(r => new RiskMatrixPoint(r.RiskId, Shorten(string.IsNullOrWhiteSpace(r.Name) ? r.RiskId : r.Name.Trim()),
            LikelihoodPosition(r.Probability), ImpactPosition(r.MeanImpact, e), r.Before,
            r.ProbabilityAfter is double pa ? LikelihoodPosition(pa) : null,
            r.MeanImpactAfter is double ia ? ImpactPosition(ia, e) : null, r.After)).ToList();
        return new RiskMatrixData("Risk matrix: likelihood and impact of each risk", points, likelihood, impact, register.ImpactReferenceName);
    }

    /// <summary>The name cut to <see cref="LabelLength"/> characters with an ellipsis.</summary>
    public static string Shorten(string name) => name.Length <= LabelLength ? name : name[..(LabelLength - 1)].TrimEnd() + "…";

    /// <summary>
    /// Position across the likelihood axis: band k (1..5) spans k − 1 to k, and within it the probability is placed
    /// linearly between the band's edges, kept 0.1 inside the cell.
    /// </summary>
    public static double LikelihoodPosition(double probability)
    {
        int band = RiskMatrixBands.Likelihood(probability);
        var edges = RiskMatrixBands.LikelihoodEdges;
        double low = band == 1 ? 0 : edges[band - 2];
        double high = band == 5 ? 1 : edges[band - 1];
        return Within(band, (probability - low) / (high - low));
    }

    /// <summary>
    /// Position up the impact axis: band k spans k − 1 to k, linear between the band's money edges; band 1 runs from
    /// £0 and band 5 to twice its lower edge (beyond that at the top of the cell).
    /// </summary>
    public static double ImpactPosition(double loss, IReadOnlyList<double> edges)
    {
        int band = RiskMatrixBands.Impact(loss, edges);
        double low = band == 1 ? 0 : edges[band - 2];
        double high = band == 5 ? 2 * edges[3] : edges[band - 1];
        return Within(band, high > low ? (loss - low) / (high - low) : 0.5);
    }

    private static double Within(int band, double fraction) => band - 1 + 0.1 + 0.8 * Math.Clamp(fraction, 0, 1);
}
