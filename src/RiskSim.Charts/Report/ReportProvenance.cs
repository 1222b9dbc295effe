namespace RiskSim.Charts.Report;

/// <summary>Where a run came from, as the report's provenance section states it.</summary>
/// <param name="ScenarioFile">The scenario file as given on the command line.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes, lower-case hex.</param>
/// <param name="ToolVersion">RiskSim's version.</param>
/// <param name="RunStartedUtc">When the run started.</param>
public sealed record ReportProvenance(string ScenarioFile, string ScenarioSha256, string ToolVersion, DateTimeOffset RunStartedUtc);
