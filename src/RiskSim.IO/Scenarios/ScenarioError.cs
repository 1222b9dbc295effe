namespace RiskSim.IO.Scenarios;

/// <summary>One problem found in a scenario file, with where it is.</summary>
/// <param name="File">Path of the file as the user gave it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Field">Dotted path of the key, e.g. <c>workstreams[ict].annual_saving</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record ScenarioError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>
    /// Where in a spreadsheet the problem is, as Excel names a cell (<c>Risks!D7</c>, or <c>D7</c> in a CSV file);
    /// null for a place in a scenario file, given by <see cref="Line"/> and <see cref="Column"/>. With a cell,
    /// <see cref="Line"/> is its row and <see cref="Column"/> its column number.
    /// </summary>
    public string? Cell { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        string where = Cell is null ? $"{File}:{Line}:{Column}" : $"{File}: {Cell}";
        return Field.Length == 0 ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}

/// <summary>Thrown when a scenario file cannot be used; carries every problem found.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>All problems, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}

/// <summary>A validated scenario with the SHA-256 of the file bytes it was read from.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Sha256">SHA-256 of the bytes parsed, lower-case hex.</param>
public sealed record LoadedScenario(Core.Model.Scenario Scenario, string Sha256)
{
    /// <summary>The risk register the scenario reads its risks from (<c>risks_from</c>), as a path from the working folder; null when none.</summary>
    public string? RegisterFile { get; init; }

    /// <summary>SHA-256 of the register's bytes that were read, lower-case hex; null when none.</summary>
    public string? RegisterSha256 { get; init; }
}
