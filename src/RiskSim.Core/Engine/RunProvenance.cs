namespace RiskSim.Core.Engine;

/// <summary>Where a run came from: what <c>run.json</c> records and the report states.</summary>
/// <param name="ScenarioFile">The scenario file as given on the command line.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes that were parsed, lower-case hex.</param>
/// <param name="ToolVersion">RiskSim's version.</param>
/// <param name="StartedUtc">When the run started.</param>
public sealed record RunProvenance(string ScenarioFile, string ScenarioSha256, string ToolVersion, DateTimeOffset StartedUtc)
{
    /// <summary>Rows in trials.parquet (0 when not written).</summary>
    public long TrialsWritten { get; init; }

    /// <summary>Wall time of the whole command up to writing the results, seconds.</summary>
    public double TotalSeconds { get; init; }

    /// <summary>The risk register the scenario's risks were read from (<c>risks_from</c>); null when none.</summary>
    public string? RegisterFile { get; init; }

    /// <summary>SHA-256 of the register's bytes that were read, lower-case hex; null when none.</summary>
    public string? RegisterSha256 { get; init; }

    /// <summary>
    /// The protective marking printed at the top and bottom of every page of the report (one of
    /// <see cref="ProtectiveMarking.All"/>), or null for none.
    /// </summary>
    public string? Marking { get; init; }
}
