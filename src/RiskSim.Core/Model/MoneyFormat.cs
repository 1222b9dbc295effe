using System.Globalization;

namespace RiskSim.Core.Model;

/// <summary>Formats money the way a finance officer writes it: £250k, £1.2m, −£45k.</summary>
public static class MoneyFormat
{
    /// <summary>Currency symbol for an ISO code; the code and a space for unknown currencies.</summary>
    public static string Symbol(string currency) => currency.ToUpperInvariant() switch
    {
        "GBP" => "£",
        "EUR" => "€",
        "USD" => "$",
        _ => currency + " ",
    };

    /// <summary>Short form with k/m/bn and up to three significant figures.</summary>
    public static string Short(double value, string currency = "GBP")
    {
        if (double.IsNaN(value))
        {
            return "–";
        }
        string sign = value < 0 ? "-" : "";
        double a = Math.Abs(value);
        string symbol = Symbol(currency);
        string body = a switch
        {
            >= 1e9 => Significant(a / 1e9) + "bn",
            >= 1e6 => Significant(a / 1e6) + "m",
            >= 1e3 => Significant(a / 1e3) + "k",
            _ => a.ToString("0", CultureInfo.InvariantCulture),
        };
        if (body == "1000k")
        {
            body = "1m";
        }
        else if (body == "1000m")
        {
            body = "1bn";
        }
        return sign + symbol + body;
    }

    private static string Significant(double x) => x switch
    {
        >= 100 => x.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => x.ToString("0.#", CultureInfo.InvariantCulture),
        _ => x.ToString("0.##", CultureInfo.InvariantCulture),
    };
}
