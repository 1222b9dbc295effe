using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskSim.Core.Text;

/// <summary>
/// How RiskSim writes numbers for people, in one place for the console, explain, the report, the charts and the
/// batch page: money as a finance officer writes it (£250k, £1.2m, −£45k with a true minus sign), chances that never
/// read as 0% when they happened nor as 100%, shares of variance, plain percentages and numbers. Invariant culture
/// throughout. These forms are for people only: CSV, Parquet and JSON files keep plain machine numbers.
/// </summary>
public static class Formats
{
    /// <summary>The minus sign of negative money for people (U+2212), not the hyphen-minus of machine numbers.</summary>
    public const string Minus = "\u2212";

    /// <summary>What a chance above 99.5% reads as, so that no chance ever reads as certain.</summary>
    public const string AlmostCertain = "more than 99.5%";

    /// <summary>What a chance above zero but below 0.5% reads as, so that nothing that happened reads as 0%.</summary>
    public const string Tiny = "less than 0.5%";

    /// <summary>Currency symbol for an ISO code; the code and a space for unknown currencies.</summary>
    public static string CurrencySymbol(string currency) => currency.ToUpperInvariant() switch
    {
        "GBP" => "£",
        "EUR" => "€",
        "USD" => "$",
        _ => currency + " ",
    };

    /// <summary>Short form with k/m/bn and up to three significant figures; negatives take a true minus sign (−£45k).</summary>
    public static string Money(double value, string currency = "GBP")
    {
        if (double.IsNaN(value))
        {
            return "–";
        }
        string sign = value < 0 ? Minus : "";
        double a = Math.Abs(value);
        string symbol = CurrencySymbol(currency);
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
        // A loss that rounds to nothing reads £0, not −£0.
        return (body == "0" ? "" : sign) + symbol + body;
    }

    private static string Significant(double x) => x switch
    {
        >= 100 => x.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => x.ToString("0.#", CultureInfo.InvariantCulture),
        _ => x.ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A probability as a whole percentage ("72%"), with one decimal from 0.5% to 1% and from 99% to 99.5%
    /// ("0.7%", "99.3%"), "less than 0.5%" above zero and below that, and "more than 99.5%" above 99.5%, certainty
    /// included: a simulated chance is never certain, and nothing that happened in some trials reads as 0%.
    /// Only a chance of exactly zero reads "0%".
    /// </summary>
    public static string Chance(double p)
    {
        if (double.IsNaN(p))
        {
            return "–";
        }
        if (p <= 0)
        {
            return "0%";
        }
        if (p < 0.005)
        {
            return Tiny;
        }
        if (p > 0.995)
        {
            return AlmostCertain;
        }
        bool tail = p is < 0.01 or > 0.99;
        return (p * 100).ToString(tail ? "0.0" : "0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>
    /// A chance with its article, as it is read aloud: "a 72% chance" but "an 80%", "an 8%", "an 11%", "an 18%"
    /// ("less than 0.5%" and "more than 99.5%" take "a").
    /// </summary>
    public static string AChance(double p)
    {
        string chance = Chance(p);
        bool vowel = chance.StartsWith('8') || Regex.IsMatch(chance, @"^1[18](\.\d+)?%$");
        return (vowel ? "an " : "a ") + chance;
    }

    /// <summary>A share of a whole (of NPV variance, say): one decimal below 10% ("4.2%"), whole above ("37%").</summary>
    public static string Share(double share) =>
        (share * 100).ToString(share < 0.1 ? "0.0" : "0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A fraction as a percentage with the given pattern ("0.#" by default): rates, weights, uplifts.</summary>
    public static string Percent(double fraction, string pattern = "0.#") =>
        (fraction * 100).ToString(pattern, CultureInfo.InvariantCulture) + "%";

    /// <summary>A plain number with up to two decimals (months, headcounts).</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
