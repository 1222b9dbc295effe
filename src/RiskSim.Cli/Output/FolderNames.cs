using System.Text;

namespace RiskSim.Cli.Output;

/// <summary>Folder names for runs, made from scenario file names and variant names that may hold anything.</summary>
public static class FolderNames
{
    /// <summary>Longest name part kept, so that a name with suffixes stays well within file-system limits.</summary>
    public const int MaxPartLength = 80;

    /// <summary>
    /// A name that is always one plain folder name: letters A–Z and a–z, digits, '.', '_' and '-' are kept,
    /// every other character (path separators, control characters, NUL, spaces, non-ASCII) becomes '_', leading
    /// dots become '_' (no hidden folder, never '.' or '..'), an empty name becomes "scenario", and the result is
    /// cut to <see cref="MaxPartLength"/> characters.
    /// </summary>
    public static string Safe(string name)
    {
        var safe = new StringBuilder(Math.Min(name.Length, MaxPartLength));
        foreach (var rune in name.EnumerateRunes())
        {
            if (safe.Length == MaxPartLength)
            {
                break;
            }
            int c = rune.Value;
            // A dot is kept inside a name; a leading one would hide the folder or make '.' or '..'.
            bool kept = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'
                || (c == '.' && safe.Length > 0);
            safe.Append(kept ? (char)c : '_');
        }
        return safe.Length == 0 ? "scenario" : safe.ToString();
    }

    /// <summary>
    /// Folder of a run: the scenario file's name without its extension, plus <c>--&lt;variant&gt;</c> for a
    /// variant, each part made <see cref="Safe"/>.
    /// </summary>
    public static string Run(string scenarioPath, string variant)
    {
        string stem = Safe(Path.GetFileNameWithoutExtension(scenarioPath));
        return variant.Length == 0 ? stem : $"{stem}--{Safe(variant)}";
    }

    /// <summary>
    /// Gives each run a distinct folder name: the first run of a name (in the given order) keeps it, later ones
    /// get <c>-2</c>, <c>-3</c>… (compared without regard to case, for case-insensitive file systems).
    /// </summary>
    public static List<string> Distinct(IEnumerable<string> names)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (string name in names)
        {
            string unique = name;
            for (int n = 2; !taken.Add(unique); n++)
            {
                unique = $"{name}-{n}";
            }
            result.Add(unique);
        }
        return result;
    }
}
