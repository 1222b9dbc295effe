namespace RiskSim.Core.Engine;

/// <summary>
/// One row of comparison.parquet / comparison.csv: a run's programme figures (<see cref="Partner"/> null), or one
/// partner's figures from its own ledger (paired differences are then null: they are kept for the programme only).
/// </summary>
public sealed record ComparisonRow(
    string Scenario, string Variant, string File, string Folder, string Currency, long Trials, ulong Seed,
    double NpvMean, double NpvP10, double NpvP50, double NpvP90,
    double? ProbabilityTargetMet, double? Reserve80, double? Reserve90, double? Reserve95, double ProbabilityOfPayback,
    PairedDifference? PairedNpv, PairedDifference? PairedCumulative)
{
    /// <summary>The partner whose own ledger the row describes; null for the programme row.</summary>
    public string? Partner { get; init; }

    /// <summary>The 95% Monte Carlo intervals of the row's figures.</summary>
    public ComparisonIntervals? Ci95 { get; init; }
}
