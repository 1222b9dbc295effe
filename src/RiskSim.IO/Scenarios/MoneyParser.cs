using System.Globalization;

namespace RiskSim.IO.Scenarios;

/// <summary>
/// Reads numbers, and for money also the conveniences <c>250k</c>, <c>1.2m</c>, <c>2bn</c> and
/// <c>£1,200,000</c> (pound, dollar or euro sign, thousands commas).
/// </summary>
public static class MoneyParser
{
    /// <summary>Parses a plain number in the invariant culture.</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses an amount of money, plain or with a currency sign, commas and a k/m/bn suffix.</summary>
    public static bool TryParseMoney(string text, out double value)
    {
        if (TryParseNumber(text, out value))
        {
            return true;
        }
        string s = text.Trim();
        bool negative = false;
        if (s.StartsWith('-'))
        {
            negative = true;
            s = s[1..].TrimStart();
        }
        if (s.Length > 0 && s[0] is '£' or '$' or '€')
        {
            s = s[1..];
        }
        double multiplier = 1;
        string lower = s.ToLowerInvariant();
        if (lower.EndsWith("bn", StringComparison.Ordinal))
        {
            multiplier = 1e9;
            s = s[..^2];
        }
        else if (lower.EndsWith('m'))
        {
            multiplier = 1e6;
            s = s[..^1];
        }
        else if (lower.EndsWith('k'))
        {
            multiplier = 1e3;
            s = s[..^1];
        }
        if (s.Length == 0 || s.Contains(' ') || !char.IsDigit(s[0]))
        {
            value = 0;
            return false;
        }
        if (!double.TryParse(s, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            value = 0;
            return false;
        }
        value = (negative ? -number : number) * multiplier;
        return double.IsFinite(value);
    }
}
