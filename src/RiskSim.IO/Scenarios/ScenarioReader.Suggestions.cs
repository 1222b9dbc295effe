namespace RiskSim.IO.Scenarios;

// Key suggestions: the nearest known name to a misspelt one.
public sealed partial class ScenarioReader
{
    /// <summary>The allowed key closest to <paramref name="key"/> by edit distance, if close enough.</summary>
    internal static string Nearest(string key, IEnumerable<string> allowed)
    {
        string best = "";
        int bestDistance = int.MaxValue;
        foreach (string candidate in allowed)
        {
            int d = Levenshtein(key, candidate);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.Max(2, key.Length / 3) ? best : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
