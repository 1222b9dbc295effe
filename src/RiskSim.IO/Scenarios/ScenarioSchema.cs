namespace RiskSim.IO.Scenarios;

/// <summary>
/// The JSON Schema (draft-07) of the scenario format, for editors with YAML language support. It
/// describes the shape and simple ranges; <see cref="ScenarioReader"/> stays the authority on what a
/// schema cannot express (references, shares summing to 1, correlation matrices).
/// </summary>
public static class ScenarioSchema
{
    /// <summary>The schema text, as shipped in <c>scenarios/risksim.schema.json</c>.</summary>
    public static string Text()
    {
        using var stream = typeof(ScenarioSchema).Assembly.GetManifestResourceStream("risksim.schema.json")
            ?? throw new InvalidOperationException("the scenario schema is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
