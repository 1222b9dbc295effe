using System.Text.RegularExpressions;
using System.Xml.Linq;
using RiskSim.Charts.Rendering;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.IO.Results;

namespace RiskSim.Charts.Tests;

/// <summary>
/// The chart files: each exists under its final name, decodes as a PNG of the stated size, is not blank, has text
/// in its title and footer bands, and its SVG holds the same text as text elements.
/// </summary>
public sealed partial class ChartImageTests
{
    private static readonly string[] ChartFiles = ["fan.png", "annual.png", "npv.png", "tornado.png", "target.png", "spider.png", "scatter.png", "partners.png", "councils.png", "risk-matrix.png"];

    [Fact]
    public void Every_chart_and_the_report_are_written_under_their_final_names_only_on_commit()
    {
        string output = TestPaths.NewTempFolder("charts");
        var options = new ChartOptions(Svg: true);
        var provenance = new RunProvenance("ict.yaml", new string('0', 64), "9.9.9", DateTimeOffset.UnixEpoch);
        ReportFiles written;
        using (var folder = OutputFolder.Open(output))
        {
            written = ReportWriter.Write(TestRuns.Ict, folder.Stage, options, provenance);
            // Before the commit nothing carries a final name.
            Assert.All(Directory.GetFiles(output), f => Assert.StartsWith(".", Path.GetFileName(f), StringComparison.Ordinal));
            folder.Commit();
        }

        string[] expected = [.. ChartFiles.SelectMany(f => new[] { f, Path.ChangeExtension(f, ".svg") }), "report.html"];
        Assert.Equal(expected, written.Files);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(output).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Empty(written.Notes);
        foreach (string file in ChartFiles)
        {
            using var png = PngImage.Load(Path.Combine(output, file));
            Assert.Equal((1600, 900), (png.Width, png.Height));
        }
    }

    [Theory]
    [InlineData("fan.png")]
    [InlineData("annual.png")]
    [InlineData("npv.png")]
    [InlineData("tornado.png")]
    [InlineData("spider.png")]
    [InlineData("scatter.png")]
    [InlineData("target.png")]
    [InlineData("partners.png")]
    public void Chart_is_a_1600_by_900_png_with_colour_and_text(string file)
    {
        var chart = TestRuns.IctChartSet.Charts.Single(c => c.FileName == file);
        using var png = PngImage.Decode(chart.Png);

        Assert.Equal(1600, png.Width);
        Assert.Equal(900, png.Height);
        // A blank or single-colour image has a handful of colours; a chart with bands, lines and anti-aliased text has hundreds.
        Assert.True(png.DistinctColours() >= 100, $"{file}: only {png.DistinctColours()} distinct colours");
        AssertTitleAndFooterHaveText(png, file);
    }

    [Fact]
    public void Svg_charts_carry_their_text_as_text_elements_in_the_shipped_font()
    {
        foreach (var chart in TestRuns.IctChartSet.Charts)
        {
            var svg = XDocument.Parse(Assert.IsType<string>(chart.Svg));
            XNamespace ns = "http://www.w3.org/2000/svg";
            var texts = svg.Descendants(ns + "text").ToList();
            Assert.True(texts.Count >= 10, $"{chart.FileName}: {texts.Count} text elements");
            Assert.All(texts, t => Assert.Equal("DejaVu Sans", (string?)t.Attribute("font-family")));
            Assert.DoesNotContain("#FE01", chart.Svg, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("1600", (string?)svg.Root!.Attribute("width"));
            Assert.Equal("900", (string?)svg.Root!.Attribute("height"));
        }
    }

    [Fact]
    public void Svg_keeps_dashed_and_dotted_lines()
    {
        string fan = TestRuns.IctChartSet.Charts.Single(c => c.FileName == "fan.png").Svg!;

        // The plan (dashed, vermillion) and the target line (dotted).
        Assert.Contains("stroke=\"#D55E00\" stroke-dasharray=\"10 10\"", fan, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray=\"3 5\"", fan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(127, 800, 450)]
    [InlineData(300, 1890, 1063)]
    [InlineData(72, 454, 255)]
    public void Dpi_scales_the_image_for_16_cm(int dpi, int width, int height)
    {
        var options = new ChartOptions(Dpi: dpi);
        Assert.Equal((width, height), (options.PixelWidth, options.PixelHeight));

        using var plot = FanChart.Build(Data.FanChartData.CumulativeNetSavings(TestRuns.Ict));
        using var png = PngImage.Decode(ChartCanvas.Png(plot, ChartSet.Footer(TestRuns.Ict), options));
        Assert.Equal((width, height), (png.Width, png.Height));
        AssertTitleAndFooterHaveText(png, $"fan at {dpi} dpi");
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var again = ChartSet.Render(TestRuns.Ict, new ChartOptions(Svg: true));
        foreach (var (a, b) in TestRuns.IctChartSet.Charts.Zip(again.Charts))
        {
            Assert.True(a.Png.AsSpan().SequenceEqual(b.Png), $"{a.FileName} differs between two renderings");
            // Skia numbers SVG clip paths with a process-wide counter; everything else must match.
            Assert.Equal(ClipIds().Replace(a.Svg!, "cl_N"), ClipIds().Replace(b.Svg!, "cl_N"));
        }
    }

    [Fact]
    public void The_footer_names_scenario_trials_and_seed()
    {
        Assert.Equal("Worcestershire shared ICT service (four councils) · 20,000 trials · seed 7", ChartSet.Footer(TestRuns.Ict));
        Assert.All(TestRuns.IctChartSet.Charts, c => Assert.Contains("20,000 trials · seed 7", c.Svg, StringComparison.Ordinal));
    }

    /// <summary>
    /// The title band (top 40 layout units) and the footer band (bottom 24) hold only text on white, so dark
    /// pixels there are glyphs. Without a usable font ScottPlot draws none and raises no error.
    /// </summary>
    internal static void AssertTitleAndFooterHaveText(PngImage png, string what)
    {
        double scale = png.Width / (double)ChartOptions.LayoutWidth;
        int title = png.DarkPixels(0, (int)(40 * scale));
        int footer = png.DarkPixels(png.Height - (int)(ChartCanvas.FooterHeight * scale) + (int)(4 * scale), png.Height);
        Assert.True(title > 200 * scale * scale, $"{what}: no title text ({title} dark pixels in the title band)");
        Assert.True(footer > 100 * scale * scale, $"{what}: no footer text ({footer} dark pixels in the footer band)");
    }

    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipIds();
}
