namespace RiskSim.Core.Engine;

/// <summary>
/// The bands of the 5 × 5 risk matrix: likelihood from a probability, impact from an amount of money relative to a
/// reference, and the red/amber/green band of their product.
/// </summary>
public static class RiskMatrixBands
{
    /// <summary>Upper edges of likelihood bands 1..4: 5%, 20%, 50%, 80% (band 5 is above 80%).</summary>
    public static readonly double[] LikelihoodEdges = [0.05, 0.20, 0.50, 0.80];

    /// <summary>Upper edges of impact bands 1..4 as fractions of the reference: 1%, 5%, 10%, 20% (band 5 is above 20%).</summary>
    public static readonly double[] ImpactFractions = [0.01, 0.05, 0.10, 0.20];

    /// <summary>What the impact bands are measured against when the scenario states its own (risk_matrix.impact_bands).</summary>
    public const string StatedInScenario = "the scenario's own impact bands";

    /// <summary>Likelihood band 1..5: 1 below 5%, 2 from 5% to below 20%, 3 to below 50%, 4 from 50% to 80%, 5 above 80%.</summary>
    public static int Likelihood(double probability) => probability switch
    {
        < 0.05 => 1,
        < 0.20 => 2,
        < 0.50 => 3,
        <= 0.80 => 4,
        _ => 5,
    };

    /// <summary>Impact band 1..5 of a loss given the four money edges: band k when the loss is below edge k (a loss at an edge goes up).</summary>
    public static int Impact(double loss, IReadOnlyList<double> edges)
    {
        for (int k = 0; k < edges.Count; k++)
        {
            if (loss < edges[k])
            {
                return k + 1;
            }
        }
        return edges.Count + 1;
    }

    /// <summary>Red, amber or green for a score 1..25: green 1–4, amber 5–12, red 15–25.</summary>
    public static Rag RagOf(int score) => score switch
    {
        <= 4 => Rag.Green,
        <= 12 => Rag.Amber,
        _ => Rag.Red,
    };

    /// <summary>The rating of a risk with a probability and mean loss when it occurs.</summary>
    public static RiskRating Rate(double probability, double loss, IReadOnlyList<double> edges) =>
        new(Likelihood(probability), Impact(loss, edges));
}
