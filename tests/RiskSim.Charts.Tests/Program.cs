using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;
using SkiaSharp;

namespace RiskSim.Charts.Tests;

/// <summary>
/// Entry point when this test assembly runs as a program: <c>render-charts &lt;scenario&gt; &lt;folder&gt;</c> draws a
/// run's charts into a folder. <see cref="NoSystemFontsTests"/> runs it in a child process that sees no system fonts.
/// </summary>
public static class Program
{
    /// <summary>Runs the command; 0 on success.</summary>
    public static int Main(string[] args)
    {
        if (args.Length != 3 || args[0] != "render-charts")
        {
            Console.Error.WriteLine("usage: RiskSim.Charts.Tests render-charts <scenario.yaml> <output-folder>");
            return 2;
        }
        string folder = args[2];
        Directory.CreateDirectory(folder);
        // What the process can see of the machine's fonts, for the parent to check the isolation worked.
        // (Skia's font manager reports one nameless, empty family when it finds no font files.)
        var families = SKFontManager.Default.FontFamilies.Where(f => f.Length > 0).ToList();
        Console.WriteLine("system-font-families=" + families.Count.ToString(CultureInfo.InvariantCulture) + " " + string.Join(", ", families));

        // Control: a plot asking for an installed font by name, as ScottPlot does by default.
        using (var control = new ScottPlot.Plot())
        {
            control.Title("Control title drawn with a system font", 19);
            control.Axes.Title.Label.FontName = "DejaVu Sans";
            control.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 1, 4, 9 });
            control.ScaleFactor = 2;
            control.SavePng(Path.Combine(folder, "control.png"), 1600, 900);
        }

        var result = Simulation.Run(ScenarioReader.ReadFile(args[1]), new SimulationOptions(2_000, 3));
        var charts = ChartSet.Render(result, new ChartOptions(Svg: true));
        foreach (var chart in charts.Charts)
        {
            File.WriteAllBytes(Path.Combine(folder, chart.FileName), chart.Png);
            File.WriteAllText(Path.Combine(folder, chart.SvgFileName), chart.Svg);
        }
        Console.WriteLine("charts=" + string.Join(",", charts.Charts.Select(c => c.FileName)));
        return 0;
    }
}
