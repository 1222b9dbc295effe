using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RiskSim.IO.Scenarios;

/// <summary>
/// An empty risk register to fill in: the headers RiskSim reads, one filled example row and (in a workbook) a
/// Notes sheet saying what each column holds. A scenario reads it with <c>risks_from</c>.
/// </summary>
public static class RegisterTemplate
{
    /// <summary>The name of the workbook's register sheet.</summary>
    public const string RisksSheet = "Risks";

    /// <summary>The name of the workbook's notes sheet.</summary>
    public const string NotesSheet = "Notes";

    /// <summary>The workstream the example row delays: a scenario that reads the template as it is needs a workstream with this id.</summary>
    public const string ExampleWorkstream = "ict";

    // The example row, by column; numbers stay numbers in the workbook.
    private static readonly Dictionary<string, object> Example = new(StringComparer.Ordinal)
    {
        ["id"] = "R01",
        ["title"] = "Supplier contract ends late",
        ["owner"] = "Head of ICT",
        ["probability"] = 0.15,
        ["year"] = "1-2",
        ["cost_min"] = 20000.0,
        ["cost_likely"] = 50000.0,
        ["cost_max"] = 150000.0,
        ["workstream"] = ExampleWorkstream,
        ["delay_min"] = 1.0,
        ["delay_likely"] = 3.0,
        ["delay_max"] = 6.0,
        ["mitigation"] = "Agree an extension with the supplier now",
        ["mitigation_cost"] = 10000.0,
        ["probability_after"] = 0.05,
        ["cost_after_min"] = 10000.0,
        ["cost_after_likely"] = 25000.0,
        ["cost_after_max"] = 60000.0,
        ["delay_after_min"] = 0.0,
        ["delay_after_likely"] = 1.0,
        ["delay_after_max"] = 3.0,
        ["source"] = "Assumption: example row, replace it with your own",
    };

    /// <summary>What each column holds, for the Notes sheet.</summary>
    public static readonly IReadOnlyList<(string Header, string Note)> Notes =
    [
        ("ID", "Required. A short reference such as R01; RiskSim lower-cases it (r01), turns other characters into _ and puts risk_ before a leading digit. Unique across the scenario."),
        ("Title", "The risk in a few words, shown in the report."),
        ("Owner", "Who manages the risk. Shown by risksim explain; it changes no figure."),
        ("Probability", "The chance the risk happens at all within the horizon: 0.15 or 15%. Leave it blank to use the likelihood score."),
        ("Likelihood (1-5)", "Used only when Probability is blank. 1 (<5%) = 2.5%, 2 (5-20%) = 12.5%, 3 (20-50%) = 35%, 4 (50-80%) = 65%, 5 (>80%) = 90%: the middle of each band; a scenario may give its own with likelihood_bands."),
        ("Year", "The year it would fall in (2), or a range (2-3), each year equally likely. Blank: any year of the horizon."),
        ("Cost min / likely / max", "Money, once, in the risk's year: 40000, 40k, £40,000. Min, likely and max make a PERT range; likely alone is a fixed cost; all blank is no cost."),
        ("Workstream", "The id of the workstream it delays (several separated by ; or ,), as in the scenario file."),
        ("Delay min / likely / max (months)", "Extra months of slip to that workstream if the risk happens: a PERT range, or likely alone for a fixed delay."),
        ("Mitigation", "The action that lowers the risk. Needed when any column after it is filled."),
        ("Mitigation cost", "Money, once, for the action. Blank: nothing."),
        ("Probability after / Likelihood after (1-5)", "The chance once mitigated, as Probability or as a score; no higher than before."),
        ("Cost after min / likely / max", "The cost once mitigated. Blank: the cost above."),
        ("Delay after min / likely / max (months)", "The delay once mitigated. Blank: the delays above."),
        ("Source", "Where the figures come from: a document, a table, a date, or \"Assumption: ...\". Shown by explain and in the report."),
        ("Other columns", "Columns with other headers are left alone, so the register can keep its own. Headers may be in any order and case."),
    ];

    /// <summary>The template as CSV text (UTF-8): the header row and the example row.</summary>
    public static string CsvText()
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", ScenarioReader.RegisterColumns.Select(c => CsvField(c.Header)))).Append("\r\n");
        text.Append(string.Join(",", ScenarioReader.RegisterColumns.Select(c => CsvField(Example.TryGetValue(c.Column, out var v) ? Show(v) : "")))).Append("\r\n");
        return text.ToString();
    }

    /// <summary>Writes the template as an Excel workbook: sheet <see cref="RisksSheet"/> with the headers and the example row, and sheet <see cref="NotesSheet"/>.</summary>
    public static void WriteXlsx(Stream stream)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        var columns = ScenarioReader.RegisterColumns;
        AddSheet(workbook, sheets, 1, RisksSheet,
            [columns.Select(c => (object)c.Header).ToList(), columns.Select(c => Example.TryGetValue(c.Column, out var v) ? v : "").ToList()],
            columns.Select(c => Math.Max(12.0, c.Header.Length + 2.0)).ToList());
        var notes = new List<IReadOnlyList<object>> { new List<object> { "Column", "What it holds" } };
        notes.AddRange(Notes.Select(n => (IReadOnlyList<object>)new List<object> { n.Header, n.Note }));
        notes.Add(new List<object> { "", "Read it from a scenario with risks_from: { file: register.xlsx, sheet: Risks }, beside risks: or instead of it." });
        AddSheet(workbook, sheets, 2, NotesSheet, notes, [34, 120]);
        workbook.Workbook.Save();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, List<IReadOnlyList<object>> rows, List<double> widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (int r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (int c = 0; c < rows[r].Count; c++)
            {
                string reference = RegisterTable.ColumnLetters(c + 1) + (r + 1).ToString(CultureInfo.InvariantCulture);
                switch (rows[r][c])
                {
                    case double number:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number), DataType = CellValues.Number });
                        break;
                    case string { Length: > 0 } text:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                        break;
                }
            }
            data.Append(row);
        }
        var cols = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(cols, data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static string Show(object value) => value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : (string)value;

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
