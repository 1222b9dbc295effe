using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using RiskSim.Core.Engine;

namespace RiskSim.IO.Results;

/// <summary>Writes the summary, sensitivity and decision files of a run (the result files, docs/model.md).</summary>
public static partial class ResultWriters
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

    /// <summary>
    /// Writes <c>sensitivity.parquet</c>: input, role, owner, spearman, share (largest share first), then the swing
    /// in pounds: split (<c>deciles</c>, <c>leaves</c> or <c>occurs</c>), npv_mean_low, npv_mean_high, swing and
    /// yes_fraction (null unless the split is yes/no).
    /// </summary>
    public static void WriteSensitivityParquet(RunResult result, string path)
    {
        var input = new DataField<string>("input");
        var role = new DataField<string>("role");
        var owner = new DataField<string>("owner");
        var spearman = new DataField<double>("spearman");
        var share = new DataField<double>("share");
        var split = new DataField<string>("split");
        var meanLow = new DataField<double?>("npv_mean_low");
        var meanHigh = new DataField<double?>("npv_mean_high");
        var swing = new DataField<double?>("swing");
        var yes = new DataField<double?>("yes_fraction");
        var schema = new ParquetSchema(input, role, owner, spearman, share, split, meanLow, meanHigh, swing, yes);
        static double?[] Nullable(IEnumerable<double> values) => values.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();
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
            await group.WriteAsync(split, rows.Select(r => SplitName(r.Split)).ToArray());
            await group.WriteAsync<double>(meanLow, Nullable(rows.Select(r => r.NpvMeanLow)).AsMemory());
            await group.WriteAsync<double>(meanHigh, Nullable(rows.Select(r => r.NpvMeanHigh)).AsMemory());
            await group.WriteAsync<double>(swing, Nullable(rows.Select(r => r.Swing)).AsMemory());
            await group.WriteAsync<double>(yes, Nullable(rows.Select(r => r.YesFraction)).AsMemory());
        });
    }

    /// <summary>snake_case name of a swing split, as in <c>sensitivity.parquet</c>.</summary>
    public static string SplitName(SwingSplit split) => split switch
    {
        SwingSplit.Leaves => "leaves",
        SwingSplit.Occurs => "occurs",
        SwingSplit.GroupScore => "group_score",
        _ => "deciles",
    };

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
        Range(json, "p_target_met_ci95", d.ProbabilityTargetMetCi95);
        Number(json, "cumulative_at_target_year_p20", d.CumulativeAtTargetP20);
        Range(json, "cumulative_at_target_year_p20_ci95", d.ReservesCi95?.P20);
        Number(json, "cumulative_at_target_year_p10", d.CumulativeAtTargetP10);
        Range(json, "cumulative_at_target_year_p10_ci95", d.ReservesCi95?.P10);
        Number(json, "cumulative_at_target_year_p5", d.CumulativeAtTargetP5);
        Range(json, "cumulative_at_target_year_p5_ci95", d.ReservesCi95?.P5);
        Reserves(json, d.Reserve80, d.Reserve90, d.Reserve95, d.ReservesCi95);
        WriteProfile(json, d.Profile, scenario);
        WritePeakFunding(json, d.PeakFunding);
        json.WriteNumber("p_payback_within_horizon", d.ProbabilityOfPayback);
        Range(json, "p_payback_within_horizon_ci95", d.ProbabilityOfPaybackCi95);
        foreach (var p in d.PartnerExits)
        {
            json.WriteNumber($"p_{p.PartnerId}.exit", p.ProbabilityOfExit);
            Range(json, $"p_{p.PartnerId}.exit_ci95", p.Ci95);
        }
        foreach (var r in d.RiskFrequencies)
        {
            json.WriteNumber($"p_{r.RiskId}.occurred", r.Frequency);
            Range(json, $"p_{r.RiskId}.occurred_ci95", r.Ci95);
        }
        json.WriteStartArray("precision_warnings");
        foreach (string warning in DecisionPrecision.Warnings(result))
        {
            json.WriteStringValue(warning);
        }
        json.WriteEndArray();
        // Each partner's figures from its own ledger (empty when the scenario has a single partner).
        json.WriteStartObject("partners");
        foreach (var p in d.Partners)
        {
            json.WriteStartObject(p.PartnerId);
            json.WriteNumber("p_payback", p.ProbabilityOfPayback);
            Range(json, "p_payback_ci95", p.ProbabilityOfPaybackCi95);
            json.WriteNumber("p_npv_negative", p.ProbabilityNpvNegative);
            Range(json, "p_npv_negative_ci95", p.ProbabilityNpvNegativeCi95);
            Target(json, p.Target, scenario);
            Number(json, "p_target_met", p.ProbabilityTargetMet);
            Range(json, "p_target_met_ci95", p.ProbabilityTargetMetCi95);
            Reserves(json, p.Reserve80, p.Reserve90, p.Reserve95, p.ReservesCi95);
            WriteProfile(json, p.Profile, scenario);
            WritePeakFunding(json, p.PeakFunding);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        RiskRegisterWriters.WriteMitigation(json, result);
        WritePlanStanding(json, result);
        WriteTwoOutcomes(json, result);
        json.WriteEndObject();
    }

    // Where the plan's figures fall among all the trials, with 95% Wilson intervals.
    private static void WritePlanStanding(Utf8JsonWriter json, RunResult result)
    {
        if (result.PlanStanding is not { } plan)
        {
            return;
        }
        json.WriteStartObject("plan");
        json.WriteNumber("npv", plan.PlanNpv);
        json.WriteNumber("trials_npv_reached", plan.TrialsNpvAtLeast);
        json.WriteNumber("p_npv_reached", plan.NpvReached);
        json.WriteNumber("p_npv_reached_low95", plan.NpvInterval.Low);
        json.WriteNumber("p_npv_reached_high95", plan.NpvInterval.High);
        json.WriteNumber("cumulative_year", plan.Year);
        json.WriteString("cumulative_year_label", result.Scenario.YearLabel(plan.Year));
        json.WriteNumber("cumulative_net_savings", plan.PlanCumulative);
        json.WriteNumber("trials_cumulative_reached", plan.TrialsCumulativeAtLeast);
        json.WriteNumber("p_cumulative_reached", plan.CumulativeReached);
        json.WriteNumber("p_cumulative_reached_low95", plan.CumulativeInterval.Low);
        json.WriteNumber("p_cumulative_reached_high95", plan.CumulativeInterval.High);
        json.WriteEndObject();
    }

    // Results that fall into two groups because of one yes/no event (empty list when none does).
    private static void WriteTwoOutcomes(Utf8JsonWriter json, RunResult result)
    {
        json.WriteStartArray("two_outcome");
        foreach (var t in result.TwoOutcomes)
        {
            json.WriteStartObject();
            json.WriteString("metric", t.Metric);
            Number(json, "year", t.Year);
            json.WriteString("driver", t.Kind == OutcomeDriverKind.PartnerLeaves ? "partner_leaves" : "risk_occurs");
            json.WriteString("driver_id", t.DriverId);
            json.WriteString("driver_name", t.DriverName);
            json.WriteNumber("p_yes", t.YesFraction);
            json.WriteNumber("median_if_yes", t.MedianYes);
            json.WriteNumber("median_if_no", t.MedianNo);
            json.WriteNumber("median", t.Median);
            Number(json, "separation", double.IsFinite(t.Separation) ? t.Separation : null);
            json.WriteNumber("dip_ratio", t.DipRatio);
            json.WriteEndObject();
        }
        json.WriteEndArray();
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
        if (target.Profile is not null)
        {
            json.WriteString("basis", target.Basis == Core.Model.TargetBasis.Annual ? "annual" : "cumulative");
        }
        json.WriteEndObject();
    }

    // The three reserves, each followed by its 95% interval.
    private static void Reserves(Utf8JsonWriter json, double? r80, double? r90, double? r95, ReserveIntervals? ci)
    {
        Number(json, "reserve_80", r80);
        Range(json, "reserve_80_ci95", ci?.Reserve80);
        Number(json, "reserve_90", r90);
        Range(json, "reserve_90_ci95", ci?.Reserve90);
        Number(json, "reserve_95", r95);
        Range(json, "reserve_95_ci95", ci?.Reserve95);
    }

    // A 95% interval as [low, high], or null when the figure is null.
    private static void Range(Utf8JsonWriter json, string name, Core.Statistics.Interval? interval)
    {
        if (interval is not { } ci)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartArray(name);
        json.WriteNumberValue(ci.Low);
        json.WriteNumberValue(ci.High);
        json.WriteEndArray();
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
        if (provenance.RegisterFile is { } register)
        {
            json.WriteString("register_file", register);
            json.WriteString("register_sha256", provenance.RegisterSha256);
        }
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
        PrecisionRun(json, result);
        json.WriteEndObject();
    }

    // A run to a precision: what was asked, whether it was reached, and the watched figures at each checkpoint.
    private static void PrecisionRun(Utf8JsonWriter json, RunResult result)
    {
        if (result.Precision is not { } outcome)
        {
            json.WriteNull("precision_run");
            return;
        }
        json.WriteStartObject("precision_run");
        json.WriteNumber("precision", outcome.Goal.Margin);
        json.WriteNumber("max_trials", outcome.MaxTrials);
        json.WriteBoolean("reached", outcome.Reached);
        json.WriteString("statement", outcome.Sentence(result.Trials));
        json.WriteStartArray("checkpoints");
        foreach (var checkpoint in outcome.Checkpoints)
        {
            json.WriteStartObject();
            json.WriteNumber("trials", checkpoint.Trials);
            foreach (var figure in checkpoint.Figures)
            {
                Number(json, figure.Name, double.IsNaN(figure.Value) ? null : figure.Value);
                Range(json, figure.Name + "_ci95", figure.Ci95);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Runs Parquet.Net's asynchronous writing to completion from synchronous code.</summary>
    public static void Sync(Func<Task> action) => Task.Run(action).GetAwaiter().GetResult();
}
