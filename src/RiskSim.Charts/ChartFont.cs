using ScottPlot;

namespace RiskSim.Charts;

/// <summary>
/// The font every chart is drawn in: DejaVu Sans, shipped with RiskSim in <c>Fonts/</c> next to the program
/// and registered with ScottPlot under a family name of its own.
/// </summary>
/// <remarks>
/// ScottPlot looks fonts up among the installed system fonts first; on a machine with none it draws no text
/// at all and raises no error. Registering the shipped file under a name no system font has
/// (<see cref="Family"/>) means every chart uses exactly that file, on every machine, whatever is installed.
/// Registration is process-wide and idempotent; it is thread safe.
/// </remarks>
public static class ChartFont
{
    /// <summary>The family name the shipped font is registered under (never an installed font's name).</summary>
    public const string Family = "RiskSim DejaVu Sans";

    /// <summary>File name of the regular weight, in the <c>Fonts</c> folder next to the program.</summary>
    public const string RegularFile = "DejaVuSans.ttf";

    /// <summary>File name of the bold weight.</summary>
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The folder the shipped fonts are read from.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fonts");

    /// <summary>
    /// Registers the shipped font with ScottPlot and makes it the default for new plots. Call before
    /// creating a <see cref="Plot"/>: plots take the default font name when they are created.
    /// </summary>
    /// <exception cref="FileNotFoundException">The font files are missing from <see cref="Folder"/>.</exception>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }
            string regular = Path.Combine(Folder, RegularFile);
            string bold = Path.Combine(Folder, BoldFile);
            foreach (string file in new[] { regular, bold })
            {
                if (!File.Exists(file))
                {
                    throw new FileNotFoundException(
                        $"the chart font {file} is missing; RiskSim ships it next to the program (reinstall or rebuild)", file);
                }
            }
            Fonts.AddFontFile(Family, regular, bold: false, italic: false);
            Fonts.AddFontFile(Family, bold, bold: true, italic: false);
            Fonts.Default = Family;
            Fonts.Sans = Family;
            _registered = true;
        }
    }
}
