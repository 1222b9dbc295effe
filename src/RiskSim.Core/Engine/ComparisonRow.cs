namespace RiskSim.Core.Engine;

/// <summary>One row of comparison.parquet / comparison.csv.</summary>
public sealed record ComparisonRow(
    string Scenario, string Variant, string File, string Folder, string Currency, long Trials, ulong Seed,
    double NpvMean, double NpvP10, double NpvP50, double NpvP90,
    double? ProbabilityTargetMet, double? Reserve80, double? Reserve90, double? Reserve95, double ProbabilityOfPayback,
    PairedDifference? PairedNpv, PairedDifference? PairedCumulative);
