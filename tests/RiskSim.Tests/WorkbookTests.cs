using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ExcelDataReader;
using RiskSim.Charts;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.IO.Results;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>One run of the shared ICT reference scenario with charts, whose results.xlsx the workbook tests read.</summary>
public sealed class WorkbookRunFixture
{
    public const long Trials = 20_000;

    public WorkbookRunFixture()
    {
        Folder = TestPaths.NewTempFolder("xlsx");
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = RunHandler.Execute(new RunOptions(Scenario, Trials, 5, 0, Folder, 0, true, new ChartOptions()), stdout, stderr);
        if (code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"the run failed: {stderr}");
        }
        Book = XlsxRead.Workbook(Path.Combine(Folder, "results.xlsx"));
    }

    public static string Scenario => Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml");

    public string Folder { get; }

    /// <summary>Every sheet of results.xlsx as ExcelDataReader reads it.</summary>
    public IReadOnlyList<XlsxRead.Sheet> Book { get; }
}

/// <summary>
/// results.xlsx and comparison.xlsx read back with libraries other than the one that wrote them (ExcelDataReader for
/// values and number formats, the zip and XML readers of .NET for panes, fonts and pictures, LibreOffice when
/// installed), checked against summary.csv, decision.json, sensitivity.parquet and comparison.csv to full precision.
/// </summary>
public class WorkbookTests(WorkbookRunFixture run) : IClassFixture<WorkbookRunFixture>
{
    private const string Money = "£#,##0;[Red]-£#,##0";

    [Fact]
    public void The_sheets_have_their_fixed_names_in_order()
    {
        Assert.Equal(["Summary", "Years", "Councils", "Risks", "Inputs", "Sensitivity", "Charts"], run.Book.Select(s => s.Name));
    }

    [Fact]
    public void Summary_holds_the_headline_and_every_decision_figure_of_decision_json_to_full_precision()
    {
        var summary = run.Book.Single(s => s.Name == "Summary");
        Assert.StartsWith("There is a", Text(summary.Rows[0][0]), StringComparison.Ordinal);
        Assert.Contains("chance that cumulative net savings reach £600k by the end of 2028/29.", Text(summary.Rows[0][0]), StringComparison.Ordinal);
        var table = summary.Table("Figure");
        var byKey = table.Rows.ToDictionary(r => Text(r["Key"])!, r => r);

        using var decision = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        int figures = 0, intervals = 0;
        // The partners' own figures are on the Councils sheet; sections that are tables of their own (the mitigation
        // values, the plan's standing, a two-outcome split, the precision warnings) are not single figures.
        string[] sections = ["partners.", "mitigation", "plan", "two_outcome", "precision_warnings", "precision_run", "profile", "peak_funding"];
        foreach (var (key, value) in Flatten(decision.RootElement).Where(f => !sections.Any(x => f.Key.StartsWith(x, StringComparison.Ordinal))))
        {
            if (key.EndsWith("_ci95", StringComparison.Ordinal))
            {
                var figure = byKey[key[..^"_ci95".Length]];
                Assert.Equal(value[0].GetDouble(), Assert.IsType<double>(figure["95% interval: low"].Value));
                Assert.Equal(value[1].GetDouble(), Assert.IsType<double>(figure["95% interval: high"].Value));
                intervals++;
                continue;
            }
            Assert.True(byKey.ContainsKey(key), $"decision.json's {key} is not on the Summary sheet");
            var row = byKey[key];
            if (value.ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(value.GetDouble(), Assert.IsType<double>(row["Value"].Value));
            }
            else
            {
                Assert.Equal(value.GetString(), Text(row["Value"]));
            }
            Assert.False(string.IsNullOrWhiteSpace(Text(row["Figure"])));
            figures++;
        }
        Assert.True(figures >= 20, $"only {figures} figures");
        Assert.True(intervals >= 10, $"only {intervals} intervals");
        Assert.Equal(Money, byKey["reserve_90"]["Value"].Format);
        Assert.Equal("0.0%", byKey["p_target_met"]["Value"].Format);
        Assert.Equal("Reserve to be 90% confident of covering the shortfall against the target", Text(byKey["reserve_90"]["Figure"]));
    }

    [Fact]
    public void Years_holds_every_row_of_summary_csv_with_mean_and_percentiles_to_full_precision()
    {
        var years = run.Book.Single(s => s.Name == "Years").Table("Ledger");
        var csv = File.ReadAllLines(Path.Combine(run.Folder, "summary.csv"));
        var header = csv[0].Split(',');
        var rows = csv.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(rows.Count, years.Rows.Count);
        Assert.Contains(rows, r => r["partner"] == "county");
        for (int i = 0; i < rows.Count; i++)
        {
            var expected = rows[i];
            var actual = years.Rows[i];
            Assert.Equal(expected["partner"], Text(actual["Partner"]) ?? "");
            Assert.Equal(expected["metric"], Text(actual["Metric key"]));
            Assert.Equal(expected["year"], actual["Year"].Value is double y ? y.ToString(CultureInfo.InvariantCulture) : "");
            foreach (var (column, stat) in new[] { ("Mean", "mean"), ("P10", "p10"), ("P50", "p50"), ("P90", "p90") })
            {
                double? value = expected[stat].Length == 0 ? null : double.Parse(expected[stat], CultureInfo.InvariantCulture);
                Assert.Equal(value, actual[column].Value as double?);
            }
            if (expected["metric"] == "npv")
            {
                Assert.Equal(Money, actual["Mean"].Format);
            }
        }
        Assert.Equal("2025/26", Text(years.Rows.First(r => r["Year"].Value is 1.0)["Financial year"]));
    }

    [Fact]
    public void Councils_holds_each_partners_own_figures_from_decision_json_and_summary()
    {
        var councils = run.Book.Single(s => s.Name == "Councils").Table("Partner");
        using var decision = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        var partners = decision.RootElement.GetProperty("partners").EnumerateObject().ToList();
        Assert.Equal(partners.Select(p => p.Name), councils.Rows.Select(r => Text(r["Partner"])));
        var npvP50 = File.ReadAllLines(Path.Combine(run.Folder, "summary.csv")).Select(l => l.Split(','))
            .Where(c => c[1] == "npv").ToDictionary(c => c[0], c => double.Parse(c[10], CultureInfo.InvariantCulture));
        foreach (var (partner, row) in partners.Zip(councils.Rows))
        {
            Assert.Equal(partner.Value.GetProperty("p_payback").GetDouble(), row["Chance of payback within the horizon"].Value);
            Assert.Equal(partner.Value.GetProperty("p_npv_negative").GetDouble(), row["Chance NPV is below zero"].Value);
            Assert.Equal(decision.RootElement.GetProperty($"p_{partner.Name}.exit").GetDouble(), row["Chance of leaving within the horizon"].Value);
            Assert.Equal(npvP50[partner.Name], row["NPV P50"].Value);
            Assert.Equal(Money, row["NPV P50"].Format);
            Assert.Equal("0.0%", row["Chance NPV is below zero"].Format);
            var reserve = partner.Value.GetProperty("reserve_90");
            Assert.Equal(reserve.ValueKind == JsonValueKind.Null ? null : reserve.GetDouble(), row["Reserve for 90% confidence"].Value as double?);
        }
    }

    [Fact]
    public void Risks_gives_probability_realised_frequency_and_expected_cost_as_frequency_times_mean_cost()
    {
        var risks = run.Book.Single(s => s.Name == "Risks").Table("Risk");
        using var decision = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        Assert.Equal(["tupe_challenge", "licence", "outage"], risks.Rows.Select(r => Text(r["Risk"])));
        // Mean costs by hand: PERT (20k + 4 × 60k + 200k) / 6, lognormal mean 70k, uniform (10k + 80k) / 2.
        double[] meanCosts = [(20_000 + 4 * 60_000 + 200_000) / 6.0, 70_000, 45_000];
        double[] probabilities = [0.15, 0.3, 0.1];
        for (int i = 0; i < 3; i++)
        {
            var row = risks.Rows[i];
            double frequency = decision.RootElement.GetProperty($"p_{Text(row["Risk"])}.occurred").GetDouble();
            Assert.Equal(probabilities[i], row["Probability"].Value);
            Assert.Equal(frequency, row["Realised frequency"].Value);
            Assert.Equal(meanCosts[i], (double)row["Mean cost if it occurs"].Value!, 1e-6);
            Assert.Equal(frequency * (double)row["Mean cost if it occurs"].Value!, (double)row["Expected cost"].Value!, 1e-6);
            Assert.Equal(Money, row["Expected cost"].Format);
        }
        Assert.Equal("Major outage during cut-over", Text(risks.Rows[2]["Name"]));

        // The quantified register's figures are those of risks.csv, to full precision.
        var csv = File.ReadAllLines(Path.Combine(run.Folder, "risks.csv"));
        var header = csv[0].Split(',');
        for (int i = 0; i < 3; i++)
        {
            var cells = csv[i + 1].Split(',');
            string Csv(string column) => cells[Array.IndexOf(header, column)];
            var row = risks.Rows[i];
            Assert.Equal(Text(row["Risk"]), Csv("id"));
            Assert.Equal(double.Parse(Csv("npv_variance_share"), CultureInfo.InvariantCulture), row["Share of NPV variance"].Value);
            Assert.Equal(double.Parse(Csv("npv_swing"), CultureInfo.InvariantCulture), row["NPV swing (occurs less does not)"].Value);
            Assert.Equal(double.Parse(Csv("mean_npv_impact"), CultureInfo.InvariantCulture), row["Mean NPV lost when it occurs"].Value);
            Assert.StartsWith(Csv("rag_before"), Text(row["Rating before"])!.ToLowerInvariant(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inputs_lists_every_input_as_explain_prints_it_with_mean_p10_and_p90_as_numbers()
    {
        var inputs = run.Book.Single(s => s.Name == "Inputs").Table("Input");
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(ExitCodes.Ok, ExplainCommand.Execute(WorkbookRunFixture.Scenario, stdout, new StringWriter()));
        string explain = stdout.ToString();
        foreach (var row in inputs.Rows)
        {
            string distribution = Text(row["Distribution"])!.Replace(" (fixed)", "", StringComparison.Ordinal);
            Assert.Contains($"  {Text(row["Input"])}: {distribution}", explain, StringComparison.Ordinal);
        }
        // Every input explain lists (its "  name: " lines under "Inputs") is on the sheet.
        int listed = explain.Split('\n').SkipWhile(l => !l.StartsWith("Inputs", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Count();
        Assert.Equal(listed, inputs.Rows.Count);

        // By hand: PERT mean (250k + 4 × 396,874 + 450k) / 6; uniform £5k to £15k has P10 £6k and P90 £14k.
        var saving = inputs.Rows.Single(r => Text(r["Input"]) == "ict.annual_saving");
        Assert.Equal((250_000 + 4 * 396_874 + 450_000) / 6.0, (double)saving["Mean"].Value!, 1e-6);
        Assert.Equal(Money, saving["Mean"].Format);
        var delayCost = inputs.Rows.Single(r => Text(r["Input"]) == "ict.delay_cost_per_month");
        Assert.Equal(6_000, (double)delayCost["P10"].Value!, 1e-6);
        Assert.Equal(14_000, (double)delayCost["P90"].Value!, 1e-6);
        var delay = inputs.Rows.Single(r => Text(r["Input"]) == "ict.delay_months");
        Assert.Equal((0 + 2 + 9) / 3.0, (double)delay["Mean"].Value!, 1e-9);
        Assert.Equal("#,##0.00", delay["Mean"].Format);
    }

    [Fact]
    public void Sensitivity_holds_the_rows_of_sensitivity_parquet()
    {
        var sheet = run.Book.Single(s => s.Name == "Sensitivity").Table("input");
        string file = Path.Combine(run.Folder, "sensitivity.parquet").Replace("'", "''", StringComparison.Ordinal);
        var rows = Duck.Rows($"SELECT input, role, owner, spearman, share FROM read_parquet('{file}')");
        Assert.Equal(rows.Count, sheet.Rows.Count);
        foreach (var (expected, actual) in rows.Zip(sheet.Rows))
        {
            Assert.Equal(expected[0], Text(actual["input"]));
            Assert.Equal(expected[1], Text(actual["role"]));
            Assert.Equal(expected[2], Text(actual["owner"]));
            Assert.Equal(expected[3], actual["spearman"].Value);
            Assert.Equal(expected[4], actual["share"].Value);
        }
        Assert.Equal("0.0%", sheet.Rows[0]["share"].Format);
    }

    [Fact]
    public void Every_table_has_a_bold_frozen_header_and_columns_sized_to_their_content()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(run.Folder, "results.xlsx"));
        var styles = XlsxRead.Xml(zip, "xl/styles.xml");
        var fonts = styles.Descendants(XlsxRead.S + "fonts").Single().Elements(XlsxRead.S + "font").ToList();
        var formats = styles.Descendants(XlsxRead.S + "cellXfs").Single().Elements(XlsxRead.S + "xf").ToList();
        foreach (var (sheet, index) in run.Book.Select((s, i) => (s, i)).Where(x => x.s.Name != "Charts"))
        {
            var xml = XlsxRead.Xml(zip, $"xl/worksheets/sheet{index + 1}.xml");
            int headerRow = sheet.HeaderRow;
            var pane = xml.Descendants(XlsxRead.S + "pane").SingleOrDefault();
            Assert.True(pane is not null, $"{sheet.Name} has no frozen pane");
            Assert.Equal("frozen", (string?)pane.Attribute("state"));
            Assert.Equal(headerRow + 1, (int)pane.Attribute("ySplit")!);
            Assert.Equal($"A{headerRow + 2}", (string?)pane.Attribute("topLeftCell"));

            // The first header cell is bold.
            var cell = xml.Descendants(XlsxRead.S + "c").First(c => (string?)c.Attribute("r") == $"A{headerRow + 1}");
            var font = fonts[(int)formats[(int)cell.Attribute("s")!].Attribute("fontId")!];
            Assert.NotNull(font.Element(XlsxRead.S + "b"));

            // Each column is at least as wide as its longest header or value text (numbers excepted).
            var widths = xml.Descendants(XlsxRead.S + "col").ToDictionary(c => (int)c.Attribute("min")! - 1, c => (double)c.Attribute("width")!);
            var table = sheet.Table(Text(sheet.Rows[headerRow][0])!);
            for (int c = 0; c < table.Columns.Count; c++)
            {
                int longest = table.Rows.Select(r => Text(r[table.Columns[c]])?.Length ?? 0).Append(table.Columns[c].Length).Max();
                Assert.True(widths[c] >= Math.Min(longest, XlsxBook.MaxColumnWidth), $"{sheet.Name} column {table.Columns[c]} is {widths[c]} wide for {longest} characters");
            }
        }
    }

    [Fact]
    public void The_charts_sheet_shows_every_png_the_run_rendered()
    {
        var pngs = Directory.GetFiles(run.Folder, "*.png").Select(File.ReadAllBytes).ToList();
        Assert.True(pngs.Count >= 5, $"{pngs.Count} charts");
        using var zip = ZipFile.OpenRead(Path.Combine(run.Folder, "results.xlsx"));
        var media = zip.Entries.Where(e => e.FullName.StartsWith("xl/media/", StringComparison.Ordinal)).Select(XlsxRead.Bytes).ToList();
        Assert.Equal(pngs.Count, media.Count);
        foreach (var png in pngs)
        {
            Assert.Contains(media, m => m.AsSpan().SequenceEqual(png));
        }
        var drawing = XlsxRead.Xml(zip, "xl/drawings/drawing1.xml");
        XNamespace xdr = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
        Assert.Equal(pngs.Count, drawing.Descendants(xdr + "pic").Count());
        var charts = run.Book.Single(s => s.Name == "Charts");
        Assert.Contains(charts.Rows, r => Text(r.ElementAtOrDefault(0))?.EndsWith("(fan.png)", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Without_charts_or_partner_ledgers_there_is_no_charts_or_councils_sheet_and_no_target_is_said_plainly()
    {
        string folder = TestPaths.NewTempFolder("xlsx-plain");
        string scenario = Path.Combine(folder, "no-target.yaml");
        File.WriteAllText(scenario, """
            name: One council alone
            start_year: 2025
            horizon_years: 4
            partners:
              - id: county
                share: 1
            workstreams:
              - id: ict
                annual_saving: { pert: [100000, 150000, 200000] }
                implementation_cost: 120000
            risks:
              - id: outage
                probability: 0.2
                year: 1
                cost: 30000
            """);
        var parsed = ScenarioReader.ReadFile(scenario);
        Assert.Null(parsed.Target);
        Assert.Single(parsed.Partners);
        var outcome = RunCommandTests.Run(scenario, Path.Combine(folder, "out"), 5_000, trialsOut: 0);
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        var book = XlsxRead.Workbook(Path.Combine(folder, "out", "results.xlsx"));
        Assert.Equal(["Summary", "Years", "Risks", "Inputs", "Sensitivity"], book.Select(s => s.Name));
        var summary = book[0].Table("Figure").Rows.ToDictionary(r => Text(r["Key"])!, r => r);
        Assert.Null(summary["target"]["Value"].Value);
        Assert.StartsWith("Savings target: none set", Text(summary["target"]["Figure"]), StringComparison.Ordinal);
        Assert.DoesNotContain("reserve_90", summary.Keys);
        Assert.Equal("The scenario sets no savings target, so no reserve is calculated.", Text(book[0].Rows[0][0]));

        // A fixed input and a fixed risk cost: the expected cost is the realised frequency times £30k.
        var cost = book.Single(s => s.Name == "Inputs").Table("Input").Rows.Single(r => Text(r["Input"]) == "ict.implementation_cost");
        Assert.Equal("£120k (fixed)", Text(cost["Distribution"]));
        Assert.Equal(120_000.0, cost["Mean"].Value);
        var outage = Assert.Single(book.Single(s => s.Name == "Risks").Table("Risk").Rows);
        Assert.Equal((double)summary["p_outage.occurred"]["Value"].Value! * 30_000, outage["Expected cost"].Value);
    }

    [Fact]
    public void Two_runs_with_the_same_seed_write_the_same_workbook_bytes_and_another_seed_does_not()
    {
        string folder = TestPaths.NewTempFolder("xlsx-seed");
        byte[] Workbook(string name, ulong seed)
        {
            var outcome = RunCommandTests.Run(WorkbookRunFixture.Scenario, Path.Combine(folder, name), 10_000, seed: seed, trialsOut: 0);
            Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
            return File.ReadAllBytes(Path.Combine(folder, name, "results.xlsx"));
        }
        byte[] first = Workbook("a", 9);
        Assert.True(first.AsSpan().SequenceEqual(Workbook("b", 9)), "the same seed wrote different results.xlsx bytes");
        Assert.False(first.AsSpan().SequenceEqual(Workbook("c", 10)), "another seed wrote the same results.xlsx");
        using var zip = new ZipArchive(new MemoryStream(first));
        Assert.All(zip.Entries, e => Assert.Equal(XlsxBook.EntryTime.DateTime, e.LastWriteTime.DateTime));
    }

    [Fact]
    public void A_batch_writes_comparison_xlsx_with_the_rows_of_comparison_csv_and_its_chart()
    {
        string input = TestPaths.NewTempFolder("xlsx-batch-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "a-simple.yaml"));
        File.Copy(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"), Path.Combine(input, "b-ict.yaml"));
        string output = TestPaths.NewTempFolder("xlsx-batch-out");
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = BatchRunner.Execute(new BatchOptions([input], output, 5_000, 7, 0, false, true, Quiet: true), new StringWriter(), stderr);
        Assert.True(code == ExitCodes.Ok, stderr.ToString());

        var book = XlsxRead.Workbook(Path.Combine(output, "comparison.xlsx"));
        Assert.Equal(["Comparison", "Chart"], book.Select(s => s.Name));
        var table = book[0].Table("partner");
        var csv = BatchTests.ReadAllCsv(Path.Combine(output, "comparison.csv"));
        Assert.Equal(ComparisonFiles.Columns, table.Columns);
        Assert.Equal(csv.Count, table.Rows.Count);
        Assert.True(csv.Count > 2, "the shared ICT run adds one row per partner");
        foreach (var (expected, actual) in csv.Zip(table.Rows))
        {
            foreach (string column in ComparisonFiles.Columns)
            {
                object? value = actual[column].Value;
                string shown = value switch
                {
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    null => "",
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                };
                Assert.True(expected[column] == shown, $"{column}: comparison.csv has '{expected[column]}', comparison.xlsx '{shown}'");
            }
            Assert.Equal(Money, actual["reserve_90"].Format);
            Assert.Equal("0.0%", actual["p_target_met"].Format);
        }
        using var zip = ZipFile.OpenRead(Path.Combine(output, "comparison.xlsx"));
        var media = zip.Entries.Single(e => e.FullName.StartsWith("xl/media/", StringComparison.Ordinal));
        Assert.True(XlsxRead.Bytes(media).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, "comparison.png"))));
    }

    [Fact]
    public void Control_characters_and_text_that_looks_like_an_escape_read_back_as_written()
    {
        string path = Path.Combine(TestPaths.NewTempFolder("xlsx-escape"), "escape.xlsx");
        string[] texts = ["bell \u0007 escape \u001B end", "literal _x0041_ stays", "tab\tand newline\n", "£ ünïcode 🙂"];
        var book = new XlsxBook();
        book.AddSheet("Text").Table([new XlsxColumn<string>("text", t => XlsxCell.Of(t))], texts);
        book.Save(path);
        var sheet = Assert.Single(XlsxRead.Workbook(path));
        Assert.Equal(texts, sheet.Table("text").Rows.Select(r => Text(r["text"])));
    }

    [SkippableFact]
    public void LibreOffice_opens_results_xlsx_and_reads_the_same_reserve_as_decision_json()
    {
        string? soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice" }.FirstOrDefault(File.Exists);
        Skip.If(soffice is null, "LibreOffice (soffice) is not installed, so results.xlsx was not opened in it; .ci/run installs it "
            + "(apt-get install libreoffice-calc-nogui), and on a developer machine: sudo apt-get install libreoffice-calc-nogui");
        string folder = TestPaths.NewTempFolder("xlsx-soffice");
        string profile = TestPaths.NewTempFolder("soffice-profile");
        var psi = new System.Diagnostics.ProcessStartInfo(soffice!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The Summary sheet (the first) as UTF-8 CSV, numbers at full precision.
        foreach (string argument in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false", "--outdir", folder, Path.Combine(run.Folder, "results.xlsx") })
        {
            psi.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(psi)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "soffice did not finish in 2 minutes");
        string csv = Path.Combine(folder, "results.csv");
        Assert.True(process.ExitCode == 0 && File.Exists(csv), $"soffice failed ({process.ExitCode}): {stdout} {stderr}");

        using var decision = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("There is a", lines[0], StringComparison.Ordinal);
        foreach (string key in new[] { "reserve_90", "p_payback_within_horizon", "cumulative_at_target_year_p10" })
        {
            string line = lines.Single(l => l.EndsWith("," + key, StringComparison.Ordinal));
            // Figure, Value, 95% interval low and high, Key: the value is the fourth cell from the end (a figure may hold commas).
            string[] cells = line.Split(',');
            double value = double.Parse(cells[^4].TrimEnd('%'), CultureInfo.InvariantCulture) / (cells[^4].EndsWith('%') ? 100 : 1);
            double expected = decision.RootElement.GetProperty(key).GetDouble();
            // LibreOffice writes 15 significant digits.
            Assert.True(Math.Abs(value - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{key}: LibreOffice read {cells[^4]}, decision.json has {expected}");
        }
    }

    private static string? Text(XlsxRead.Cell? value) => value?.Value as string;

    // decision.json's figures as (dotted key, value); objects are descended into, nulls left out.
    private static IEnumerable<(string Key, JsonElement Value)> Flatten(JsonElement element, string prefix = "")
    {
        foreach (var property in element.EnumerateObject())
        {
            string key = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in Flatten(property.Value, key + "."))
                {
                    yield return inner;
                }
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                yield return (key, property.Value);
            }
        }
    }
}

/// <summary>Reads a workbook with ExcelDataReader (not the library that wrote it) and its parts with .NET's zip and XML readers.</summary>
public static class XlsxRead
{
    public static readonly XNamespace S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A cell's value (string, double or null) and its number format.</summary>
    public sealed record Cell(object? Value, string Format);

    /// <summary>A sheet: its name and rows of cells.</summary>
    public sealed record Sheet(string Name, IReadOnlyList<Cell[]> Rows)
    {
        /// <summary>Index of the row whose first cell is the table's first header.</summary>
        public int HeaderRow => Rows.Select((r, i) => (r, i)).First(x => x.r.Length > 1 && x.r[1].Value is string && x.r.All(c => c.Value is null or string)).i;

        /// <summary>The table whose header row starts with <paramref name="firstHeader"/>: rows by column name.</summary>
        public (IReadOnlyList<string> Columns, IReadOnlyList<Dictionary<string, Cell>> Rows) Table(string firstHeader)
        {
            int header = Rows.Select((r, i) => (r, i)).First(x => x.r.Length > 0 && x.r[0].Value as string == firstHeader).i;
            var columns = Rows[header].TakeWhile(c => c.Value is string).Select(c => (string)c.Value!).ToList();
            var rows = Rows.Skip(header + 1).Where(r => r.Any(c => c.Value is not null))
                .Select(r => columns.Select((c, i) => (c, v: i < r.Length ? r[i] : new Cell(null, ""))).ToDictionary(x => x.c, x => x.v)).ToList();
            return (columns, rows);
        }
    }

    public static IReadOnlyList<Sheet> Workbook(string path)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var sheets = new List<Sheet>();
        do
        {
            var rows = new List<Cell[]>();
            while (reader.Read())
            {
                var row = new Cell[reader.FieldCount];
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = new Cell(reader.GetValue(i), reader.GetNumberFormatString(i) ?? "");
                }
                rows.Add(row);
            }
            sheets.Add(new Sheet(reader.Name, rows));
        }
        while (reader.NextResult());
        return sheets;
    }

    public static XDocument Xml(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)!.Open();
        return XDocument.Load(stream);
    }

    public static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
