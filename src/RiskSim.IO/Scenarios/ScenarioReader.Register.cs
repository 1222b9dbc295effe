using System.Globalization;
using System.Text.RegularExpressions;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

/// <summary>A risk register read for a scenario: its path as messages show it, and the SHA-256 of its bytes.</summary>
internal sealed record RegisterRead(string File, string Sha256);

// A risk register kept in Excel (or CSV): `risks_from: register.xlsx` or `risks_from: { file, sheet, likelihood_bands }`.
// Columns are found by their header, in any order and case; every problem names its cell.
public sealed partial class ScenarioReader
{
    /// <summary>The probability each likelihood score 1 to 5 stands for unless the scenario says otherwise: the middle of its band.</summary>
    public static readonly IReadOnlyList<double> DefaultLikelihoodBands = [0.025, 0.125, 0.35, 0.65, 0.9];

    private RegisterRead? _register;
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(?:years?\s*)?(\d+)\s*(?:(?:-|–|—|to)\s*(\d+)\s*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Bracketed();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotIdCharacters();

    private (List<Risk> Risks, bool Ok) ReadRegister(YNode node, HashSet<string> workstreamIds, Dictionary<string, string> ids, int? horizon)
    {
        const string field = "risks_from";
        YNode? fileNode = node;
        string? sheet = null;
        YNode? sheetNode = null;
        IReadOnlyList<double>? bands = DefaultLikelihoodBands;
        if (node is YMapping map)
        {
            var f = Fields(map, field, ["file", "sheet", "likelihood_bands"]);
            fileNode = Required(f, "file", map, field);
            if (Optional(f, "sheet") is { } sn)
            {
                sheetNode = sn;
                sheet = Text(sn, Join(field, "sheet"));
            }
            if (Optional(f, "likelihood_bands") is { } bn)
            {
                bands = ReadBands(bn, Join(field, "likelihood_bands"));
            }
        }
        string fileField = node is YMapping ? Join(field, "file") : field;
        if (fileNode is null || Text(fileNode, fileField) is not { } name || bands is null)
        {
            return ([], false);
        }
        if (RegisterBytes(fileNode, fileField, name) is not var (display, bytes))
        {
            return ([], false);
        }
        _register = new RegisterRead(display, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        RegisterTable? table;
        try
        {
            bool csv = display.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (csv && sheet is not null)
            {
                Error(sheetNode ?? fileNode, Join(field, "sheet"), "a CSV file has no sheets; leave 'sheet' out");
                return ([], false);
            }
            table = csv ? RegisterTable.FromCsv(bytes, display) : RegisterTable.FromXlsx(bytes, display, sheet);
            if (table is null)
            {
                string found = string.Join(", ", RegisterTable.SheetNames(bytes).Select(s => $"'{Printable(s)}'"));
                Error(sheetNode ?? fileNode, Join(field, "sheet"), sheet is null
                    ? $"{display} has no worksheet"
                    : $"{display} has no sheet '{Printable(sheet)}'; its sheets: {found}");
                return ([], false);
            }
        }
        catch (InvalidDataException e)
        {
            Error(fileNode, fileField, $"cannot read the register {display}: {e.Message}");
            return ([], false);
        }
        return new RegisterRows(this, table, bands, workstreamIds, ids, horizon ?? 50).Read();
    }

    private List<double>? ReadBands(YNode node, string field)
    {
        if (NumberList(node, field) is not { } list)
        {
            return null;
        }
        if (list.Count != 5 || list.Any(p => p < 0 || p > 1) || list.Zip(list.Skip(1)).Any(x => x.First >= x.Second))
        {
            Error(node, field, "expected five probabilities within [0, 1], one for each likelihood score 1 to 5, each larger than the one before, "
                + $"found [{string.Join(", ", list.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]");
            return null;
        }
        return list;
    }

    private List<double>? NumberList(YNode node, string field) => NumberList(node, field, false);

    // The register's bytes and its path as messages show it; null (with the problem reported) when it cannot be used.
    private (string Display, byte[] Bytes)? RegisterBytes(YNode node, string field, string name)
    {
        string folder = Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(_file)) ?? ".");
        string shown = Path.Join(Path.GetDirectoryName(_file), name);
        if (name.Trim().Length == 0 || Path.IsPathRooted(name) || name.Contains('\0', StringComparison.Ordinal))
        {
            Error(node, field, $"give the register's path relative to the scenario's folder, e.g. register.xlsx, not '{Printable(name)}'");
            return null;
        }
        string full = Path.GetFullPath(Path.Combine(folder, name));
        if (!Inside(folder, full))
        {
            Error(node, field, $"'{Printable(name)}' is outside the scenario's folder; keep the register in the scenario's folder or a folder below it");
            return null;
        }
        string extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv"))
        {
            Error(node, field, $"a register is an Excel workbook (.xlsx) or a CSV file (.csv), not '{Printable(name)}'");
            return null;
        }
        try
        {
            var info = new FileInfo(full);
            if (LinkOutside(folder, info))
            {
                Error(node, field, $"'{Printable(name)}' leads through a link to outside the scenario's folder; copy the register into the folder instead");
                return null;
            }
            if (!info.Exists)
            {
                Error(node, field, $"cannot read the register {shown}: file not found");
                return null;
            }
            if (info.Length > MaxFileBytes)
            {
                Error(node, field, $"cannot read the register {shown}: it is larger than {MaxFileBytes / (1024 * 1024)} MB");
                return null;
            }
            return (shown, File.ReadAllBytes(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error(node, field, $"cannot read the register {shown}: {e.Message}");
            return null;
        }
    }

    // True when the file, or a folder on the way to it below the scenario's folder, is a link that leads outside it.
    private static bool LinkOutside(string folder, FileInfo file)
    {
        for (FileSystemInfo? step = file; step is not null && Inside(folder, step.FullName); step = step is FileInfo f ? f.Directory : ((DirectoryInfo)step).Parent)
        {
            if (step.LinkTarget is not null && (step.ResolveLinkTarget(returnFinalTarget: true) is not { } target || !Inside(folder, Path.GetFullPath(target.FullName))))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Inside(string folder, string path)
    {
        string root = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private void CellError(RegisterTable table, int row, int column, string field, string message) =>
        _errors.Add(new ScenarioError(table.File, row, column, field, message) { Cell = table.CellName(row, column) });

    private void RowError(RegisterTable table, int row, string field, string message) =>
        _errors.Add(new ScenarioError(table.File, row, 0, field, message) { Cell = table.RowName(row) });

    /// <summary>A register's id made into a scenario id: lower case, other characters as _, "risk_" before a digit ("R-01" → r_01).</summary>
    internal static string RegisterId(string text)
    {
        string id = NotIdCharacters().Replace(text.Trim().ToLowerInvariant(), "_").Trim('_');
        return id.Length > 0 && char.IsAsciiDigit(id[0]) ? "risk_" + id : id;
    }

    /// <summary>A header made comparable: brackets dropped ("Delay min (months)"), then only letters and digits, lower case.</summary>
    internal static string HeaderKey(string header) =>
        NotIdCharacters().Replace(Bracketed().Replace(header.ToLowerInvariant(), ""), "");
}
