using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RiskSim.IO.Scenarios;

/// <summary>One non-empty cell of a register: its row and column (both from 1), its text and, for a number cell, its value.</summary>
internal sealed record RegisterCell(int Row, int Column, string Text, double? Number);

/// <summary>
/// The cells of one sheet of a risk register (an Excel workbook, .xlsx) or of a CSV file, with the names Excel gives
/// them (<c>Risks!D7</c>, or <c>D7</c> for a CSV file), so that every problem can name its cell.
/// </summary>
internal sealed class RegisterTable
{
    private RegisterTable(string file, string? sheet, IReadOnlyList<IReadOnlyList<RegisterCell>> rows)
    {
        File = file;
        Sheet = sheet;
        Rows = rows;
    }

    /// <summary>The register's path as messages show it.</summary>
    public string File { get; }

    /// <summary>The sheet read; null for a CSV file.</summary>
    public string? Sheet { get; }

    /// <summary>The rows that have at least one non-empty cell, top to bottom, each with its cells left to right.</summary>
    public IReadOnlyList<IReadOnlyList<RegisterCell>> Rows { get; }

    /// <summary>Excel's name of a cell: <c>D7</c>, on a sheet <c>Risks!D7</c> (<c>'Risk register'!D7</c> with a space).</summary>
    public string CellName(int row, int column) => Qualified($"{ColumnLetters(column)}{row}");

    /// <summary>Excel's name of a whole row, e.g. <c>Risks!1:1</c>.</summary>
    public string RowName(int row) => Qualified($"{row}:{row}");

    private string Qualified(string reference) => Sheet is null ? reference
        : Sheet.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{Sheet}!{reference}"
        : $"'{Sheet.Replace("'", "''", StringComparison.Ordinal)}'!{reference}";

    /// <summary>A, B, …, Z, AA, AB, … for columns 1, 2, ….</summary>
    public static string ColumnLetters(int column)
    {
        var letters = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26)
        {
            letters.Insert(0, (char)('A' + (c - 1) % 26));
        }
        return letters.ToString();
    }

    /// <summary>Reads a CSV file: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks.</summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed.</exception>
    public static RegisterTable FromCsv(byte[] bytes, string file)
    {
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }
        var rows = new List<IReadOnlyList<RegisterCell>>();
        var cells = new List<RegisterCell>();
        var field = new StringBuilder();
        int row = 1, column = 1, startRow = 1;
        bool quoted = false, wasQuoted = false;
        void EndField()
        {
            string value = field.ToString();
            if (value.Trim().Length > 0)
            {
                cells.Add(new RegisterCell(row, column, wasQuoted ? value : value.Trim(), null));
            }
            field.Clear();
            wasQuoted = false;
            column++;
        }
        void EndRow()
        {
            EndField();
            if (cells.Count > 0)
            {
                rows.Add(cells);
            }
            cells = [];
            column = 1;
            row++;
        }
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0:
                    field.Clear();
                    quoted = wasQuoted = true;
                    startRow = row;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRow();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            throw new InvalidDataException($"a quoted field that starts in row {startRow} is never closed with \"");
        }
        EndRow();
        return new RegisterTable(file, null, rows);
    }

    /// <summary>The names of the sheets of a workbook, in order.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an Excel workbook.</exception>
    public static IReadOnlyList<string> SheetNames(byte[] bytes)
    {
        using var document = OpenWorkbook(bytes);
        return Sheets(document).Select(s => s.Name?.Value ?? "").ToList();
    }

    /// <summary>Reads one sheet of a workbook (the first when <paramref name="sheet"/> is null); null when there is no such sheet.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an Excel workbook.</exception>
    public static RegisterTable? FromXlsx(byte[] bytes, string file, string? sheet)
    {
        using var document = OpenWorkbook(bytes);
        try
        {
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("the workbook has no sheets");
            var sheets = Sheets(document);
            var chosen = sheet is null
                ? sheets.FirstOrDefault()
                : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheet, StringComparison.OrdinalIgnoreCase));
            if (chosen?.Id?.Value is not { } partId)
            {
                return null;
            }
            if (workbook.GetPartById(partId) is not WorksheetPart part)
            {
                throw new InvalidDataException($"sheet '{chosen.Name?.Value}' is a chart or dialog sheet, not a worksheet");
            }
            string[] shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(ItemText).ToArray() ?? [];
            var rows = new List<IReadOnlyList<RegisterCell>>();
            int lastRow = 0;
            foreach (var row in part.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
            {
                int rowNumber = row.RowIndex?.Value is uint r ? (int)r : lastRow + 1;
                lastRow = rowNumber;
                var cells = new List<RegisterCell>();
                int lastColumn = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    int column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : lastColumn + 1;
                    lastColumn = column;
                    if (Value(cell, shared) is { } value && value.Text.Trim().Length > 0)
                    {
                        cells.Add(new RegisterCell(rowNumber, column, value.Text.Trim(), value.Number));
                    }
                }
                if (cells.Count > 0)
                {
                    rows.Add(cells);
                }
            }
            return new RegisterTable(file, chosen.Name?.Value ?? sheet, rows);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidOperationException or FormatException or System.Xml.XmlException or IOException)
        {
            throw new InvalidDataException($"the workbook cannot be read ({e.Message})", e);
        }
    }

    private static SpreadsheetDocument OpenWorkbook(byte[] bytes)
    {
        try
        {
            // A part larger than this (in characters) is refused rather than read: a register is a few hundred rows.
            return SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false,
                new OpenSettings { MaxCharactersInPart = 200_000_000 });
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException
            or InvalidOperationException or ArgumentException or System.Xml.XmlException)
        {
            throw new InvalidDataException("it is not an Excel workbook (.xlsx) that can be read; save it from Excel as an .xlsx workbook, or as CSV", e);
        }
    }

    private static List<Sheet> Sheets(SpreadsheetDocument document) =>
        document.WorkbookPart?.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];

    // A shared string's text: its runs, without the phonetic guides of East Asian text.
    private static string ItemText(SharedStringItem item) =>
        string.Concat(item.Descendants<Text>().Where(t => t.Parent is not PhoneticRun).Select(t => t.Text));

    private static (string Text, double? Number)? Value(Cell cell, string[] shared)
    {
        string? raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < shared.Length ? (shared[i], null) : null;
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? (string.Concat(inline.Descendants<Text>().Select(t => t.Text)), null) : null;
        }
        if (type == CellValues.Boolean)
        {
            return raw is null ? null : (raw == "1" ? "TRUE" : "FALSE", null);
        }
        if (raw is null)
        {
            return null;
        }
        if (type is null || type == CellValues.Number)
        {
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                ? (v.ToString("R", CultureInfo.InvariantCulture), v)
                : (raw, null);
        }
        // A formula's text result, an error such as #N/A, or a date written as text.
        return (raw, null);
    }

    // The column of a reference such as "AB12": 28.
    private static int ColumnOf(string reference)
    {
        int column = 0;
        foreach (char c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return Math.Max(column, 1);
    }
}
