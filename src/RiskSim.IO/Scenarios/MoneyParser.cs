using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskSim.IO.Scenarios;

/// <summary>
/// Reads numbers, and for money also the conveniences <c>250k</c>, <c>1.2m</c>, <c>2bn</c> and
/// <c>£1,200,000</c> (pound, dollar or euro sign; thousands separators only in groups of three).
/// Anything else is rejected rather than guessed: "£1,2m" is an error, never £12m.
/// </summary>
public static partial class MoneyParser
{
    /// <summary>The forms a money field accepts, for error messages.</summary>
    public const string AcceptedForms = "250000, 250k, 1.2m, 2bn, 1.5e6 or \"£1,200,000\" (commas only between groups of three digits)";

    /// <summary>Parses a plain number in the invariant culture (no thousands separators).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses an amount of money, plain or with a currency sign, comma groups and a k/m/bn suffix.</summary>
    public static bool TryParseMoney(string text, out double value)
    {
        if (TryParseNumber(text, out value))
        {
            return true;
        }
        value = 0;
        var match = MoneyPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        string digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return false;
        }
        double multiplier = match.Groups["suffix"].Value.ToLowerInvariant() switch
        {
            "k" => 1e3,
            "m" => 1e6,
            "bn" => 1e9,
            _ => 1,
        };
        value = (match.Groups["sign"].Success ? -number : number) * multiplier;
        return double.IsFinite(value);
    }

    // Optional minus (the hyphen-minus, or the true minus sign U+2212 that the report and console print, so that
    // a figure copied from them reads back), optional currency sign, then digits either plain or in comma groups of three, an
    // optional fraction and an optional k/m/bn suffix.
    [GeneratedRegex(@"^(?<sign>[-\u2212])?\s*[£$€]?(?<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?<suffix>k|K|m|M|bn|BN|Bn)?$")]
    private static partial Regex MoneyPattern();
}
