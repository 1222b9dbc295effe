using System.Xml.Linq;

namespace RiskSim.Charts.Tests;

/// <summary>
/// Charts have text on a machine with no fonts installed.
/// </summary>
/// <remarks>
/// How: this test assembly is run as a program (<see cref="Program"/>) in a child process whose view of
/// <c>/usr/share/fonts</c> (the only place SkiaSharp's Linux build looks; it does not use fontconfig) is an empty
/// tmpfs, mounted in a private mount namespace made by <c>unshare --mount</c> (root, as in CI). The child reports
/// how many font families it can see (must be 0) and draws a control plot that asks for a system font (must have
/// no text: the failure the shipped font prevents) and the run's charts (must have text).
/// </remarks>
public sealed class NoSystemFontsTests
{
    [Fact]
    public async Task Charts_have_text_when_no_system_font_is_visible()
    {
        string output = TestPaths.NewTempFolder("no-fonts");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        string assembly = typeof(Program).Assembly.Location;
        string script = "mount -t tmpfs -o size=1m risksim-no-fonts /usr/share/fonts && exec \"$0\" \"$@\"";
        var run = await ChildProcess.RunAsync("unshare",
            ["--mount", "--propagation", "private", "sh", "-c", script, dotnet, assembly, "render-charts", TestRuns.IctScenario, output],
            TimeSpan.FromMinutes(2),
            "this test hides the system fonts with 'unshare --mount' (util-linux, run as root as in CI)");

        Assert.True(run.ExitCode == 0, $"the child process failed; 'unshare --mount' and 'mount -t tmpfs' need root, as in CI.\n{run}");
        Assert.Contains("system-font-families=0", run.Stdout, StringComparison.Ordinal);

        // The control proves the child saw no fonts: a plot asking for a system font has no title text.
        using (var control = PngImage.Load(Path.Combine(output, "control.png")))
        {
            // No title above the frame and no tick labels left of it (the frame and ticks start about 40 px in).
            Assert.Equal(0, control.DarkPixels(0, 30));
            Assert.Equal(0, control.DarkPixels(0, control.Height, 0, 25));
        }
        foreach (string file in new[] { "fan.png", "annual.png", "npv.png", "tornado.png", "target.png", "partners.png" })
        {
            using var png = PngImage.Load(Path.Combine(output, file));
            Assert.Equal((1600, 900), (png.Width, png.Height));
            ChartImageTests.AssertTitleAndFooterHaveText(png, file + " without system fonts");
            var svg = XDocument.Load(Path.Combine(output, Path.ChangeExtension(file, ".svg")));
            Assert.Contains(svg.Descendants("{http://www.w3.org/2000/svg}text"), t => t.Value.Contains("trials", StringComparison.Ordinal));
        }
    }
}
