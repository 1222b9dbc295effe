using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Risk registers kept in Excel or CSV (<c>risks_from</c>): read into the same scenario as the equivalent YAML,
/// every problem named by its cell, and the template that <c>risksim register template</c> writes.
/// </summary>
public class RegisterTests
{
    private const string Head = """
        name: Register round trip
        start_year: 2026
        horizon_years: 5
        simulation: { trials: 4000, seed: 3 }
        partners:
          - { id: county, share: 0.6, withdrawal: { annual_probability: 0.05 } }
          - { id: city, share: 0.4 }
        workstreams:
          - { id: ict, annual_saving: { pert: [200k, 300k, 400k] }, go_live_month: 6, delay_months: { triangular: [0, 2, 6] } }
          - { id: hr, annual_saving: { uniform: [50k, 150k] }, go_live_month: 12 }

        """;

    // The register's rows as YAML: scores mapped through the default bands (3 → 0.35), a blank year as the whole
    // horizon, "ict; hr" as one delay to each, the owner, mitigation and source columns as their keys.
    private const string RisksYaml = """
        risks:
          - id: r_01
            name: Supplier exit
            owner: Head of ICT
            probability: 0.15
            year: [2, 3]
            cost: { pert: [40000, 50000, 80000] }
            delay_months: { ict: { pert: [1, 2, 4] } }
            mitigation: { action: Extend the contract, cost: 10000, probability: 0.05, cost_after: { pert: [20000, 25000, 40000] } }
            source: Contract register, 2011
          - id: r02
            name: Data loss
            probability: 0.35
            year: 1
            cost: 20000
          - id: r03
            name: TUPE challenge
            probability: 0.12
            year: [1, 5]
            delay_months: { ict: { pert: [0, 1, 3] }, hr: { pert: [0, 1, 3] } }

        """;

    private static readonly string[] Headers =
    [
        "Ref", "Risk title", "Notes", "likelihood", "Probability %", "YEAR", "Cost Min", "cost most likely", "Cost max",
        "Affected workstream", "Delay min", "Delay likely", "Delay max", "Risk owner", "Mitigation action", "Mitigation cost",
        "Residual probability", "Cost after min", "Cost after likely", "Cost after max", "Source",
    ];

    // Numbers as numbers where a spreadsheet would hold them, text where people type it ("50k", "£80,000", "5%").
    private static readonly object?[][] Rows =
    [
        ["R-01", "Supplier exit", "extra column", null, 0.15, "2-3", 40000.0, "50k", "£80,000", "ict", 1.0, 2.0, 4.0,
            "Head of ICT", "Extend the contract", "10k", "5%", 20000.0, 25000.0, 40000.0, "Contract register, 2011"],
        [null, null, "a note in a column RiskSim does not read", null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null],
        ["R02", "Data loss", null, 3.0, null, 1.0, null, "20k", null, null, null, null, null, null, null, null, null, null, null, null, null],
        [],
        ["R03", "TUPE challenge", null, null, "12%", null, null, null, null, "ict; hr", 0.0, 1.0, 3.0, null, null, null, null, null, null, null, null],
    ];

    private static string Folder(string name) => TestPaths.NewTempFolder("register-" + name);

    private static string Explain(string scenario)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = ExplainCommand.Execute(scenario, stdout, stderr);
        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        return stdout.ToString();
    }

    [Fact]
    public void A_register_in_xlsx_and_in_csv_gives_the_same_scenario_explanation_and_result_files_as_the_yaml()
    {
        string folder = Folder("equivalent");
        string yaml = Path.Combine(folder, "inline.yaml");
        File.WriteAllText(yaml, Head + RisksYaml);
        WriteXlsx(Path.Combine(folder, "register.xlsx"), "Risks", Headers, Rows);
        File.WriteAllText(Path.Combine(folder, "register.csv"), Csv(Headers, Rows));
        string fromXlsx = Path.Combine(folder, "from-xlsx.yaml");
        File.WriteAllText(fromXlsx, Head + "risks_from: { file: register.xlsx, sheet: risks }\n");
        string fromCsv = Path.Combine(folder, "from-csv.yaml");
        File.WriteAllText(fromCsv, Head + "risks_from: register.csv\n");

        string expected = Explain(yaml);
        Assert.Contains("Owner: Head of ICT.", expected, StringComparison.Ordinal);
        Assert.Contains("r_01.cost: PERT £40k / £50k / £80k", expected, StringComparison.Ordinal);
        Assert.Equal(expected, Explain(fromXlsx));
        Assert.Equal(expected, Explain(fromCsv));

        var read = ScenarioReader.Load(fromXlsx);
        Assert.Equal(["r_01", "r02", "r03"], read.Scenario.Risks.Select(r => r.Id));
        Assert.Equal(0.35, read.Scenario.Risks[1].Probability);
        Assert.Equal(new Mitigation("Extend the contract", 10000, 0.05, read.Scenario.Risks[0].Mitigation!.CostAfter, null), read.Scenario.Risks[0].Mitigation);
        Assert.Equal(Path.Join(folder, "register.xlsx"), read.RegisterFile);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "register.xlsx")))),
            read.RegisterSha256);

        string[] outputs = [yaml, fromXlsx, fromCsv];
        var folders = outputs.Select(s =>
        {
            string output = Path.Combine(folder, "out-" + Path.GetFileNameWithoutExtension(s));
            var outcome = RunCommandTests.Run(s, output, 4000, threads: 2, seed: 3);
            Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
            return output;
        }).ToList();
        // run.json and the report name the files read and their hashes; every other result file is the same byte for byte.
        var files = Directory.GetFiles(folders[0]).Select(Path.GetFileName).Where(f => f is not ("run.json" or "report.html")).ToList();
        Assert.Contains("summary.csv", files);
        foreach (string other in folders.Skip(1))
        {
            foreach (string file in files!)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(folders[0], file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))),
                    $"{file} differs between {folders[0]} and {other}");
            }
        }
        string runJson = File.ReadAllText(Path.Combine(folders[1], "run.json"));
        Assert.Contains($"\"register_sha256\": \"{read.RegisterSha256}\"", runJson, StringComparison.Ordinal);
        Assert.DoesNotContain("register_sha256", File.ReadAllText(Path.Combine(folders[0], "run.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Likelihood_bands_given_in_the_scenario_replace_the_default_midpoints()
    {
        string folder = Folder("bands");
        File.WriteAllText(Path.Combine(folder, "register.csv"), "ID,Likelihood\nlow,1\nhigh,5\n");
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, Head + "risks_from: { file: register.csv, likelihood_bands: [0.01, 0.1, 0.3, 0.6, 0.95] }\n");
        Assert.Equal([0.01, 0.95], ScenarioReader.ReadFile(scenario).Risks.Select(r => r.Probability));
        File.WriteAllText(scenario, Head + "risks_from: register.csv\n");
        Assert.Equal([0.025, 0.9], ScenarioReader.ReadFile(scenario).Risks.Select(r => r.Probability));
        File.WriteAllText(scenario, Head + "risks_from: { file: register.csv, likelihood_bands: [0.5, 0.1, 0.3, 0.6, 0.95] }\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        Assert.Contains("risks_from.likelihood_bands: expected five probabilities", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedCsv => new()
    {
        { "ID,Probability\nR1,1.4\n", "register.csv: B2: probability: 1.4 is not between 0 and 1" },
        { "ID,Probability\nR1,15\n", "register.csv: B2: probability: 15 is not between 0 and 1" },
        { "ID,Probability\nR1,often\n", "register.csv: B2: probability: expected a probability such as 0.15 or 15%, found 'often'" },
        { "ID,Likelihood\nR1,6\n", "register.csv: B2: likelihood: expected a likelihood score, a whole number from 1 to 5, found '6'" },
        { "ID,Probability,Year\nR1,0.1,9\n", "register.csv: C2: year: 9 is outside the horizon: years run from 1 to 5" },
        { "ID,Probability,Year\nR1,0.1,3-2\n", "register.csv: C2: year: the range 3-2 runs backwards" },
        { "ID,Probability,Year\nR1,0.1,soon\n", "register.csv: C2: year: expected a year such as 2 or a range such as 2-3, found 'soon'" },
        { "ID,Probability,Cost\nR1,0.1,lots\n", "register.csv: C2: cost_likely: expected an amount of money" },
        { "ID,Probability,Cost min,Cost likely,Cost max\nR1,0.1,50k,40k,60k\n", "register.csv: D2: cost: needs min <= mode <= max" },
        { "ID,Probability,Cost min,Cost likely,Cost max\nR1,0.1,50k,60k,\n", "register.csv: E2: cost_max: give both the smallest and the largest cost" },
        { "ID,Probability,Cost min,Cost likely,Cost max\nR1,0.1,50k,,70k\n", "register.csv: D2: cost_likely: give the most likely cost too" },
        { "ID,Probability,Workstream,Delay\nR1,0.1,ict,-2\n", "register.csv: D2: delay_likely: a delay cannot be negative" },
        { "ID,Probability,Workstream,Delay\nR1,0.1,itc,2\n", "register.csv: C2: workstream: no workstream with id 'itc' (did you mean 'ict'?)" },
        { "ID,Probability,Workstream,Delay\nR1,0.1,,2\n", "register.csv: C2: workstream: a delay is given but no workstream" },
        { "ID,Probability,Workstream,Delay\nR1,0.1,ict,\n", "register.csv: D2: delay_likely: workstream ict is named but no delay is given" },
        { "ID,Probability\n,0.1\n", "register.csv: A2: id: the id is blank" },
        { "ID,Probability\nR1,0.1\nr1,0.2\n", "register.csv: A3: id: duplicate id 'r1' (already used by " },
        { "ID,Probability\nict,0.1\n", "register.csv: A2: id: duplicate id 'ict' (already used by workstreams[0])" },
        { "ID,Probability\n***,0.1\n", "register.csv: A2: id: '***' cannot be made into an id" },
        { "ID,Probability\nR1,\n", "register.csv: B2: probability: no chance given" },
        { "ID,Probability,Probability after\nR1,0.1,0.2\n", "register.csv: C2: probability_after: the chance once mitigated (0.2) is above the risk's own (0.1)" },
        { "ID,Probability,Mitigation,Probability after\nR1,0.1,Act,\n", "register.csv: D2: probability_after: a mitigation needs the chance once mitigated" },
        { "ID,Probability,Mitigation,Mitigation cost,Probability after\nR1,0.1,Act,-5k,0.05\n", "register.csv: D2: mitigation_cost: the cost of a mitigation cannot be negative" },
        { "ID,Probability,Mitigation,Probability after,Delay after\nR1,0.1,Act,0.05,2\n", "register.csv: E2: delay_after_likely: the risk delays no workstream" },
        { "ID,Probability,Title,Name\nR1,0.1,a,b\n", "register.csv: D1: title: a second 'title' column ('Name'); the first is column C" },
        { "Title,Probability\na,0.1\n", "register.csv: 1:1: id: no id column" },
        { "ID,Title\nR1,a\n", "register.csv: 1:1: probability: no probability column" },
        { "ID,Title\n\"R1,a\n", "risks_from: cannot read the register" },
        { "", "register.csv: 1:1: the register is empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedCsv))]
    public void Every_malformed_register_names_its_cell(string csv, string expected)
    {
        string folder = Folder("bad");
        File.WriteAllText(Path.Combine(folder, "register.csv"), csv);
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, Head + "risks_from: register.csv\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_names_the_sheet_and_cell_and_lists_every_problem_at_once()
    {
        string folder = Folder("bad-xlsx");
        WriteXlsx(Path.Combine(folder, "register.xlsx"), "Risk register",
            ["ID", "Probability", "Year", "Cost"],
            [["R1", 1.4, 2.0, "40k"], ["R2", 0.1, "2-9", "lots"], ["R3", 0.2, 1.0, 5000.0]]);
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, Head + "discount_rate: 2\nrisks_from: { file: register.xlsx, sheet: Risk register }\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        string[] lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(4, lines.Length);
        Assert.True(lines[0].Contains("s.yaml:11:16: discount_rate:", StringComparison.Ordinal), e.Message);
        Assert.EndsWith("register.xlsx: 'Risk register'!B2: probability: 1.4 is not between 0 and 1 (write 15% or 0.15, not 15)", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("register.xlsx: 'Risk register'!C3: year: 2-9 is outside the horizon: years run from 1 to 5", lines[2], StringComparison.Ordinal);
        Assert.Contains("register.xlsx: 'Risk register'!D3: cost_likely: expected an amount of money", lines[3], StringComparison.Ordinal);

        File.WriteAllText(scenario, Head + "risks_from: { file: register.xlsx, sheet: Risks }\n");
        e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        Assert.Contains("risks_from.sheet: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("has no sheet 'Risks'; its sheets: 'Notes', 'Risk register'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../register.csv", "is outside the scenario's folder")]
    [InlineData("/etc/passwd.csv", "give the register's path relative to the scenario's folder")]
    [InlineData("register.txt", "a register is an Excel workbook (.xlsx) or a CSV file (.csv)")]
    [InlineData("missing.csv", "file not found")]
    [InlineData("fake.xlsx", "it is not an Excel workbook (.xlsx) that can be read")]
    public void A_register_outside_the_scenarios_folder_or_not_a_register_is_refused_at_risks_from(string file, string expected)
    {
        string parent = Folder("paths");
        string folder = Path.Combine(parent, "scenario");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(parent, "register.csv"), "ID,Probability\nR1,0.1\n");
        File.WriteAllText(Path.Combine(folder, "register.txt"), "ID,Probability\nR1,0.1\n");
        File.WriteAllText(Path.Combine(folder, "fake.xlsx"), "ID,Probability\nR1,0.1\n");
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, Head + $"risks_from: \"{file}\"\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        Assert.True(e.Message.Contains("s.yaml:11:13: risks_from: ", StringComparison.Ordinal) && e.Message.Contains(expected, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void A_link_to_a_register_outside_the_folder_is_refused()
    {
        string parent = Folder("link");
        string folder = Path.Combine(parent, "scenario");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(parent, "outside.csv"), "ID,Probability\nR1,0.1\n");
        File.CreateSymbolicLink(Path.Combine(folder, "register.csv"), Path.Combine(parent, "outside.csv"));
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, Head + "risks_from: register.csv\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        Assert.Contains("'register.csv' leads through a link to outside the scenario's folder", e.Message, StringComparison.Ordinal);

        // A linked folder on the way is refused too, and a link that stays inside the folder is followed.
        Directory.CreateSymbolicLink(Path.Combine(folder, "shared"), parent);
        File.WriteAllText(scenario, Head + "risks_from: shared/outside.csv\n");
        e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(scenario));
        Assert.Contains("'shared/outside.csv' leads through a link to outside the scenario's folder", e.Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "inside.csv"), "ID,Probability\nR1,0.1\n");
        File.CreateSymbolicLink(Path.Combine(folder, "linked.csv"), Path.Combine(folder, "inside.csv"));
        File.WriteAllText(scenario, Head + "risks_from: linked.csv\n");
        Assert.Equal("r1", Assert.Single(ScenarioReader.ReadFile(scenario).Risks).Id);
    }

    [Theory]
    [InlineData("register.xlsx")]
    [InlineData("register.csv")]
    public void The_register_template_reads_back_and_runs(string name)
    {
        string folder = Folder("template");
        string path = Path.Combine(folder, name);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Ok, RegisterCommand.Template(path, false, stdout, stderr));
        Assert.Equal(ExitCodes.InvalidInput, RegisterCommand.Template(path, false, stdout, stderr));
        Assert.Contains("already exists", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".partial"));
        if (name.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            using var document = SpreadsheetDocument.Open(path, false);
            Assert.Equal(["Risks", "Notes"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        }
        string scenario = Path.Combine(folder, "s.yaml");
        File.WriteAllText(scenario, Head + $"risks_from: {name}\n");
        var risk = Assert.Single(ScenarioReader.ReadFile(scenario).Risks);
        Assert.Equal("r01", risk.Id);
        Assert.Equal(0.15, risk.Probability);
        Assert.Equal((1, 2), (risk.FirstYear, risk.LastYear));
        Assert.Equal("PERT 20000 / 50000 / 150000", risk.Cost.ToString());
        Assert.Equal("ict", Assert.Single(risk.Delays).WorkstreamId);
        var m = risk.Mitigation!;
        Assert.Equal(("Agree an extension with the supplier now", 10000.0, 0.05), (m.Action, m.Cost, m.Probability));
        Assert.NotNull(m.CostAfter);
        Assert.NotNull(m.DelayAfter);
        var outcome = RunCommandTests.Run(scenario, Path.Combine(folder, "out"), 2000, seed: 1);
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        Assert.Contains("Assumption: example row", Explain(scenario), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mitigation_in_yaml_is_read_and_checked()
    {
        const string Risks = """
            risks:
              - id: licence
                probability: 0.3
                year: 2
                cost: 70k
                delay_months: { ict: 2 }
                mitigation: { action: Renew early, cost: "£12,000", probability: 0.1, cost_after: { pert: [10k, 20k, 30k] }, delay_after: 1 }
            """;
        var risk = Assert.Single(ScenarioReader.Parse(Head + Risks, "s.yaml").Risks);
        var m = risk.Mitigation!;
        Assert.Equal(("Renew early", 12000.0, 0.1, "PERT 10000 / 20000 / 30000", "1"), (m.Action, m.Cost, m.Probability, m.CostAfter!.ToString(), m.DelayAfter!.ToString()));
        Assert.Null(ScenarioReader.Parse(Head + Risks.Replace("    mitigation:", "    #", StringComparison.Ordinal), "s.yaml").Risks[0].Mitigation);

        const string Bad = """
            risks:
              - id: licence
                probability: 0.3
                year: 2
                mitigation: { action: " ", cost: -1, probability: 0.4, delay_after: 1, costs: 2 }
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Head + Bad, "s.yaml"));
        string message = e.Message;
        Assert.Contains("risks[licence].mitigation.action: the action is empty", message, StringComparison.Ordinal);
        Assert.Contains("risks[licence].mitigation.cost: the cost of a mitigation cannot be negative", message, StringComparison.Ordinal);
        Assert.Contains("risks[licence].mitigation.probability: the chance once mitigated (0.4) is above the risk's own (0.3)", message, StringComparison.Ordinal);
        Assert.Contains("risks[licence].mitigation.delay_after: the risk delays no workstream", message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'costs' (did you mean 'cost'?)", message, StringComparison.Ordinal);
        Assert.Equal(5, e.Errors.Count);
    }

    [Fact]
    public void The_header_key_drops_brackets_case_and_punctuation()
    {
        Assert.Equal("delaymin", ScenarioReader.HeaderKey("Delay min (months)"));
        Assert.Equal("probability", ScenarioReader.HeaderKey(" Probability % "));
        Assert.Equal("r_01", ScenarioReader.RegisterId("R-01"));
        Assert.Equal("risk_7", ScenarioReader.RegisterId("7"));
    }

    /// <summary>Writes a workbook with a Notes sheet first and the register on <paramref name="sheet"/>; text in the shared-string table.</summary>
    internal static void WriteXlsx(string path, string sheet, string[] headers, object?[][] rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        var strings = new List<string>();
        Cell Make(object value, string reference)
        {
            if (value is double d)
            {
                return new Cell { CellReference = reference, CellValue = new CellValue(d) };
            }
            strings.Add((string)value);
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.Count - 1) };
        }
        void Add(uint id, string name, IEnumerable<object?[]> data)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var sheetData = new SheetData();
            uint r = 0;
            foreach (var row in data)
            {
                r++;
                var xmlRow = new Row { RowIndex = r };
                for (int c = 0; c < row.Length; c++)
                {
                    if (row[c] is { } value)
                    {
                        xmlRow.Append(Make(value, $"{(char)('A' + c % 26)}{(c >= 26 ? "" : "")}{r}"));
                    }
                }
                sheetData.Append(xmlRow);
            }
            part.Worksheet = new Worksheet(sheetData);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
        }
        Add(1, "Notes", [["This sheet is not the register"], ["ID", "Probability"], ["X9", 0.9]]);
        Add(2, sheet, new[] { headers.Cast<object?>().ToArray() }.Concat(rows));
        var sst = workbook.AddNewPart<SharedStringTablePart>();
        sst.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
        workbook.Workbook.Save();
    }

    private static string Csv(string[] headers, object?[][] rows)
    {
        static string Field(object? v) => v switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            string s when s.Contains(',', StringComparison.Ordinal) => $"\"{s}\"",
            string s => s,
            _ => throw new ArgumentException("unexpected cell"),
        };
        return string.Join("\r\n", new[] { string.Join(",", headers) }.Concat(rows.Select(r => string.Join(",", r.Select(Field))))) + "\r\n";
    }
}
