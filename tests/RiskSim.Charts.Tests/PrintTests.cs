using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskSim.Charts.Report;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.Core.Engine;

namespace RiskSim.Charts.Tests;

/// <summary>
/// <c>report.html</c> printed on A4 by headless Chromium: a summary of at most two pages, the detail from a new
/// page, the protective marking and page numbers in every page's margins, and no local folder anywhere.
/// </summary>
public sealed class PrintTests
{
    // Hides one part of the report when printed, to measure how many pages the other part takes.
    private const string HideSummary = "<style>@media print { #summary { display: none !important; } }</style>\n</head>";
    private const string HideDetails = "<style>@media print { #details { display: none !important; } }</style>\n</head>";

    public static TheoryData<string> Runs => new() { "ict", "plain", "ledger" };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task The_summary_takes_at_most_two_pages_and_the_detail_starts_on_the_next(string name)
    {
        var (result, charts) = name switch
        {
            "ict" => (TestRuns.Ict, TestRuns.IctChartSet),
            "plain" => (TestRuns.Plain, ChartSet.Render(TestRuns.Plain, new ChartOptions())),
            _ => (TestRuns.Ledger, ChartSet.Render(TestRuns.Ledger, new ChartOptions())),
        };
        string chromium = Browser.Find();
        string folder = TestPaths.NewTempFolder("print-" + name);
        string html = HtmlReport.Build(result, charts, ReportTests.Provenance with { Marking = ProtectiveMarking.Official });

        int whole = await PrintedPages(chromium, folder, "whole", html);
        int summary = await PrintedPages(chromium, folder, "summary", html.Replace("</head>", HideDetails, StringComparison.Ordinal));
        int details = await PrintedPages(chromium, folder, "details", html.Replace("</head>", HideSummary, StringComparison.Ordinal));

        Assert.InRange(summary, 1, 2);
        Assert.True(details >= 2, $"the detail printed on {details} page(s)");
        // The detail starts on a page of its own, straight after the summary's last page.
        Assert.Equal(summary + details, whole);
    }

    [Fact]
    public async Task A_run_with_a_marking_prints_it_at_the_top_and_bottom_of_every_page_with_page_numbers_and_the_run_date()
    {
        string chromium = Browser.Find();
        // The scenario and the output deep inside folders whose names must not reach the report.
        string root = TestPaths.NewTempFolder("print-paths");
        string scenarioFolder = Path.Combine(root, "Finance Team", "Private workings", "2025-26 shared ICT");
        Directory.CreateDirectory(scenarioFolder);
        string scenario = Path.Combine(scenarioFolder, "worcestershire-shared-ict.yaml");
        File.Copy(TestRuns.IctScenario, scenario);
        string output = Path.Combine(root, "Committee papers", "March", "ict-run");

        var options = Parse("run", scenario, "-n", "4000", "-o", output, "-q", "--marking", "official-sensitive");
        Assert.Equal(ProtectiveMarking.OfficialSensitive, options.Marking);
        var stderr = new StringWriter();
        Assert.True(RunHandler.Execute(options, new StringWriter(), stderr) == ExitCodes.Ok, stderr.ToString());

        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        Assert.Equal("OFFICIAL-SENSITIVE", run.RootElement.GetProperty("protective_marking").GetString());
        var started = DateTimeOffset.Parse(run.RootElement.GetProperty("started_utc").GetString()!, CultureInfo.InvariantCulture);
        string runDate = started.ToUniversalTime().ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

        string report = Path.Combine(output, ReportWriter.ReportFile);
        string html = File.ReadAllText(report);
        Assert.Contains("<p class=\"marking\">OFFICIAL-SENSITIVE</p>", html, StringComparison.Ordinal);
        Assert.Contains("<code>worcestershire-shared-ict.yaml</code>", html, StringComparison.Ordinal);
        AssertNoFolder(html, root, scenarioFolder, output);

        string pdf = Path.Combine(root, "report.pdf");
        await Browser.PrintToPdfAsync(chromium, report, pdf);
        var pages = await PdfText.PagesAsync(pdf);
        Assert.Equal(PdfText.PageCount(pdf), pages.Count);
        Assert.True(pages.Count >= 4, $"{pages.Count} pages");
        for (int i = 0; i < pages.Count; i++)
        {
            var lines = pages[i].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            Assert.True(lines[0] == "OFFICIAL-SENSITIVE", $"page {i + 1} starts with '{lines[0]}'");
            Assert.Matches($"^RiskSim risk report · run {runDate} +OFFICIAL-SENSITIVE +Page {i + 1} of {pages.Count}$", lines[^1]);
        }
        // The page furniture and the text come from the report, not from the browser's own header and footer.
        string text = string.Join("\n", pages);
        Assert.DoesNotContain("file://", text, StringComparison.Ordinal);
        AssertNoFolder(text, root, scenarioFolder, output);
        Assert.Contains("Top risks", string.Join("\n", pages.Take(2)), StringComparison.Ordinal);
        Assert.DoesNotContain("Figure 2.", string.Join("\n", pages.Take(2)), StringComparison.Ordinal);

        // A look at the first two pages for whoever reads the test artefacts.
        File.Copy(pdf, Path.Combine(TestPaths.Artefacts, "report-print.pdf"), overwrite: true);
    }

    [Fact]
    public async Task Without_a_marking_no_page_carries_one_and_run_json_records_none()
    {
        string chromium = Browser.Find();
        string output = TestPaths.NewTempFolder("print-unmarked");
        var options = Parse("run", TestRuns.WritePlainScenario(), "-n", "2000", "-o", output, "-q");
        Assert.Null(options.Marking);
        Assert.Equal(ExitCodes.Ok, RunHandler.Execute(options, new StringWriter(), new StringWriter()));

        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        Assert.Equal(JsonValueKind.Null, run.RootElement.GetProperty("protective_marking").ValueKind);
        string report = Path.Combine(output, ReportWriter.ReportFile);
        Assert.DoesNotContain("OFFICIAL", File.ReadAllText(report), StringComparison.Ordinal);

        string pdf = Path.Combine(output, "report.pdf");
        await Browser.PrintToPdfAsync(chromium, report, pdf);
        var pages = await PdfText.PagesAsync(pdf);
        Assert.All(pages, p => Assert.DoesNotContain("OFFICIAL", p, StringComparison.Ordinal));
        Assert.Contains($"Page {pages.Count} of {pages.Count}", pages[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OFFICIAL", "OFFICIAL")]
    [InlineData("official", "OFFICIAL")]
    [InlineData(" Official-Sensitive ", "OFFICIAL-SENSITIVE")]
    [InlineData("OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE")]
    [InlineData("official_sensitive", "OFFICIAL-SENSITIVE")]
    [InlineData("SECRET", null)]
    [InlineData("TOP SECRET", null)]
    [InlineData("CONFIDENTIAL", null)]
    [InlineData("OFICIAL", null)]
    [InlineData("OFFICIAL-SENSITIVE COMMERCIAL", null)]
    [InlineData("", null)]
    public void Only_the_two_official_markings_are_accepted(string text, string? expected) =>
        Assert.Equal(expected, ProtectiveMarking.Parse(text));

    [Fact]
    public void The_command_line_refuses_any_other_marking_with_a_clear_message()
    {
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Build((_, _) => 0));
        var parse = root.Parse(["run", TestRuns.IctScenario, "--marking", "SECRET"]);
        var error = Assert.Single(parse.Errors);
        Assert.Equal("--marking must be OFFICIAL or OFFICIAL-SENSITIVE, not 'SECRET'", error.Message);
    }

    [Theory]
    [InlineData("OFFICIAL", "\"OFFICIAL\"")]
    [InlineData("a\"b", "\"a\\000022 b\"")]
    [InlineData("x\\y", "\"x\\00005C y\"")]
    [InlineData("</style>", "\"\\00003C \\00002F style\\00003E \"")]
    [InlineData("2 · £", "\"2 \\0000B7  \\0000A3 \"")]
    public void Margin_text_is_a_css_string_that_nothing_can_end(string text, string css) =>
        Assert.Equal(css, HtmlReport.CssString(text));

    private static void AssertNoFolder(string text, params string[] folders)
    {
        foreach (string folder in folders)
        {
            Assert.DoesNotContain(folder, text, StringComparison.Ordinal);
        }
        // Nor the name of any folder the test made on the way.
        foreach (string part in new[] { "Finance Team", "Private workings", "2025-26 shared ICT", "Committee papers", "ict-run" })
        {
            Assert.DoesNotContain(part, text, StringComparison.Ordinal);
        }
    }

    private static async Task<int> PrintedPages(string chromium, string folder, string name, string html)
    {
        string page = Path.Combine(folder, name + ".html");
        File.WriteAllText(page, html);
        string pdf = Path.Combine(folder, name + ".pdf");
        await Browser.PrintToPdfAsync(chromium, page, pdf);
        return PdfText.PageCount(pdf);
    }

    private static RunOptions Parse(params string[] args)
    {
        RunOptions? captured = null;
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Build((o, _) =>
        {
            captured = o;
            return 0;
        }));
        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        Assert.Equal(0, parse.Invoke());
        return Assert.IsType<RunOptions>(captured);
    }
}
