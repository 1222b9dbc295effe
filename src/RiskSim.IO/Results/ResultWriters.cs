using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using RiskSim.Core.Engine;

namespace RiskSim.IO.Results;

/// <summary>Writes the summary, sensitivity and decision files of a run (the result files, docs/model.md).</summary>
public static class ResultWriters
{
    /// <summary>Column order of <c>summary.csv</c> and <c>summary.parquet</c>.</summary>
    public static readonly string[] SummaryColumns =
        ["partner", "metric", "year", "mean", "sd", "min", "max", "p5", "p10", "p25", "p50", "p75", "p90", "p95"];

    /// <summary>Options for every Parquet file RiskSim writes: Snappy, fast and read by every client.</summary>
    public static ParquetOptions Options => new() { CompressionMethod = CompressionMethod.Snappy };

    /// <summary>Writes <c>summary.csv</c>.</summary>
    public static void WriteSummaryCsv(RunResult result, string path)
    {
        var csv = new Csv(SummaryColumns);
        foreach (var row in result.Summary)
        {
            csv.Text(row.Partner).Text(row.Metric).WholeNumber(row.Year);
            foreach (double v in StatValues(row))
            {
                csv.Number(v);
            }
            csv.EndRow();
        }
        csv.Save(path);
    }

    private static double[] StatValues(SummaryRow r) =>
        [r.Mean, r.Sd, r.Min, r.Max, r.P5, r.P10, r.P25, r.P50, r.P75, r.P90, r.P95];

    /// <summary>Writes <c>summary.parquet</c> with the same columns as the CSV.</summary>
    public static void WriteSummaryParquet(RunResult result, string path)
    {
        var partner = new DataField<string>("partner", true);
        var metric = new DataField<string>("metric");
        var year = new DataField<int?>("year");
        var stats = SummaryColumns.Skip(3).Select(c => new DataField<double?>(c)).ToArray();
        var schema = new ParquetSchema(new Field[] { partner, metric, year }.Concat(stats));
        using var stream = File.Create(path);
        Sync(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, Options);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(partner, result.Summary.Select(r => r.Partner).ToArray());
            await group.WriteAsync(metric, result.Summary.Select(r => r.Metric).ToArray());
            await group.WriteAsync<int>(year, result.Summary.Select(r => r.Year).ToArray().AsMemory());
            for (int c = 0; c < stats.Length; c++)
            {
                var values = result.Summary.Select(r => StatValues(r)[c]).Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();
                await group.WriteAsync<double>(stats[c], values.AsMemory());
            }
        });
    }

    /// <summary>Writes <c>sensitivity.parquet</c>: input, role, owner, spearman, share, in tornado order.</summary>
    public static void WriteSensitivityParquet(RunResult result, string path)
    {
        var input = new DataField<string>("input");
        var role = new DataField<string>("role");
        var owner = new DataField<string>("owner");
        var spearman = new DataField<double>("spearman");
        var share = new DataField<double>("share");
        var schema = new ParquetSchema(input, role, owner, spearman, share);
        var rows = result.Sensitivity;
        using var stream = File.Create(path);
        Sync(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, Options);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(input, rows.Select(r => r.Input).ToArray());
            await group.WriteAsync(role, rows.Select(r => RoleName(r.Role)).ToArray());
            await group.WriteAsync(owner, rows.Select(r => r.Owner).ToArray());
            await group.WriteAsync<double>(spearman, rows.Select(r => r.Spearman).ToArray().AsMemory());
            await group.WriteAsync<double>(share, rows.Select(r => r.Share).ToArray().AsMemory());
        });
    }

    /// <summary>snake_case name of an input role, as in the files.</summary>
    public static string RoleName(Core.Model.InputRole role) => role switch
    {
        Core.Model.InputRole.AnnualSaving => "annual_saving",
        Core.Model.InputRole.DelayMonths => "delay_months",
        Core.Model.InputRole.ImplementationCost => "implementation_cost",
        Core.Model.InputRole.DelayCostPerMonth => "delay_cost_per_month",
        Core.Model.InputRole.RedundancyHeadcount => "redundancy_headcount",
        Core.Model.InputRole.RedundancyCostPerHead => "redundancy_cost_per_head",
        Core.Model.InputRole.WithdrawalNotice => "withdrawal",
        Core.Model.InputRole.SavingsLost => "savings_lost",
        Core.Model.InputRole.ExitCost => "exit_cost",
        Core.Model.InputRole.RiskOccurs => "risk_occurs",
        Core.Model.InputRole.RiskYear => "risk_year",
        Core.Model.InputRole.RiskCost => "risk_cost",
        _ => "risk_delay",
    };

    /// <summary>Writes <c>decision.json</c>: the decision figures of a run by name.</summary>
    public static void WriteDecisionJson(RunResult result, string path)
    {
        var d = result.Decision;
        var scenario = result.Scenario;
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("scenario", scenario.Name);
        json.WriteNumber("trials", result.Trials);
        json.WriteNumber("seed", result.Seed);
        Target(json, d.Target, scenario);
        Number(json, "p_target_met", d.ProbabilityTargetMet);
        Number(json, "cumulative_at_target_year_p20", d.CumulativeAtTargetP20);
        Number(json, "cumulative_at_target_year_p10", d.CumulativeAtTargetP10);
        Number(json, "cumulative_at_target_year_p5", d.CumulativeAtTargetP5);
        Number(json, "reserve_80", d.Reserve80);
        Number(json, "reserve_90", d.Reserve90);
        Number(json, "reserve_95", d.Reserve95);
        json.WriteNumber("p_payback_within_horizon", d.ProbabilityOfPayback);
        foreach (var p in d.PartnerExits)
        {
            json.WriteNumber($"p_{p.PartnerId}.exit", p.ProbabilityOfExit);
        }
        foreach (var r in d.RiskFrequencies)
        {
            json.WriteNumber($"p_{r.RiskId}.occurred", r.Frequency);
        }
        // Each partner's figures from its own ledger (empty when the scenario has a single partner).
        json.WriteStartObject("partners");
        foreach (var p in d.Partners)
        {
            json.WriteStartObject(p.PartnerId);
            json.WriteNumber("p_payback", p.ProbabilityOfPayback);
            json.WriteNumber("p_npv_negative", p.ProbabilityNpvNegative);
            Target(json, p.Target, scenario);
            Number(json, "p_target_met", p.ProbabilityTargetMet);
            Number(json, "reserve_80", p.Reserve80);
            Number(json, "reserve_90", p.Reserve90);
            Number(json, "reserve_95", p.Reserve95);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // A target as { cumulative_net_savings, by_year, by_year_label }, or null.
    private static void Target(Utf8JsonWriter json, Core.Model.SavingsTarget? target, Core.Model.Scenario scenario)
    {
        if (target is null)
        {
            json.WriteNull("target");
            return;
        }
        json.WriteStartObject("target");
        json.WriteNumber("cumulative_net_savings", target.CumulativeNetSavings);
        json.WriteNumber("by_year", target.ByYear);
        json.WriteString("by_year_label", scenario.YearLabel(target.ByYear));
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes <c>run.json</c>: provenance and timings.</summary>
    public static void WriteRunJson(RunResult result, RunProvenance provenance, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("tool", "RiskSim");
        json.WriteString("tool_version", provenance.ToolVersion);
        json.WriteString("scenario", result.Scenario.Name);
        json.WriteString("scenario_file", provenance.ScenarioFile);
        json.WriteString("scenario_sha256", provenance.ScenarioSha256);
        json.WriteNumber("seed", result.Seed);
        json.WriteNumber("trials", result.Trials);
        json.WriteNumber("trials_written", provenance.TrialsWritten);
        json.WriteNumber("threads", result.Threads);
        json.WriteString("started_utc", provenance.StartedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteNumber("sensitivity_trials", result.SensitivityTrials);
        json.WriteNumber("percentile_error_bound_points", result.PercentileErrorBound);
        json.WriteBoolean("exact_percentile_pass", result.ExactPercentilePass);
        json.WriteStartObject("timings_seconds");
        json.WriteNumber("simulation", Math.Round(result.Timings.Simulation.TotalSeconds, 3));
        json.WriteNumber("statistics", Math.Round(result.Timings.Statistics.TotalSeconds, 3));
        json.WriteNumber("sensitivity", Math.Round(result.Timings.Sensitivity.TotalSeconds, 3));
        json.WriteNumber("total", Math.Round(provenance.TotalSeconds, 3));
        json.WriteEndObject();
        json.WriteNumber("trials_per_second", Math.Round(result.Trials / Math.Max(1e-9, result.Timings.Simulation.TotalSeconds)));
        if (provenance.Marking is { } marking)
        {
            json.WriteString("protective_marking", marking);
        }
        else
        {
            json.WriteNull("protective_marking");
        }
        json.WriteEndObject();
    }

    /// <summary>Runs Parquet.Net's asynchronous writing to completion from synchronous code.</summary>
    public static void Sync(Func<Task> action) => Task.Run(action).GetAwaiter().GetResult();
}
