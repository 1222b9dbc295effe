using System.Globalization;
using System.Text;

namespace RiskSim.IO.Results;

/// <summary>
/// Writes the CSV files RiskSim produces: comma-separated, a header row, invariant culture, numbers in round-trip
/// form, empty cells for missing values, and any text holding a comma, quote or line break quoted (RFC 4180),
/// so that Excel and every CSV reader see the same columns.
/// </summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();
    private bool _rowStarted;

    /// <summary>Starts a file with its header row.</summary>
    public Csv(IEnumerable<string> columns)
    {
        foreach (string column in columns)
        {
            Text(column);
        }
        EndRow();
    }

    /// <summary>Adds a text cell.</summary>
    public Csv Text(string? value)
    {
        Separate();
        string s = value ?? "";
        _text.Append(s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s);
        return this;
    }

    /// <summary>Adds a number cell; empty for null or NaN.</summary>
    public Csv Number(double? value)
    {
        Separate();
        if (value is double v && !double.IsNaN(v))
        {
            _text.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        return this;
    }

    /// <summary>Adds a whole-number cell; empty for null.</summary>
    public Csv WholeNumber(long? value)
    {
        Separate();
        _text.Append(value?.ToString(CultureInfo.InvariantCulture) ?? "");
        return this;
    }

    /// <summary>Ends the current row.</summary>
    public Csv EndRow()
    {
        _text.Append('\n');
        _rowStarted = false;
        return this;
    }

    /// <summary>Writes the file as UTF-8 without a byte-order mark.</summary>
    public void Save(string path) => File.WriteAllText(path, _text.ToString(), new UTF8Encoding(false));

    private void Separate()
    {
        if (_rowStarted)
        {
            _text.Append(',');
        }
        _rowStarted = true;
    }
}
