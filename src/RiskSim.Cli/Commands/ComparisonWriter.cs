using System.Globalization;
using System.Net;
using System.Text;
using Parquet;
using Parquet.Schema;
using RiskSim.Core.Model;
using RiskSim.IO.Results;

namespace RiskSim.Cli.Commands;

/// <summary>Writes comparison.csv, comparison.parquet and index.html of a batch.</summary>
public static class ComparisonWriter
{
    /// <summary>Column names, in order.</summary>
    public static readonly string[] Columns =
    [
        "scenario", "variant", "file", "folder", "trials", "seed",
        "npv_mean", "npv_p10", "npv_p50", "npv_p90", "p_target_met", "reserve_80", "reserve_90", "reserve_95", "p_payback_within_horizon",
        "paired_npv_mean", "paired_npv_se", "paired_npv_p10", "paired_npv_p50", "paired_npv_p90", "paired_npv_p_worse",
        "paired_cumulative_mean", "paired_cumulative_se", "paired_cumulative_p10", "paired_cumulative_p50", "paired_cumulative_p90",
        "paired_cumulative_p_worse",
    ];

    private static double?[] Numbers(ComparisonRow r) =>
    [
        r.NpvMean, r.NpvP10, r.NpvP50, r.NpvP90, r.ProbabilityTargetMet, r.Reserve80, r.Reserve90, r.Reserve95, r.ProbabilityOfPayback,
        r.PairedNpv?.Mean, r.PairedNpv?.StandardError, r.PairedNpv?.P10, r.PairedNpv?.P50, r.PairedNpv?.P90, r.PairedNpv?.ProbabilityWorse,
        r.PairedCumulative?.Mean, r.PairedCumulative?.StandardError, r.PairedCumulative?.P10, r.PairedCumulative?.P50,
        r.PairedCumulative?.P90, r.PairedCumulative?.ProbabilityWorse,
    ];

    /// <summary>Writes the CSV (invariant culture, empty cells for missing values).</summary>
    public static void WriteCsv(IReadOnlyList<ComparisonRow> rows, string path)
    {
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var r in rows)
        {
            text.Append(Csv(r.Scenario)).Append(',').Append(Csv(r.Variant)).Append(',').Append(Csv(r.File)).Append(',')
                .Append(Csv(r.Folder)).Append(',').Append(r.Trials.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Seed.ToString(CultureInfo.InvariantCulture));
            foreach (double? v in Numbers(r))
            {
                text.Append(',').Append(v is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "");
            }
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;

    /// <summary>Writes the Parquet file with the same columns.</summary>
    public static void WriteParquet(IReadOnlyList<ComparisonRow> rows, string path)
    {
        var text = Columns.Take(4).Select(c => new DataField<string>(c)).ToArray();
        var trials = new DataField<long>("trials");
        var seed = new DataField<long>("seed");
        var numbers = Columns.Skip(6).Select(c => new DataField<double?>(c)).ToArray();
        var schema = new ParquetSchema(text.Cast<Field>().Append(trials).Append(seed).Concat(numbers));
        using var stream = File.Create(path);
        ResultWriters.Sync(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, ResultWriters.Options);
            using var group = writer.CreateRowGroup();
            string[][] columns = [rows.Select(r => r.Scenario).ToArray(), rows.Select(r => r.Variant).ToArray(),
                rows.Select(r => r.File).ToArray(), rows.Select(r => r.Folder).ToArray()];
            for (int c = 0; c < text.Length; c++)
            {
                await group.WriteAsync(text[c], columns[c]);
            }
            await group.WriteAsync<long>(trials, rows.Select(r => r.Trials).ToArray().AsMemory());
            await group.WriteAsync<long>(seed, rows.Select(r => unchecked((long)r.Seed)).ToArray().AsMemory());
            for (int c = 0; c < numbers.Length; c++)
            {
                await group.WriteAsync<double>(numbers[c], rows.Select(r => Numbers(r)[c]).ToArray().AsMemory());
            }
        });
    }

    /// <summary>Writes index.html: one line per run linking its report (or its folder), and the failures.</summary>
    /// <param name="rows">One per run.</param>
    /// <param name="failures">Scenario files that failed, and why.</param>
    /// <param name="charts">Whether comparison.png and each run's report.html were written.</param>
    /// <param name="path">Where to write.</param>
    public static void WriteIndex(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<(string File, string Why)> failures, bool charts, string path)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        static string P(double? p) => p is double v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
        static string M(double? m) => m is double v ? MoneyFormat.Short(v) : "–";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RiskSim batch comparison</title><style>")
            .Append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}td:first-child,td:nth-child(2),th{text-align:left}")
            .Append("img{max-width:100%}.failed{color:#a00}</style></head><body><h1>RiskSim batch comparison</h1>");
        if (charts)
        {
            html.Append("<p><img src=\"comparison.png\" alt=\"NPV distributions and chance of meeting the target, side by side\"></p>");
        }
        html.Append("<table><tr><th>Scenario</th><th>Variant</th><th>NPV P10</th><th>NPV P50</th><th>NPV P90</th><th>P(target)</th>")
            .Append("<th>Reserve 90%</th><th>P(payback)</th><th>NPV change vs base (mean)</th><th>P(worse than base)</th><th>Files</th></tr>");
        foreach (var r in rows)
        {
            string folder = Uri.EscapeDataString(r.Folder);
            string files = charts ? $"<a href=\"{folder}/report.html\">report</a> · <a href=\"{folder}/\">folder</a>" : $"<a href=\"{folder}/\">folder</a>";
            html.Append("<tr><td>").Append(H(r.Scenario)).Append("</td><td>").Append(H(r.Variant.Length == 0 ? "base" : r.Variant))
                .Append("</td><td>").Append(M(r.NpvP10)).Append("</td><td>").Append(M(r.NpvP50)).Append("</td><td>").Append(M(r.NpvP90))
                .Append("</td><td>").Append(P(r.ProbabilityTargetMet)).Append("</td><td>").Append(M(r.Reserve90))
                .Append("</td><td>").Append(P(r.ProbabilityOfPayback)).Append("</td><td>").Append(M(r.PairedNpv?.Mean))
                .Append("</td><td>").Append(P(r.PairedNpv?.ProbabilityWorse))
                .Append("</td><td>").Append(files).Append("</td></tr>");
        }
        html.Append("</table>");
        if (failures.Count > 0)
        {
            html.Append("<h2 class=\"failed\">Failed</h2><ul>");
            foreach (var (file, why) in failures)
            {
                html.Append("<li class=\"failed\">").Append(H(file)).Append(": ").Append(H(why)).Append("</li>");
            }
            html.Append("</ul>");
        }
        html.Append("</body></html>\n");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }
}
