using System.Globalization;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>risksim batch: every scenario and variant, side by side, failures isolated, up-to-date runs skipped.</summary>
public class BatchTests
{
    private const int Trials = 20_000;

    private static (int Code, string Stdout, string Stderr) Batch(string output, bool force = false, params string[] paths) =>
        Batch(output, force, false, paths);

    private static (int Code, string Stdout, string Stderr) Batch(string output, bool force, bool charts, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = BatchRunner.Execute(new BatchOptions(paths, output, Trials, 7, 0, force, charts, Quiet: false), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The programme rows of a comparison file: one per run.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path) => ReadAllCsv(path).Where(r => r["partner"].Length == 0).ToList();

    internal static List<Dictionary<string, string>> ReadAllCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = SplitCsv(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }

    [Fact]
    public void Batch_on_the_example_scenarios_gives_one_row_per_scenario_and_variant_equal_to_single_runs()
    {
        string output = TestPaths.NewTempFolder("batch");
        var (code, _, stderr) = Batch(output, false, TestPaths.Scenarios);
        Assert.True(code == 0, stderr);
        var files = Directory.GetFiles(TestPaths.Scenarios, "*.yaml").Order(StringComparer.Ordinal).ToList();
        var expected = files.SelectMany(f =>
        {
            var s = ScenarioReader.ReadFile(f);
            return new[] { (f, s, Variant: "") }.Concat(s.Variants.Select(v => (f, s, Variant: v.Name)));
        }).ToList();
        var rows = ReadCsv(Path.Combine(output, "comparison.csv"));
        Assert.Equal(expected.Count, rows.Count);
        Assert.True(expected.Count > files.Count, "the example scenarios declare variants");
        Assert.True(File.Exists(Path.Combine(output, "comparison.parquet")));
        Assert.True(File.Exists(Path.Combine(output, "index.html")));

        // Spot-check one base and one variant against individual runs with the same seed and trials.
        foreach (var (file, scenario, variant) in expected.Where(e => e.f.EndsWith("worcestershire-shared-ict.yaml", StringComparison.Ordinal)).Take(2))
        {
            var model = variant.Length == 0 ? scenario : VariantApplier.Apply(scenario, scenario.Variants.Single(v => v.Name == variant));
            var single = Simulation.Run(model, new SimulationOptions(Trials, 7));
            var row = rows.Single(r => r["file"] == file && r["variant"] == variant);
            Assert.Equal(single.Row(MetricNames.Npv).P50, double.Parse(row["npv_p50"], CultureInfo.InvariantCulture));
            Assert.Equal(single.Row(MetricNames.Npv).Mean, double.Parse(row["npv_mean"], CultureInfo.InvariantCulture));
            Assert.Equal(single.Decision.ProbabilityTargetMet!.Value, double.Parse(row["p_target_met"], CultureInfo.InvariantCulture));
            Assert.Equal(single.Decision.Reserve90!.Value, double.Parse(row["reserve_90"], CultureInfo.InvariantCulture));
            Assert.True(Directory.Exists(Path.Combine(output, row["folder"])));
            Assert.True(File.Exists(Path.Combine(output, row["folder"], "summary.csv")));
            Assert.Equal(variant.Length == 0, row["paired_npv_mean"].Length == 0);
        }
    }

    [Fact]
    public void A_broken_scenario_fails_alone_and_the_others_still_run()
    {
        string input = TestPaths.NewTempFolder("batch-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "a-good.yaml"));
        File.WriteAllText(Path.Combine(input, "b-broken.yaml"), "name: broken\nhorizon_years: 5\npartners: []\n");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"), Path.Combine(input, "c-good.yaml"));
        string output = TestPaths.NewTempFolder("batch-out");
        var (code, stdout, stderr) = Batch(output, false, input);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("b-broken.yaml:3:", stderr, StringComparison.Ordinal);
        Assert.Contains("failed: ", stdout, StringComparison.Ordinal);
        var rows = ReadCsv(Path.Combine(output, "comparison.csv"));
        Assert.Equal(["a-good", "c-good"], rows.Select(r => r["folder"]));
        Assert.Contains("b-broken.yaml", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "b-broken")));
    }

    [Fact]
    public void Up_to_date_runs_are_skipped_and_force_reruns_them()
    {
        string input = TestPaths.NewTempFolder("batch-skip-in");
        string scenario = Path.Combine(input, "simple.yaml");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), scenario);
        string output = TestPaths.NewTempFolder("batch-skip-out");
        string summary = Path.Combine(output, "simple", "summary.csv");

        var first = Batch(output, false, input);
        Assert.Contains("1 run(s) done, 0 up to date", first.Stdout, StringComparison.Ordinal);
        var written = File.GetLastWriteTimeUtc(summary);
        string firstComparison = File.ReadAllText(Path.Combine(output, "comparison.csv"));

        var second = Batch(output, false, input);
        Assert.Contains("0 run(s) done, 1 up to date", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(summary));
        Assert.Equal(firstComparison, File.ReadAllText(Path.Combine(output, "comparison.csv")));

        var forced = Batch(output, true, input);
        Assert.Contains("1 run(s) done, 0 up to date", forced.Stdout, StringComparison.Ordinal);

        // Editing the scenario makes it out of date.
        File.AppendAllText(scenario, "\n# edited\n");
        var edited = Batch(output, false, input);
        Assert.Contains("1 run(s) done, 0 up to date", edited.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_the_register_a_scenario_reads_makes_its_runs_out_of_date_and_run_json_names_it()
    {
        string input = TestPaths.NewTempFolder("batch-register-in");
        string scenario = Path.Combine(input, "simple.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Path.Combine(TestPaths.Reference, "reference-simple.yaml")) + "\nrisks_from: register.csv\n");
        string register = Path.Combine(input, "register.csv");
        File.WriteAllText(register, "ID,Probability,Year,Cost\nR1,0.2,1,10k\n");
        string output = TestPaths.NewTempFolder("batch-register-out");

        var first = Batch(output, false, input);
        Assert.True(first.Code == 0, first.Stderr);
        Assert.Contains("1 run(s) done, 0 up to date", first.Stdout, StringComparison.Ordinal);
        string runJson = File.ReadAllText(Path.Combine(output, "simple", "run.json"));
        Assert.Contains($"\"register_file\": \"{register.Replace("\\", "\\\\", StringComparison.Ordinal)}\"", runJson, StringComparison.Ordinal);
        Assert.Contains("\"register_sha256\": \"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(register))), runJson, StringComparison.Ordinal);
        Assert.Contains("0 run(s) done, 1 up to date", Batch(output, false, input).Stdout, StringComparison.Ordinal);

        File.WriteAllText(register, "ID,Probability,Year,Cost\nR1,0.3,1,10k\n");
        Assert.Contains("1 run(s) done, 0 up to date", Batch(output, false, input).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void With_charts_the_batch_writes_a_comparison_chart_and_each_runs_report_and_links_them()
    {
        string input = TestPaths.NewTempFolder("batch-charts-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "simple.yaml"));
        File.WriteAllText(Path.Combine(input, "variants.yaml"), File.ReadAllText(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"))
            + "\nvariants:\n  - { name: haircut, scale: { \"*.annual_saving\": 0.8 } }\n");
        string output = TestPaths.NewTempFolder("batch-charts-out");
        var (code, _, stderr) = Batch(output, false, true, input);
        Assert.True(code == 0, stderr);
        byte[] png = File.ReadAllBytes(Path.Combine(output, "comparison.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.True(width >= 1600, $"comparison.png is {width} px wide");
        string index = File.ReadAllText(Path.Combine(output, "index.html"));
        foreach (string folder in new[] { "simple", "variants", "variants--haircut" })
        {
            Assert.True(File.Exists(Path.Combine(output, folder, "report.html")), folder);
            Assert.True(File.Exists(Path.Combine(output, folder, "fan.png")), folder);
            Assert.Contains($"href=\"{folder}/report.html\"", index, StringComparison.Ordinal);
        }
        Assert.Contains("src=\"comparison.png\"", index, StringComparison.Ordinal);

        // A base with variants gets their S-curves on one set of axes in its folder, shown in the index; a file without variants has none.
        byte[] curves = File.ReadAllBytes(Path.Combine(output, "variants", "target-variants.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], curves[..4]);
        Assert.False(File.Exists(Path.Combine(output, "simple", "target-variants.png")));
        Assert.False(File.Exists(Path.Combine(output, "variants--haircut", "target-variants.png")));
        Assert.Contains("src=\"variants/target-variants.png\"", index, StringComparison.Ordinal);
        Assert.DoesNotContain("simple/target-variants.png", index, StringComparison.Ordinal);

        // Up to date on a second batch: the S-curves are kept and still shown.
        var again = Batch(output, false, true, input);
        Assert.Contains("0 run(s) done, 3 up to date", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(curves, File.ReadAllBytes(Path.Combine(output, "variants", "target-variants.png")));
        Assert.Contains("src=\"variants/target-variants.png\"", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_with_a_marking_prints_it_on_every_report_and_the_index_and_a_changed_marking_reruns()
    {
        string input = TestPaths.NewTempFolder("batch-marking-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "simple.yaml"));
        string output = TestPaths.NewTempFolder("batch-marking-out");
        string[] args = ["batch", input, "--out", output, "--trials", "4096", "--seed", "7", "--quiet"];
        Assert.Equal(ExitCodes.Ok, Program.Main([.. args, "--marking", "official-sensitive"]));
        string report = File.ReadAllText(Path.Combine(output, "simple", "report.html"));
        Assert.Contains("<p class=\"marking\">OFFICIAL-SENSITIVE</p>", report, StringComparison.Ordinal);
        using (var run = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "simple", "run.json"))))
        {
            Assert.Equal("OFFICIAL-SENSITIVE", run.RootElement.GetProperty("protective_marking").GetString());
        }
        string index = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Equal(2, index.Split("<p class=\"marking\">OFFICIAL-SENSITIVE</p>").Length - 1);

        // The marking is part of what makes a run up to date: without it the run is written again, unmarked.
        Assert.Equal(ExitCodes.Ok, Program.Main(args));
        Assert.DoesNotContain("OFFICIAL", File.ReadAllText(Path.Combine(output, "simple", "report.html")), StringComparison.Ordinal);
        Assert.DoesNotContain("OFFICIAL", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, Program.Main([.. args, "--marking", "SECRET"]));
    }

    [Fact]
    public void Files_of_the_same_name_in_different_folders_get_distinct_run_folders()
    {
        string input = TestPaths.NewTempFolder("batch-same-name");
        Directory.CreateDirectory(Path.Combine(input, "north"));
        Directory.CreateDirectory(Path.Combine(input, "south"));
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "north", "plan.yaml"));
        File.Copy(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"), Path.Combine(input, "south", "plan.yaml"));
        string output = TestPaths.NewTempFolder("batch-same-name-out");

        var (code, _, stderr) = Batch(output, false, input);

        Assert.True(code == 0, stderr);
        var rows = ReadCsv(Path.Combine(output, "comparison.csv"));
        Assert.Equal(["plan", "plan-2"], rows.Select(r => r["folder"]));
        Assert.Equal([Path.Combine(input, "north", "plan.yaml"), Path.Combine(input, "south", "plan.yaml")], rows.Select(r => r["file"]));
        foreach (var row in rows)
        {
            string runJson = File.ReadAllText(Path.Combine(output, row["folder"], "run.json"));
            Assert.Contains(System.Text.Json.JsonEncodedText.Encode(row["file"]).ToString(), runJson, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_named_like_a_variant_folder_gets_its_own_folder()
    {
        string input = TestPaths.NewTempFolder("batch-variant-clash");
        File.WriteAllText(Path.Combine(input, "x.yaml"), File.ReadAllText(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"))
            + "\nvariants:\n  - { name: v, scale: { \"*.annual_saving\": 0.8 } }\n");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "x--v.yaml"));
        string output = TestPaths.NewTempFolder("batch-variant-clash-out");

        var (code, _, stderr) = Batch(output, false, input);

        Assert.True(code == 0, stderr);
        var rows = ReadCsv(Path.Combine(output, "comparison.csv"));
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r["folder"]).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var row in rows)
        {
            string decision = File.ReadAllText(Path.Combine(output, row["folder"], "decision.json"));
            Assert.Contains(System.Text.Json.JsonEncodedText.Encode(row["scenario"]).ToString(), decision, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_output_folder_inside_the_input_folder_is_not_read_as_scenarios()
    {
        string input = TestPaths.NewTempFolder("batch-out-inside");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "simple.yaml"));
        string output = Path.Combine(input, "results");

        var first = Batch(output, false, input);
        var again = Batch(output, true, input);
        // Another batch's output inside the input is skipped too, by its run folders' run.json.
        var other = Batch(TestPaths.NewTempFolder("batch-out-elsewhere"), false, input);

        Assert.True(first.Code == 0, first.Stderr);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.True(other.Code == 0, other.Stderr);
        Assert.Equal(["simple"], ReadCsv(Path.Combine(output, "comparison.csv")).Select(r => r["folder"]));
        Assert.Contains("1 run(s) done, 0 up to date, 0 scenario file(s) failed", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 run(s) done, 0 up to date, 0 scenario file(s) failed", other.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_loop_in_the_input_is_not_followed()
    {
        string input = TestPaths.NewTempFolder("batch-loop");
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "sub", "simple.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(input, "sub", "up"), input);
        string output = TestPaths.NewTempFolder("batch-loop-out");

        var (code, _, stderr) = Batch(output, false, input);

        Assert.True(code == 0, stderr);
        Assert.Equal(["simple"], ReadCsv(Path.Combine(output, "comparison.csv")).Select(r => r["folder"]));
    }

    [Fact]
    public void Odd_scenario_file_names_give_run_folders_inside_the_output_folder()
    {
        string input = TestPaths.NewTempFolder("batch-odd");
        string dots = Path.Combine(input, "...yaml");
        string escape = Path.Combine(input, "a\u001b]0;x\u0007b.yaml");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), dots);
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), escape);
        string parent = TestPaths.NewTempFolder("batch-odd-parent");
        string output = Path.Combine(parent, "out");

        var (code, stdout, stderr) = Batch(output, false, dots, escape);

        Assert.True(code == 0, stderr);
        Assert.Equal(["out"], Directory.GetFileSystemEntries(parent).Select(f => Path.GetFileName(f)));
        var folders = ReadCsv(Path.Combine(output, "comparison.csv")).Select(r => r["folder"]).ToList();
        Assert.Equal(["_.", "a__0_x_b"], folders);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(output, f, "run.json")), f));
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Contains("a\\x1b]0;x\\x07b.yaml", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_into_a_folder_of_other_files_exits_2_and_changes_nothing()
    {
        string input = TestPaths.NewTempFolder("batch-foreign-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "simple.yaml"));
        string output = TestPaths.NewTempFolder("batch-foreign-out");
        File.WriteAllText(Path.Combine(output, "index.html"), "my own page");

        var (code, _, stderr) = Batch(output, false, input);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("index.html", stderr, StringComparison.Ordinal);
        Assert.Equal(["index.html"], Directory.GetFileSystemEntries(output).Select(f => Path.GetFileName(f)));
        Assert.Equal("my own page", File.ReadAllText(Path.Combine(output, "index.html")));
    }

    [Fact]
    public void A_batch_without_charts_leaves_no_chart_or_report_of_the_earlier_batch()
    {
        string input = TestPaths.NewTempFolder("batch-recharts-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "simple.yaml"));
        string output = TestPaths.NewTempFolder("batch-recharts-out");
        Assert.Equal(0, Batch(output, false, true, input).Code);
        Assert.True(File.Exists(Path.Combine(output, "comparison.png")));

        var (code, _, stderr) = Batch(output, false, false, input);

        Assert.True(code == 0, stderr);
        Assert.Equal(["comparison.csv", "comparison.parquet", "comparison.xlsx", "index.html", "simple"],
            Directory.GetFileSystemEntries(output).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("report.html", Directory.GetFiles(Path.Combine(output, "simple")).Select(f => Path.GetFileName(f)));
        // Neither workbook keeps the earlier batch's chart images.
        Assert.Equal(["Comparison"], XlsxRead.Workbook(Path.Combine(output, "comparison.xlsx")).Select(s => s.Name));
        Assert.DoesNotContain("Charts", XlsxRead.Workbook(Path.Combine(output, "simple", "results.xlsx")).Select(s => s.Name));
    }

    [Fact]
    public void A_cancelled_batch_leaves_the_previous_batch_byte_identical_and_no_temporaries()
    {
        string input = TestPaths.NewTempFolder("batch-cancel-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "a.yaml"));
        File.Copy(Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml"), Path.Combine(input, "b.yaml"));
        string output = TestPaths.NewTempFolder("batch-cancel-out");
        Assert.Equal(0, Batch(output, false, input).Code);
        var before = Snapshot(output);
        File.AppendAllText(Path.Combine(input, "a.yaml"), "\n# edited\n");
        File.AppendAllText(Path.Combine(input, "b.yaml"), "\n# edited\n");
        using var cancel = new CancellationTokenSource();
        var stdout = new CancelAfterFirstRun(cancel);

        int code = BatchRunner.Execute(new BatchOptions([input], output, 200_000, 7, 0, false, false, Quiet: false), stdout, new StringWriter(),
            cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal(before, Snapshot(output));
    }

    [Fact]
    public void A_batch_reclaims_what_a_killed_batch_left_even_for_runs_that_are_up_to_date()
    {
        string input = TestPaths.NewTempFolder("batch-reclaim-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-simple.yaml"), Path.Combine(input, "simple.yaml"));
        string output = TestPaths.NewTempFolder("batch-reclaim-out");
        Assert.Equal(0, Batch(output, false, input).Code);
        var before = Snapshot(output);
        // A killed batch: its swap of "simple" stopped after the first rename, and a staging folder and a
        // staged comparison file were left behind.
        Directory.Move(Path.Combine(output, "simple"), Path.Combine(output, ".simple.999999999-0badf00d.old"));
        Directory.CreateDirectory(Path.Combine(output, ".simple.999999998-0badf00d.staging"));
        File.WriteAllText(Path.Combine(output, ".comparison.csv.999999998-0badf00d.partial"), "half");

        var (code, stdout, stderr) = Batch(output, false, input);

        Assert.True(code == 0, stderr);
        Assert.Contains("0 run(s) done, 1 up to date", stdout, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(output));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(output), e => Path.GetFileName(e).StartsWith('.'));
    }

    /// <summary>Every file under a folder (hidden ones too) with its bytes as hex, by relative path.</summary>
    internal static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// <summary>Cancels the batch as soon as it reports its first finished run (the run is staged, not committed).</summary>
    private sealed class CancelAfterFirstRun(CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains("trials in", StringComparison.Ordinal) == true)
            {
                cancel.Cancel();
            }
        }
    }

    [Fact]
    public void Every_run_has_one_programme_row_then_one_row_per_partner_from_its_own_ledger()
    {
        string input = TestPaths.NewTempFolder("batch-ledger-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-ledger.yaml"), Path.Combine(input, "ledger.yaml"));
        File.WriteAllText(Path.Combine(input, "solo.yaml"), "name: Solo\nhorizon_years: 3\npartners:\n  - id: solo\n    share: 1\n"
            + "workstreams:\n  - id: office\n    annual_saving: { pert: [80000, 100000, 130000] }\n");
        string output = TestPaths.NewTempFolder("batch-ledger-out");

        var (code, stdout, stderr) = Batch(output, false, input);

        Assert.True(code == 0, stderr);
        Assert.Contains("2 run(s) done", stdout, StringComparison.Ordinal);
        var rows = ReadAllCsv(Path.Combine(output, "comparison.csv"));
        Assert.Equal("partner", File.ReadLines(Path.Combine(output, "comparison.csv")).First().Split(',')[0]);
        Assert.Equal([("ledger", ""), ("ledger", "county"), ("ledger", "city"), ("ledger", "east"), ("ledger", "west"), ("solo", "")],
            rows.Select(r => (r["folder"], r["partner"])));
        foreach (var run in rows.GroupBy(r => r["folder"]))
        {
            Assert.Single(run, r => r["partner"].Length == 0);
            var scenario = ScenarioReader.ReadFile(Path.Combine(input, run.Key + ".yaml"));
            var expected = scenario.Partners.Count > 1 ? scenario.Partners.Select(p => p.Id).ToList() : [];
            Assert.Equal(expected, run.Where(r => r["partner"].Length > 0).Select(r => r["partner"]));
        }

        // Each partner row is that partner's own ledger in a single run with the same seed and trials.
        var single = Simulation.Run(ScenarioReader.ReadFile(Path.Combine(input, "ledger.yaml")), new SimulationOptions(Trials, 7));
        double N(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);
        foreach (var p in single.Decision.Partners)
        {
            var row = rows.Single(r => r["partner"] == p.PartnerId);
            var npv = single.PartnerRow(p.PartnerId, MetricNames.Npv);
            Assert.Equal((npv.Mean, npv.P10, npv.P50, npv.P90), (N(row, "npv_mean"), N(row, "npv_p10"), N(row, "npv_p50"), N(row, "npv_p90")));
            Assert.Equal(p.ProbabilityOfPayback, N(row, "p_payback_within_horizon"));
            Assert.Equal(p.ProbabilityTargetMet?.ToString("R", CultureInfo.InvariantCulture) ?? "", row["p_target_met"]);
            Assert.Equal(p.Reserve90?.ToString("R", CultureInfo.InvariantCulture) ?? "", row["reserve_90"]);
            Assert.Equal(p.Reserve95 is null, row["reserve_95"].Length == 0);
            Assert.Equal("", row["paired_npv_mean"]);
        }
        Assert.Equal(single.Row(MetricNames.Npv).P50, N(rows[0], "npv_p50"));
        Assert.NotEqual(rows[0]["npv_p50"], rows[1]["npv_p50"]);

        string index = File.ReadAllText(Path.Combine(output, "index.html"));
        var county = single.Decision.Partners[0];
        Assert.Contains(RiskSim.Charts.Report.Html.Text($"county P(target) {Formats.Chance(county.ProbabilityTargetMet!.Value)}, reserve 90% {Formats.Money(county.Reserve90!.Value)}"),
            index, StringComparison.Ordinal);
        Assert.Contains("city no own target", index, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(index, "class=\"partners\""));

        // The up-to-date cache keeps the partner rows: a second batch skips both runs and writes the same comparison.
        string before = File.ReadAllText(Path.Combine(output, "comparison.csv"));
        var again = Batch(output, false, input);
        Assert.Contains("0 run(s) done, 2 up to date", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "comparison.csv")));
    }

    [Fact]
    public void The_parquet_comparison_has_the_partner_column_first_and_the_same_rows()
    {
        string input = TestPaths.NewTempFolder("batch-ledger-pq-in");
        File.Copy(Path.Combine(TestPaths.Reference, "reference-ledger.yaml"), Path.Combine(input, "ledger.yaml"));
        string output = TestPaths.NewTempFolder("batch-ledger-pq-out");
        Assert.Equal(0, Batch(output, false, input).Code);

        string file = Path.Combine(output, "comparison.parquet").Replace("'", "''", StringComparison.Ordinal);
        var names = Duck.Rows($"DESCRIBE SELECT * FROM '{file}'").Select(r => (string)r[0]!).ToList();
        Assert.Equal(RiskSim.IO.Results.ComparisonFiles.Columns, names);
        Assert.Equal(["", "county", "city", "east", "west"], Duck.Rows($"SELECT partner FROM '{file}'").Select(r => (string)r[0]!));
        var csv = ReadAllCsv(Path.Combine(output, "comparison.csv"));
        var parquet = Duck.Rows($"SELECT npv_p50, reserve_90 FROM '{file}'");
        for (int i = 0; i < csv.Count; i++)
        {
            Assert.Equal(double.Parse(csv[i]["npv_p50"], CultureInfo.InvariantCulture), Convert.ToDouble(parquet[i][0], CultureInfo.InvariantCulture));
            Assert.Equal(csv[i]["reserve_90"].Length == 0, parquet[i][1] is null);
        }
    }
}
