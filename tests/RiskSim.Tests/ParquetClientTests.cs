using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using RiskSim.Cli.Commands;
using RiskSim.IO.Results;

namespace RiskSim.Tests;

/// <summary>One run of the shared ICT reference scenario (50,000 trials, all kept) shared by the tests.</summary>
public sealed class ReferenceRunFixture : IDisposable
{
    public const long Trials = 50_000;

    public ReferenceRunFixture()
    {
        Folder = TestPaths.NewTempFolder("duckdb");
        var run = RunCommandTests.Run(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"), Folder, Trials);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"the reference run failed: {run}");
        }
    }

    public string Folder { get; }

    /// <summary>A file of the run, as a DuckDB string literal's contents.</summary>
    public string File(string name) => Path.Combine(Folder, name).Replace("'", "''", StringComparison.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>
/// Our Parquet, CSV and JSON files read by real clients (DuckDB and System.Text.Json), checked against the
/// column contract of the result files and against each other.
/// </summary>
public class ParquetClientTests(ReferenceRunFixture run) : IClassFixture<ReferenceRunFixture>
{
    private const int H = 6;
    private const double Target = 600_000;
    private const int TargetYear = 4;

    /// <summary>0.05 percentile points (the results of a run), plus one trial's worth for ties and rounding.</summary>
    private const double PercentileTolerance = 0.0005 + 1.0 / ReferenceRunFixture.Trials;

    private static readonly string[] Percentiles = ["p5", "p10", "p25", "p50", "p75", "p90", "p95"];

    private string Trials => $"read_parquet('{run.File("trials.parquet")}')";

    private string SummaryFile => $"read_parquet('{run.File("summary.parquet")}')";

    /// <summary>The programme's rows (each partner's own rows follow them in the same file).</summary>
    private string Summary => $"(SELECT * EXCLUDE (partner) FROM {SummaryFile} WHERE partner IS NULL)";

    private const int Partners = 4;

    private string Sensitivity => $"read_parquet('{run.File("sensitivity.parquet")}')";

    // ---- trials.parquet --------------------------------------------------------------------------

    [Fact]
    public void The_trials_file_has_one_row_per_trial_numbered_from_1()
    {
        Assert.Equal(ReferenceRunFixture.Trials, Duck.Scalar<long>($"SELECT count(*) FROM {Trials}"));
        Assert.Equal(ReferenceRunFixture.Trials, Duck.Scalar<long>($"SELECT count(DISTINCT trial) FROM {Trials}"));
        Assert.Equal(1L, Duck.Scalar<long>($"SELECT min(trial) FROM {Trials}"));
        Assert.Equal(ReferenceRunFixture.Trials, Duck.Scalar<long>($"SELECT max(trial) FROM {Trials}"));
    }

    [Fact]
    public void The_trials_file_has_the_columns_of_the_contract()
    {
        var schema = Duck.Rows($"DESCRIBE SELECT * FROM {Trials}")
            .Select(r => (Name: (string)r[0]!, Type: (string)r[1]!)).ToList();
        var names = schema.Select(c => c.Name).ToList();

        string[] leading = ["trial", "npv", "total_net_savings", "payback_year", .. Enumerable.Range(1, H).Select(t => $"net_y{t}")];
        Assert.Equal(leading, names.Take(leading.Length));
        string[] dotted =
        [
            "ict.annual_saving", "ict.delay_months", "ict.implementation_cost", "ict.delay_cost_per_month",
            "ict.redundancy.headcount", "ict.redundancy.cost_per_head", "helpdesk.annual_saving", "helpdesk.delay_months",
            "county.withdrawal", "county.exit_cost", "city.withdrawal", "city.exit_cost", "west.withdrawal", "west.savings_lost",
            "tupe_challenge.occurs", "tupe_challenge.year", "tupe_challenge.cost", "tupe_challenge.delay_months.ict",
            "licence.occurs", "licence.cost", "outage.occurs", "outage.year", "outage.cost",
            "ict.go_live_month", "helpdesk.go_live_month", "county.exit_month", "city.exit_month", "west.exit_month",
            "tupe_challenge.occurred", "licence.occurred", "outage.occurred",
            "county.npv", "county.total_net_savings", "city.npv", "east.npv", "west.npv", "west.total_net_savings",
        ];
        foreach (string name in dotted)
        {
            Assert.True(names.Contains(name), $"trials.parquet has no column '{name}'; it has: {string.Join(", ", names)}");
        }
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        // East never leaves: no exit month for it.
        Assert.DoesNotContain("east.exit_month", names);

        string TypeOf(string column) => schema.Single(c => c.Name == column).Type;
        Assert.Equal("DOUBLE", TypeOf("npv"));
        Assert.Equal("DOUBLE", TypeOf("ict.annual_saving"));
        Assert.Equal("DOUBLE", TypeOf("city.exit_month"));
        Assert.Equal("BOOLEAN", TypeOf("licence.occurred"));
        Assert.Contains(TypeOf("payback_year"), new[] { "INTEGER", "BIGINT" });
        Assert.Contains(TypeOf("trial"), new[] { "INTEGER", "BIGINT" });
    }

    [Fact]
    public void The_mean_npv_of_the_trials_file_equals_the_summary()
    {
        double fromTrials = Duck.Scalar<double>($"SELECT avg(npv) FROM {Trials}");
        double fromSummary = Duck.Scalar<double>($"SELECT mean FROM {Summary} WHERE metric = 'npv'");
        AssertRelative(fromSummary, fromTrials, 1e-9, "npv mean");
    }

    [Fact]
    public void Every_mean_in_the_summary_matches_the_trials_file()
    {
        AssertRelative(Duck.Scalar<double>($"SELECT mean FROM {Summary} WHERE metric = 'total_net_savings'"),
            Duck.Scalar<double>($"SELECT avg(total_net_savings) FROM {Trials}"), 1e-9, "total_net_savings mean");
        for (int t = 1; t <= H; t++)
        {
            AssertRelative(Duck.Scalar<double>($"SELECT mean FROM {Summary} WHERE metric = 'net_savings' AND year = {t}"),
                Duck.Scalar<double>($"SELECT avg(net_y{t}) FROM {Trials}"), 1e-9, $"net_savings year {t} mean");
            string cumulative = string.Join(" + ", Enumerable.Range(1, t).Select(k => $"net_y{k}"));
            AssertRelative(Duck.Scalar<double>($"SELECT mean FROM {Summary} WHERE metric = 'cumulative_net_savings' AND year = {t}"),
                Duck.Scalar<double>($"SELECT avg({cumulative}) FROM {Trials}"), 1e-9, $"cumulative year {t} mean");
        }
        AssertRelative(Duck.Scalar<double>($"SELECT mean FROM {Summary} WHERE metric = 'payback_year'"),
            Duck.Scalar<double>($"SELECT avg(payback_year) FROM {Trials} WHERE payback_year IS NOT NULL"), 1e-9, "payback mean");
        Assert.Equal(Duck.Scalar<double>($"SELECT min(npv) FROM {Trials}"), Duck.Scalar<double>($"SELECT min FROM {Summary} WHERE metric = 'npv'"));
        Assert.Equal(Duck.Scalar<double>($"SELECT max(npv) FROM {Trials}"), Duck.Scalar<double>($"SELECT max FROM {Summary} WHERE metric = 'npv'"));
    }

    [Theory]
    [InlineData("npv", "npv")]
    [InlineData("total_net_savings", "total_net_savings")]
    [InlineData("net_savings", "net_y2")]
    [InlineData("cumulative_net_savings", "net_y1 + net_y2 + net_y3 + net_y4")]
    public void Summary_percentiles_are_within_the_tolerance_of_the_empirical_ones(string metric, string expression)
    {
        string where = metric is "net_savings" ? "AND year = 2" : metric is "cumulative_net_savings" ? "AND year = 4" : "";
        var row = Duck.Rows($"SELECT {string.Join(", ", Percentiles)} FROM {Summary} WHERE metric = '{metric}' {where}").Single();
        for (int i = 0; i < Percentiles.Length; i++)
        {
            double q = double.Parse(Percentiles[i][1..], CultureInfo.InvariantCulture) / 100;
            AssertQuantile(expression, Convert.ToDouble(row[i], CultureInfo.InvariantCulture), q, $"{metric} {Percentiles[i]}");
        }
    }

    // ---- summary.parquet and summary.csv -----------------------------------------------------------

    [Fact]
    public void The_summary_has_the_14_columns_in_order_and_4H_plus_4_rows_per_ledger()
    {
        var names = Duck.Rows($"DESCRIBE SELECT * FROM {SummaryFile}").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["partner", "metric", "year", "mean", "sd", "min", "max", "p5", "p10", "p25", "p50", "p75", "p90", "p95"], names);
        Assert.Equal(4L * H + 4, Duck.Scalar<long>($"SELECT count(*) FROM {Summary}"));
        // Programme rows first, then each partner's, in scenario order.
        Assert.Equal((1 + Partners) * (4L * H + 4), Duck.Scalar<long>($"SELECT count(*) FROM {SummaryFile}"));
        var order = Duck.Rows($"SELECT coalesce(partner, '') FROM {SummaryFile}").Select(r => (string)r[0]!).Distinct().ToList();
        Assert.Equal(["", "county", "city", "east", "west"], order);

        foreach (string metric in new[] { "gross_savings", "costs", "net_savings", "cumulative_net_savings" })
        {
            var years = Duck.Rows($"SELECT year FROM {Summary} WHERE metric = '{metric}' ORDER BY year")
                .Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(1, H), years);
        }
        foreach (string metric in new[] { "npv", "total_net_savings", "payback_year", "peak_funding" })
        {
            Assert.Equal(1L, Duck.Scalar<long>($"SELECT count(*) FROM {Summary} WHERE metric = '{metric}' AND year IS NULL"));
        }
    }

    [Fact]
    public void Summary_rows_are_internally_consistent()
    {
        foreach (var r in Duck.Rows($"SELECT metric, year, mean, sd, min, max, p5, p10, p25, p50, p75, p90, p95 FROM {Summary}"))
        {
            string label = $"{r[0]} {r[1]}";
            double[] v = r.Skip(2).Select(x => Convert.ToDouble(x, CultureInfo.InvariantCulture)).ToArray();
            double mean = v[0], sd = v[1], min = v[2], max = v[3];
            double[] p = v[4..];
            Assert.True(sd >= 0, label);
            Assert.True(min <= mean && mean <= max, label);
            Assert.True(p.Zip(p.Skip(1)).All(x => x.First <= x.Second), $"{label}: percentiles not in order");
            Assert.True(min <= p[0] && p[^1] <= max, label);
        }
    }

    [Fact]
    public void The_summary_csv_has_the_same_values_as_the_summary_parquet()
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(run.Folder, "summary.csv"));
        Assert.Equal(string.Join(',', ResultWriters.SummaryColumns), lines[0]);
        var parquet = Duck.Rows($"SELECT * FROM {SummaryFile}");
        Assert.Equal(parquet.Count, lines.Length - 1);
        for (int i = 0; i < parquet.Count; i++)
        {
            string[] csv = lines[i + 1].Split(',');
            Assert.Equal(14, csv.Length);
            Assert.Equal((string?)parquet[i][0] ?? "", csv[0]);
            Assert.Equal((string)parquet[i][1]!, csv[1]);
            Assert.Equal(parquet[i][2] is null ? "" : Convert.ToString(parquet[i][2], CultureInfo.InvariantCulture), csv[2]);
            for (int c = 3; c < 14; c++)
            {
                double? fromParquet = parquet[i][c] is null ? null : Convert.ToDouble(parquet[i][c], CultureInfo.InvariantCulture);
                double? fromCsv = csv[c].Length == 0 ? null : double.Parse(csv[c], NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(fromParquet == fromCsv, $"row {i + 1} column {ResultWriters.SummaryColumns[c]}: csv {csv[c]}, parquet {fromParquet}");
            }
        }
    }

    [Fact]
    public void DuckDB_reads_the_summary_csv_too()
    {
        string csv = Path.Combine(run.Folder, "summary.csv").Replace("'", "''", StringComparison.Ordinal);
        Assert.Equal((1 + Partners) * (4L * H + 4), Duck.Scalar<long>($"SELECT count(*) FROM read_csv('{csv}', header = true)"));
        AssertRelative(Duck.Scalar<double>($"SELECT mean FROM {Summary} WHERE metric = 'npv'"),
            Duck.Scalar<double>($"SELECT mean FROM read_csv('{csv}', header = true) WHERE metric = 'npv' AND partner IS NULL"), 0, "npv mean via csv");
    }

    // ---- sensitivity.parquet ---------------------------------------------------------------------

    [Fact]
    public void Sensitivity_shares_sum_to_1_in_tornado_order()
    {
        var rows = Duck.Rows($"SELECT input, spearman, share FROM {Sensitivity}")
            .Select(r => (Input: (string)r[0]!, Spearman: Convert.ToDouble(r[1], CultureInfo.InvariantCulture),
                Share: Convert.ToDouble(r[2], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(1.0, rows.Sum(r => r.Share), 9);
        double squares = rows.Sum(r => r.Spearman * r.Spearman);
        foreach (var r in rows)
        {
            Assert.InRange(r.Spearman, -1, 1);
            Assert.Equal(r.Spearman * r.Spearman / squares, r.Share, 9);
        }
        Assert.True(rows.Zip(rows.Skip(1)).All(x => x.First.Share >= x.Second.Share), "not in tornado order");
        var trialColumns = Duck.Rows($"DESCRIBE SELECT * FROM {Trials}").Select(r => (string)r[0]!).ToHashSet();
        foreach (var r in rows)
        {
            Assert.True(trialColumns.Contains(r.Input), $"sensitivity input '{r.Input}' is not a trials.parquet column");
        }
        // The saving of the main workstream is one of the largest drivers of NPV, and raises it.
        var saving = rows.Single(r => r.Input == "ict.annual_saving");
        Assert.True(saving.Spearman > 0.2, $"ict.annual_saving spearman {saving.Spearman}");
    }

    [Fact]
    public void Sensitivity_has_the_swing_columns_and_they_match_the_trials_file()
    {
        var names = Duck.Rows($"DESCRIBE SELECT * FROM {Sensitivity}").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["input", "role", "owner", "spearman", "share", "split", "npv_mean_low", "npv_mean_high", "swing", "yes_fraction"], names);
        // Every trial of the run is in the sensitivity sample (50,000 ≤ 200,000), so each swing can be recomputed from
        // trials.parquet: a saving's lowest and highest tenth ranked as the sample holds it (float, ties by trial).
        var saving = Duck.Rows($"SELECT split, npv_mean_low, npv_mean_high, swing, yes_fraction FROM {Sensitivity} WHERE input = 'ict.annual_saving'").Single();
        Assert.Equal("deciles", saving[0]);
        Assert.Null(saving[4]);
        long tenth = ReferenceRunFixture.Trials / 10;
        double low = Duck.Scalar<double>($"SELECT avg(npv) FROM (SELECT npv FROM {Trials} ORDER BY CAST(\"ict.annual_saving\" AS FLOAT), trial LIMIT {tenth})");
        double high = Duck.Scalar<double>($"SELECT avg(npv) FROM (SELECT npv FROM {Trials} ORDER BY CAST(\"ict.annual_saving\" AS FLOAT), trial OFFSET {ReferenceRunFixture.Trials - tenth})");
        Assert.Equal(low, Convert.ToDouble(saving[1], CultureInfo.InvariantCulture), 6);
        Assert.Equal(high, Convert.ToDouble(saving[2], CultureInfo.InvariantCulture), 6);
        Assert.Equal(high - low, Convert.ToDouble(saving[3], CultureInfo.InvariantCulture), 6);
        Assert.True(high > low, "a higher saving raises NPV");

        // A withdrawal splits on the trial's own exit: "no" when it stays, "yes" when it leaves within the horizon.
        var city = Duck.Rows($"SELECT split, npv_mean_low, npv_mean_high, yes_fraction FROM {Sensitivity} WHERE input = 'city.withdrawal'").Single();
        Assert.Equal("leaves", city[0]);
        Assert.Equal(Duck.Scalar<double>($"SELECT avg(npv) FROM {Trials} WHERE \"city.exit_month\" IS NULL"), Convert.ToDouble(city[1], CultureInfo.InvariantCulture), 6);
        Assert.Equal(Duck.Scalar<double>($"SELECT avg(npv) FROM {Trials} WHERE \"city.exit_month\" IS NOT NULL"), Convert.ToDouble(city[2], CultureInfo.InvariantCulture), 6);
        Assert.Equal(Duck.Scalar<double>($"SELECT avg(CASE WHEN \"city.exit_month\" IS NULL THEN 0.0 ELSE 1.0 END) FROM {Trials}"),
            Convert.ToDouble(city[3], CultureInfo.InvariantCulture), 12);

        // A risk splits on whether it occurred.
        var licence = Duck.Rows($"SELECT split, npv_mean_low, npv_mean_high FROM {Sensitivity} WHERE input = 'licence.occurs'").Single();
        Assert.Equal("occurs", licence[0]);
        Assert.Equal(Duck.Scalar<double>($"SELECT avg(npv) FROM {Trials} WHERE \"licence.occurred\""), Convert.ToDouble(licence[2], CultureInfo.InvariantCulture), 6);
        Assert.Equal(Duck.Scalar<double>($"SELECT avg(npv) FROM {Trials} WHERE NOT \"licence.occurred\""), Convert.ToDouble(licence[1], CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public void The_plans_standing_counts_every_trial_at_or_above_the_plan()
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        var plan = json.RootElement.GetProperty("plan");
        string npv = plan.GetProperty("npv").GetDouble().ToString("R", CultureInfo.InvariantCulture);
        long reached = Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE npv >= {npv}");
        Assert.Equal(reached, plan.GetProperty("trials_npv_reached").GetInt64());
        Assert.Equal(reached / (double)ReferenceRunFixture.Trials, plan.GetProperty("p_npv_reached").GetDouble(), 12);
        Assert.True(plan.GetProperty("p_npv_reached_low95").GetDouble() < plan.GetProperty("p_npv_reached").GetDouble());
        Assert.True(plan.GetProperty("p_npv_reached_high95").GetDouble() > plan.GetProperty("p_npv_reached").GetDouble());
        Assert.Equal(TargetYear, plan.GetProperty("cumulative_year").GetInt32());
        // The cumulative figure is summed here in another order: allow one trial either way.
        string cumulative = string.Join(" + ", Enumerable.Range(1, TargetYear).Select(k => $"net_y{k}"));
        string planCumulative = plan.GetProperty("cumulative_net_savings").GetDouble().ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE {cumulative} >= {planCumulative}"),
            plan.GetProperty("trials_cumulative_reached").GetInt64(), 1.0);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("two_outcome").ValueKind);
    }

    // ---- decision.json -------------------------------------------------------------------------

    [Fact]
    public void The_decision_file_has_every_decision_figure_by_name()
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        var root = json.RootElement;
        string[] names =
        [
            "p_target_met", "reserve_80", "reserve_90", "reserve_95", "p_payback_within_horizon",
            "p_county.exit", "p_city.exit", "p_west.exit",
            "p_tupe_challenge.occurred", "p_licence.occurred", "p_outage.occurred",
        ];
        foreach (string name in names)
        {
            Assert.True(root.TryGetProperty(name, out var value), $"decision.json has no '{name}'");
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
        }
        foreach (string name in names.Where(n => n.StartsWith("p_", StringComparison.Ordinal)))
        {
            Assert.InRange(root.GetProperty(name).GetDouble(), 0, 1);
        }
        double r80 = root.GetProperty("reserve_80").GetDouble();
        double r90 = root.GetProperty("reserve_90").GetDouble();
        double r95 = root.GetProperty("reserve_95").GetDouble();
        Assert.True(0 <= r80 && r80 <= r90 && r90 <= r95, $"reserves {r80}, {r90}, {r95}");
    }

    [Fact]
    public void The_decision_figures_agree_with_the_trials_file()
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(run.Folder, "decision.json")));
        var root = json.RootElement;
        double n = ReferenceRunFixture.Trials;
        string cumulative = string.Join(" + ", Enumerable.Range(1, TargetYear).Select(k => $"net_y{k}"));

        // Exact frequencies: allow one trial either way for a cumulative summed in another order.
        Assert.Equal(Duck.Scalar<double>($"SELECT avg(CASE WHEN {cumulative} >= {Target} THEN 1.0 ELSE 0.0 END) FROM {Trials}"),
            root.GetProperty("p_target_met").GetDouble(), 1.0 / n);
        Assert.Equal(Duck.Scalar<long>($"SELECT count(payback_year) FROM {Trials}") / n,
            root.GetProperty("p_payback_within_horizon").GetDouble(), 12);
        foreach (string partner in new[] { "county", "city", "west" })
        {
            Assert.Equal(Duck.Scalar<long>($"SELECT count(\"{partner}.exit_month\") FROM {Trials}") / n,
                root.GetProperty($"p_{partner}.exit").GetDouble(), 12);
        }
        foreach (string risk in new[] { "tupe_challenge", "licence", "outage" })
        {
            Assert.Equal(Duck.Scalar<long>($"SELECT count(*) FILTER (WHERE \"{risk}.occurred\") FROM {Trials}") / n,
                root.GetProperty($"p_{risk}.occurred").GetDouble(), 12);
        }

        // Reserves: max(0, target − p20|p10|p5 of cumulative net savings at the target year).
        foreach (var (name, q) in new[] { ("reserve_80", 0.20), ("reserve_90", 0.10), ("reserve_95", 0.05) })
        {
            double reserve = root.GetProperty(name).GetDouble();
            if (reserve > 0)
            {
                AssertQuantile(cumulative, Target - reserve, q, name);
            }
            else
            {
                double below = Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE {cumulative} < {Target}") / n;
                Assert.True(below <= q + PercentileTolerance, $"{name} is 0 but {below:P2} of trials fall short of the target");
            }
        }
    }

    [Fact]
    public void The_trials_file_is_consistent_row_by_row()
    {
        // Occurrence columns agree with the sampled occurs inputs, exits happen inside the horizon only,
        // go-live is never before the planned month, and payback years lie within 1..H.
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE \"licence.occurred\" <> (\"licence.occurs\" >= 0.5)"));
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE \"city.exit_month\" < 6 OR \"city.exit_month\" >= {12 * H}"));
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE \"ict.go_live_month\" < 6"));
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE \"helpdesk.go_live_month\" < 14"));
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE payback_year < 1 OR payback_year > {H}"));
        string total = string.Join(" + ", Enumerable.Range(1, H).Select(k => $"net_y{k}"));
        Assert.Equal(0L, Duck.Scalar<long>(
            $"SELECT count(*) FROM {Trials} WHERE abs(total_net_savings - ({total})) > 1e-6 * (1 + abs(total_net_savings))"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void AssertRelative(double expected, double actual, double relative, string what)
    {
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary><paramref name="value"/> is the <paramref name="q"/> quantile of <paramref name="expression"/> over the trials, within the tolerance.</summary>
    private void AssertQuantile(string expression, double value, double q, string what)
    {
        string v = value.ToString("R", CultureInfo.InvariantCulture);
        double n = ReferenceRunFixture.Trials;
        double atOrBelow = Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE ({expression}) <= {v}") / n;
        double below = Duck.Scalar<long>($"SELECT count(*) FROM {Trials} WHERE ({expression}) < {v}") / n;
        Assert.True(atOrBelow >= q - PercentileTolerance && below <= q + PercentileTolerance,
            $"{what} = {v}: {below:P3} of trials below it and {atOrBelow:P3} at or below, expected about {q:P1}");
    }
}

/// <summary>Runs SQL on an in-memory DuckDB database.</summary>
internal static class Duck
{
    public static T Scalar<T>(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        object? value = command.ExecuteScalar();
        Assert.True(value is not null && value is not DBNull, $"no value from: {sql}");
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>All rows, with SQL NULL as null.</summary>
    public static List<object?[]> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }
}
