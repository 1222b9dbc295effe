namespace RiskSim.Core.Engine;

/// <summary>
/// The protective marking a run's report carries (<c>risksim run --marking</c>): one of the two markings of the UK
/// Government Security Classifications that a council's finance papers use, OFFICIAL and OFFICIAL-SENSITIVE.
/// </summary>
/// <remarks>
/// Only these two are accepted, not free text: a marking is a statement about how the paper must be handled, so a
/// misspelt or invented one ("OFICIAL", "CONFIDENTIAL") is refused rather than printed on every page. SECRET and
/// TOP SECRET material is not handled on the systems RiskSim runs on, so those markings are refused too.
/// </remarks>
public static class ProtectiveMarking
{
    /// <summary>The marking for routine council business.</summary>
    public const string Official = "OFFICIAL";

    /// <summary>The marking for OFFICIAL information whose loss would be damaging (commercial or personal detail).</summary>
    public const string OfficialSensitive = "OFFICIAL-SENSITIVE";

    /// <summary>Every accepted marking, as printed.</summary>
    public static IReadOnlyList<string> All { get; } = [Official, OfficialSensitive];

    /// <summary>
    /// Reads a marking as typed: case and surrounding spaces do not matter, and "OFFICIAL SENSITIVE" (a space for the
    /// hyphen) is read as OFFICIAL-SENSITIVE. Returns the marking as printed, or null when it is neither of the two.
    /// </summary>
    public static string? Parse(string text)
    {
        string upper = text.Trim().ToUpperInvariant();
        string hyphenated = string.Join('-', upper.Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        return All.FirstOrDefault(m => m == hyphenated);
    }
}
