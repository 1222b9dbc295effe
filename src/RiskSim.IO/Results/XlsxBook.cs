using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace RiskSim.IO.Results;

/// <summary>How a cell is shown: its Excel number format (null for text and general numbers) and whether it is bold.</summary>
/// <param name="NumberFormat">Excel number format code, e.g. <c>0.0%</c>; null for General.</param>
/// <param name="Bold">Bold text (headers).</param>
public readonly record struct XlsxFormat(string? NumberFormat, bool Bold = false)
{
    /// <summary>Plain text or a general number.</summary>
    public static XlsxFormat Text => new(null);

    /// <summary>A bold header.</summary>
    public static XlsxFormat Header => new(null, true);

    /// <summary>A probability or share as a percentage with one decimal ("72.4%").</summary>
    public static XlsxFormat Percent => new("0.0%");

    /// <summary>A number with two decimals and thousands separators (months, heads, years).</summary>
    public static XlsxFormat Number => new("#,##0.00");

    /// <summary>A whole number with thousands separators (trials).</summary>
    public static XlsxFormat Whole => new("#,##0");

    /// <summary>A year or id number, no separators.</summary>
    public static XlsxFormat Plain => new("0");

    /// <summary>A rank correlation (three decimals).</summary>
    public static XlsxFormat Correlation => new("0.000");

    /// <summary>
    /// Whole amounts of money in the scenario's currency, negative amounts red with a minus sign, e.g.
    /// <c>£#,##0;[Red]-£#,##0</c>.
    /// </summary>
    public static XlsxFormat Money(string currency)
    {
        string symbol = Core.Text.Formats.CurrencySymbol(currency);
        string quoted = symbol is "£" or "€" or "$" ? symbol : "\"" + symbol.Replace("\"", "", StringComparison.Ordinal) + "\"";
        return new($"{quoted}#,##0;[Red]-{quoted}#,##0");
    }
}

/// <summary>One cell: a value (text, a number or nothing) and its format.</summary>
/// <param name="Value">A <see cref="string"/>, a number (double, long, int) or null for an empty cell. NaN and infinities are written empty.</param>
/// <param name="Format">How it is shown.</param>
public readonly record struct XlsxCell(object? Value, XlsxFormat Format)
{
    /// <summary>A text cell.</summary>
    public static XlsxCell Of(string? text) => new(text, XlsxFormat.Text);

    /// <summary>A number cell (empty for null).</summary>
    public static XlsxCell Of(double? value, XlsxFormat format) => new(value, format);
}

/// <summary>A column of a table sheet: its header and how a row becomes a cell. A table is a list of these, so adding a column is adding one entry.</summary>
/// <typeparam name="TRow">What one row of the table describes.</typeparam>
/// <param name="Header">Column header (bold, frozen).</param>
/// <param name="Cell">The cell of a row.</param>
public sealed record XlsxColumn<TRow>(string Header, Func<TRow, XlsxCell> Cell);

/// <summary>A picture placed on a sheet: a title above a PNG.</summary>
/// <param name="Title">Text in the cell above the picture.</param>
/// <param name="Png">The PNG file's bytes.</param>
public sealed record XlsxImage(string Title, byte[] Png);

/// <summary>
/// A small workbook builder over DocumentFormat.OpenXml: sheets of rows with fixed formats, a frozen header row,
/// columns sized to their content and pictures. <see cref="Save"/> writes the same bytes for the same content (fixed
/// relationship ids and part order, fixed zip entry timestamps, no package properties), so a workbook is as
/// reproducible as the other result files.
/// </summary>
public sealed class XlsxBook
{
    /// <summary>Timestamp of every entry of the zip package (the files carry no time of writing).</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Widest column, in characters.</summary>
    public const int MaxColumnWidth = 80;

    /// <summary>Width of a picture on a Charts sheet, in pixels at 96 dpi.</summary>
    public const int ImageWidthPixels = 960;

    private const long EmuPerPixel = 9525;
    private const int RowPixels = 20;

    private readonly List<XlsxSheet> _sheets = [];

    /// <summary>Adds an empty sheet with the given tab name (at most 31 characters, unique).</summary>
    public XlsxSheet AddSheet(string name)
    {
        if (name.Length is 0 or > 31 || _sheets.Any(s => s.Name == name))
        {
            throw new ArgumentException($"sheet name '{name}' is empty, longer than 31 characters or used twice", nameof(name));
        }
        var sheet = new XlsxSheet(name);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Writes the workbook to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        using var package = new MemoryStream();
        WritePackage(package);
        package.Position = 0;
        using var output = File.Create(path);
        Repack(package, output);
    }

    private void WritePackage(Stream stream)
    {
        var formats = new List<XlsxFormat> { XlsxFormat.Text };
        int StyleOf(XlsxFormat format)
        {
            int index = formats.IndexOf(format);
            if (index < 0)
            {
                formats.Add(format);
                index = formats.Count - 1;
            }
            return index;
        }

        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        // Every relationship id is given: the package would otherwise draw random ones.
        var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
        var sheets = new Sheets();
        for (int i = 0; i < _sheets.Count; i++)
        {
            var sheet = _sheets[i];
            string id = $"rId{i + 1}";
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>(id);
            worksheetPart.Worksheet = sheet.Build(StyleOf, worksheetPart, first: i == 0);
            sheets.Append(new Sheet { Name = sheet.Name, SheetId = (uint)(i + 1), Id = id });
        }
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>($"rId{_sheets.Count + 1}");
        styles.Stylesheet = Stylesheet(formats);
        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView()), sheets);
    }

    private static Stylesheet Stylesheet(List<XlsxFormat> formats)
    {
        var codes = formats.Select(f => f.NumberFormat).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var numberingFormats = new NumberingFormats(codes.Select((c, i) => new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = c }));
        numberingFormats.Count = (uint)codes.Count;
        var cellFormats = new CellFormats(formats.Select(f =>
        {
            uint numberFormat = f.NumberFormat is { } code ? (uint)(164 + codes.IndexOf(code)) : 0;
            return new CellFormat
            {
                NumberFormatId = numberFormat,
                FontId = f.Bold ? 1u : 0u,
                FillId = 0,
                BorderId = 0,
                FormatId = 0,
                ApplyNumberFormat = numberFormat != 0 ? true : null,
                ApplyFont = f.Bold ? true : null,
            };
        }));
        cellFormats.Count = (uint)formats.Count;
        return new Stylesheet(
            numberingFormats,
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
            { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
            { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    // The same entries in a fixed order, each with a fixed timestamp: the package writer stamps entries with the
    // time of writing.
    private static void Repack(Stream package, Stream output)
    {
        using var source = new ZipArchive(package, ZipArchiveMode.Read);
        using var target = new ZipArchive(output, ZipArchiveMode.Create);
        var entries = source.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1)
            .ThenBy(e => e.FullName, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // PNG is compressed already: stored as it is, which saves most of the writing time.
            bool png = entry.FullName.EndsWith(".png", StringComparison.Ordinal);
            var copy = target.CreateEntry(entry.FullName, png ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    /// <summary>Pixel width and height of a PNG, from its header.</summary>
    /// <exception cref="ArgumentException">The bytes are not a PNG.</exception>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new ArgumentException("not a PNG image", nameof(png));
        }
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>One sheet: rows of cells, optionally a frozen header row, optionally pictures below.</summary>
    public sealed class XlsxSheet
    {
        private readonly List<(XlsxCell[] Cells, bool Sized)> _rows = [];
        private readonly List<(int Row, XlsxImage Image)> _images = [];
        private int _frozenRows;

        internal XlsxSheet(string name) => Name = name;

        /// <summary>Tab name.</summary>
        public string Name { get; }

        /// <summary>Rows written so far (the next row is this plus one).</summary>
        public int RowCount => _rows.Count;

        /// <summary>Adds a row; <paramref name="sized"/> false leaves it out of column sizing (a long sentence that may run on).</summary>
        public XlsxSheet Row(IEnumerable<XlsxCell> cells, bool sized = true)
        {
            _rows.Add((cells.ToArray(), sized));
            return this;
        }

        /// <summary>Adds a row of one text cell that runs on to the right, not counted when sizing columns.</summary>
        public XlsxSheet Sentence(string text, bool bold = false) =>
            Row([new XlsxCell(text, bold ? XlsxFormat.Header : XlsxFormat.Text)], sized: false);

        /// <summary>Adds an empty row.</summary>
        public XlsxSheet Blank() => Row([], sized: false);

        /// <summary>Adds a bold header row, frozen with every row above it, then one row per item.</summary>
        public XlsxSheet Table<TRow>(IReadOnlyList<XlsxColumn<TRow>> columns, IEnumerable<TRow> rows)
        {
            Row(columns.Select(c => new XlsxCell(c.Header, XlsxFormat.Header)));
            _frozenRows = _rows.Count;
            foreach (var row in rows)
            {
                Row(columns.Select(c => c.Cell(row)));
            }
            return this;
        }

        /// <summary>Adds a bold title row and a picture anchored below it, with the rows it covers left empty.</summary>
        public XlsxSheet Image(XlsxImage image)
        {
            var (width, height) = PngSize(image.Png);
            Sentence(image.Title, bold: true);
            _images.Add((_rows.Count, image));
            long shownHeight = (long)Math.Round((double)height * ImageWidthPixels / width);
            int covered = (int)((shownHeight + RowPixels - 1) / RowPixels) + 1;
            for (int i = 0; i < covered; i++)
            {
                Blank();
            }
            return this;
        }

        internal Worksheet Build(Func<XlsxFormat, int> styleOf, WorksheetPart part, bool first)
        {
            var view = new SheetView { WorkbookViewId = 0, TabSelected = first ? true : null };
            if (_frozenRows > 0)
            {
                string topLeft = $"A{_frozenRows + 1}";
                view.Append(new Pane
                {
                    VerticalSplit = _frozenRows,
                    TopLeftCell = topLeft,
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                });
                view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
            }
            var worksheet = new Worksheet(new SheetViews(view));

            var widths = ColumnWidths();
            if (widths.Count > 0)
            {
                worksheet.Append(new Columns(widths.Select((w, i) =>
                    new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
            }

            var data = new SheetData();
            for (int r = 0; r < _rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (int c = 0; c < _rows[r].Cells.Length; c++)
                {
                    if (CellOf(_rows[r].Cells[c], $"{ColumnName(c)}{r + 1}", styleOf) is { } cell)
                    {
                        row.Append(cell);
                    }
                }
                data.Append(row);
            }
            worksheet.Append(data);

            if (_images.Count > 0)
            {
                var drawingPart = part.AddNewPart<DrawingsPart>("rId1");
                var drawing = new Xdr.WorksheetDrawing();
                for (int i = 0; i < _images.Count; i++)
                {
                    var (row, image) = _images[i];
                    string id = $"rId{i + 1}";
                    var imagePart = drawingPart.AddImagePart(ImagePartType.Png, id);
                    using (var png = new MemoryStream(image.Png))
                    {
                        imagePart.FeedData(png);
                    }
                    drawing.Append(Anchor(row, image, id, (uint)(i + 2)));
                }
                drawingPart.WorksheetDrawing = drawing;
                worksheet.Append(new Drawing { Id = "rId1" });
            }
            return worksheet;
        }

        private static Xdr.OneCellAnchor Anchor(int row, XlsxImage image, string relationshipId, uint shapeId)
        {
            var (width, height) = PngSize(image.Png);
            long cx = ImageWidthPixels * EmuPerPixel;
            long cy = (long)Math.Round((double)height * ImageWidthPixels / width) * EmuPerPixel;
            return new Xdr.OneCellAnchor(
                new Xdr.FromMarker(
                    new Xdr.ColumnId("0"), new Xdr.ColumnOffset("0"),
                    new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
                new Xdr.Extent { Cx = cx, Cy = cy },
                new Xdr.Picture(
                    new Xdr.NonVisualPictureProperties(
                        new Xdr.NonVisualDrawingProperties { Id = shapeId, Name = AttributeText(image.Title), Description = AttributeText(image.Title) },
                        new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                    new Xdr.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new Xdr.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
                new Xdr.ClientData());
        }

        private static Cell? CellOf(XlsxCell value, string reference, Func<XlsxFormat, int> styleOf)
        {
            uint? style = value.Format == XlsxFormat.Text ? null : (uint)styleOf(value.Format);
            switch (value.Value)
            {
                case string text:
                    return new Cell(new InlineString(new Text(Escape(text)) { Space = SpaceProcessingModeValues.Preserve }))
                    { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style };
                case double or float or int or long or uint or ulong or decimal:
                    double number = Convert.ToDouble(value.Value, CultureInfo.InvariantCulture);
                    if (!double.IsFinite(number))
                    {
                        return style is null ? null : new Cell { CellReference = reference, StyleIndex = style };
                    }
                    // The shortest text that reads back as the same double: full precision.
                    return new Cell(new CellValue(number.ToString("R", CultureInfo.InvariantCulture)))
                    { CellReference = reference, StyleIndex = style };
                default:
                    return style is null ? null : new Cell { CellReference = reference, StyleIndex = style };
            }
        }

        // Characters of the widest cell of each column, as shown, plus a margin.
        private List<double> ColumnWidths()
        {
            var widths = new List<double>();
            foreach (var (cells, sized) in _rows)
            {
                if (!sized)
                {
                    continue;
                }
                for (int c = 0; c < cells.Length; c++)
                {
                    while (widths.Count <= c)
                    {
                        widths.Add(8);
                    }
                    double shown = Math.Min(MaxColumnWidth, ShownLength(cells[c]) + 3);
                    widths[c] = Math.Max(widths[c], shown);
                }
            }
            return widths;
        }

        private static int ShownLength(XlsxCell cell)
        {
            if (cell.Value is string text)
            {
                return text.Length + (cell.Format.Bold ? 1 : 0);
            }
            if (cell.Value is null)
            {
                return 0;
            }
            double v = Convert.ToDouble(cell.Value, CultureInfo.InvariantCulture);
            if (!double.IsFinite(v))
            {
                return 0;
            }
            string code = cell.Format.NumberFormat ?? "General";
            string digits = code.Contains('%', StringComparison.Ordinal) ? (v * 100).ToString("#,##0.0", CultureInfo.InvariantCulture) + "%"
                : code.Contains("#,##0", StringComparison.Ordinal) ? Math.Abs(v).ToString(code.Contains(".00", StringComparison.Ordinal) ? "#,##0.00" : "#,##0", CultureInfo.InvariantCulture)
                : v.ToString(code == "General" ? "R" : code, CultureInfo.InvariantCulture);
            // Money adds the currency symbol and a sign.
            return digits.Length + (code.Contains(';', StringComparison.Ordinal) ? 2 + code.IndexOf('#', StringComparison.Ordinal) : 0);
        }

        /// <summary>
        /// Text as a spreadsheet string holds it: a character XML cannot carry (a control character from a scenario's
        /// text, a lone surrogate) as Excel's escape <c>_xHHHH_</c>, and the underscore of text that already reads as
        /// such an escape as <c>_x005F_</c>, so every reader shows the text as it was.
        /// </summary>
        public static string Escape(string text)
        {
            var escaped = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (pair)
                {
                    escaped.Append(c).Append(text[++i]);
                }
                else if (!XmlChar(c) || (c == '_' && LooksEscaped(text, i)))
                {
                    escaped.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
                }
                else
                {
                    escaped.Append(c);
                }
            }
            return escaped.ToString();
        }

        /// <summary>Text for an XML attribute (a picture's name): characters XML cannot carry become U+FFFD.</summary>
        public static string AttributeText(string text)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                bool pair = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
                if (pair)
                {
                    i++;
                }
                else if (!XmlChar(chars[i]))
                {
                    chars[i] = '\uFFFD';
                }
            }
            return new string(chars);
        }

        private static bool XmlChar(char c) => c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD);

        private static bool LooksEscaped(string text, int i) =>
            i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && !text.AsSpan(i + 2, 4).ContainsAnyExcept(HexDigits);

        private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef");

        /// <summary>Column letters of a 0-based column index: A, B, …, Z, AA, ….</summary>
        public static string ColumnName(int index)
        {
            string name = "";
            for (int n = index + 1; n > 0; n = (n - 1) / 26)
            {
                name = (char)('A' + (n - 1) % 26) + name;
            }
            return name;
        }
    }
}
