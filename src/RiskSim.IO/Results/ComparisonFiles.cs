using Parquet;
using Parquet.Schema;
using RiskSim.Core.Engine;

namespace RiskSim.IO.Results;

/// <summary>
/// Writes a batch's comparison.csv and comparison.parquet, the same columns in both: per run, its programme row
/// (<c>partner</c> empty), then one row per partner from that partner's own ledger when the run keeps ledgers.
/// </summary>
public static class ComparisonFiles
{
    /// <summary>Column names, in order.</summary>
    public static readonly string[] Columns =
    [
        "partner", "scenario", "variant", "file", "folder", "currency", "trials", "seed",
        "npv_mean", "npv_p10", "npv_p50", "npv_p90", "p_target_met", "reserve_80", "reserve_90", "reserve_95", "p_payback_within_horizon",
        "paired_npv_mean", "paired_npv_se", "paired_npv_p10", "paired_npv_p50", "paired_npv_p90", "paired_npv_p_worse",
        "paired_cumulative_mean", "paired_cumulative_se", "paired_cumulative_p10", "paired_cumulative_p50", "paired_cumulative_p90",
        "paired_cumulative_p_worse",
        "p_target_met_ci95_low", "p_target_met_ci95_high", "reserve_80_ci95_low", "reserve_80_ci95_high", "reserve_90_ci95_low",
        "reserve_90_ci95_high", "reserve_95_ci95_low", "reserve_95_ci95_high", "p_payback_within_horizon_ci95_low",
        "p_payback_within_horizon_ci95_high", "npv_mean_ci95_low", "npv_mean_ci95_high",
    ];

    /// <summary>A row's number columns, in <see cref="Columns"/> order from <c>npv_mean</c> on.</summary>
    internal static double?[] Numbers(ComparisonRow r) =>
    [
        r.NpvMean, r.NpvP10, r.NpvP50, r.NpvP90, r.ProbabilityTargetMet, r.Reserve80, r.Reserve90, r.Reserve95, r.ProbabilityOfPayback,
        r.PairedNpv?.Mean, r.PairedNpv?.StandardError, r.PairedNpv?.P10, r.PairedNpv?.P50, r.PairedNpv?.P90, r.PairedNpv?.ProbabilityWorse,
        r.PairedCumulative?.Mean, r.PairedCumulative?.StandardError, r.PairedCumulative?.P10, r.PairedCumulative?.P50,
        r.PairedCumulative?.P90, r.PairedCumulative?.ProbabilityWorse,
        r.Ci95?.ProbabilityTargetMet?.Low, r.Ci95?.ProbabilityTargetMet?.High, r.Ci95?.Reserve80?.Low, r.Ci95?.Reserve80?.High,
        r.Ci95?.Reserve90?.Low, r.Ci95?.Reserve90?.High, r.Ci95?.Reserve95?.Low, r.Ci95?.Reserve95?.High,
        r.Ci95?.ProbabilityOfPayback.Low, r.Ci95?.ProbabilityOfPayback.High, r.Ci95?.NpvMean.Low, r.Ci95?.NpvMean.High,
    ];

    /// <summary>Writes the CSV (invariant culture, empty cells for missing values).</summary>
    public static void WriteCsv(IReadOnlyList<ComparisonRow> rows, string path)
    {
        var csv = new Csv(Columns);
        foreach (var r in rows)
        {
            csv.Text(r.Partner ?? "").Text(r.Scenario).Text(r.Variant).Text(r.File).Text(r.Folder).Text(r.Currency).WholeNumber(r.Trials).Text(r.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (double? v in Numbers(r))
            {
                csv.Number(v);
            }
            csv.EndRow();
        }
        csv.Save(path);
    }

    /// <summary>Writes the Parquet file with the same columns.</summary>
    public static void WriteParquet(IReadOnlyList<ComparisonRow> rows, string path)
    {
        var text = Columns.Take(6).Select(c => new DataField<string>(c)).ToArray();
        var trials = new DataField<long>("trials");
        var seed = new DataField<long>("seed");
        var numbers = Columns.Skip(8).Select(c => new DataField<double?>(c)).ToArray();
        var schema = new ParquetSchema(text.Cast<Field>().Append(trials).Append(seed).Concat(numbers));
        using var stream = File.Create(path);
        ResultWriters.Sync(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, ResultWriters.Options);
            using var group = writer.CreateRowGroup();
            string[][] columns = [rows.Select(r => r.Partner ?? "").ToArray(), rows.Select(r => r.Scenario).ToArray(), rows.Select(r => r.Variant).ToArray(),
                rows.Select(r => r.File).ToArray(), rows.Select(r => r.Folder).ToArray(), rows.Select(r => r.Currency).ToArray()];
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
}
