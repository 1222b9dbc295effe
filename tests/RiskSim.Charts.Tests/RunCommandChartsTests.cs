using System.CommandLine;
using RiskSim.Charts.Data;
using RiskSim.Cli;
using RiskSim.Cli.Commands;

namespace RiskSim.Charts.Tests;

/// <summary><c>risksim run</c> with charts: the options, the files written, and that charts change no other file.</summary>
public sealed class RunCommandChartsTests
{
    // The scenarios here have risks: each run also writes the quantified register and draws the risk matrix.
    private static readonly string[] ResultFiles =
        ["decision.json", "results.xlsx", "risks.csv", "run.json", "sensitivity.parquet", "summary.csv", "summary.parquet", "trials.parquet"];

    private static readonly string[] ChartFiles =
        ["annual.png", "councils.png", "fan.png", "npv.png", "partners.png", "report.html", "risk-matrix.png", "scatter.png", "spider.png", "target.png", "tornado.png"];

    [Fact]
    public void Every_run_writes_charts_and_report_by_default()
    {
        var options = Parse("run", TestRuns.IctScenario);

        var charts = Assert.IsType<ChartOptions>(options.Charts);
        Assert.Equal(new ChartOptions(ChartOptions.DefaultDpi, Svg: false, TornadoGrouping.Input), charts);
        string output = TestPaths.NewTempFolder("cli-default");
        var run = Execute(options with { Trials = 5_000, OutputFolder = output, Quiet = false });

        Assert.True(run.Code == ExitCodes.Ok, run.Stderr);
        Assert.Equal(ResultFiles.Concat(ChartFiles).Order(StringComparer.Ordinal), FilesIn(output));
        Assert.Contains($"Report: {Path.Combine(output, "report.html")}", run.Stdout, StringComparison.Ordinal);
        using var fan = PngImage.Load(Path.Combine(output, "fan.png"));
        Assert.Equal((1600, 900), (fan.Width, fan.Height));
    }

    [Fact]
    public void Tornado_option_chooses_swing_or_variance()
    {
        Assert.Equal(TornadoView.Swing, Assert.IsType<ChartOptions>(Parse("run", TestRuns.IctScenario).Charts).Tornado);
        Assert.Equal(TornadoView.Variance, Assert.IsType<ChartOptions>(Parse("run", TestRuns.IctScenario, "--tornado", "variance").Charts).Tornado);
        Assert.Equal(TornadoView.Swing, Assert.IsType<ChartOptions>(Parse("run", TestRuns.IctScenario, "--tornado", "Swing").Charts).Tornado);
    }

    [Fact]
    public void No_charts_writes_only_the_result_files()
    {
        var options = Parse("run", TestRuns.IctScenario, "--no-charts", "--trials", "3000", "--out", TestPaths.NewTempFolder("cli-none"), "-q");

        Assert.Null(options.Charts);
        var run = Execute(options);
        Assert.True(run.Code == ExitCodes.Ok, run.Stderr);
        Assert.Equal(ResultFiles, FilesIn(options.OutputFolder!));
    }

    [Fact]
    public void Charts_leave_every_other_result_file_byte_identical()
    {
        string with = TestPaths.NewTempFolder("cli-with");
        string without = TestPaths.NewTempFolder("cli-without");

        Assert.Equal(ExitCodes.Ok, Execute(Parse("run", TestRuns.IctScenario, "-n", "6000", "-o", with, "-q", "--svg")).Code);
        Assert.Equal(ExitCodes.Ok, Execute(Parse("run", TestRuns.IctScenario, "-n", "6000", "-o", without, "-q", "--no-charts")).Code);

        // results.xlsx differs by design: with charts it has a Charts sheet holding their images.
        foreach (string file in ResultFiles.Where(f => f is not ("run.json" or "results.xlsx")))
        {
            byte[] a = File.ReadAllBytes(Path.Combine(with, file));
            byte[] b = File.ReadAllBytes(Path.Combine(without, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs when charts are drawn");
        }
        Assert.Contains("fan.svg", FilesIn(with));
        Assert.Equal(10, FilesIn(with).Count(f => f.EndsWith(".svg", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dpi_svg_and_group_options_reach_the_charts()
    {
        string output = TestPaths.NewTempFolder("cli-options");
        var options = Parse("run", TestRuns.WritePlainScenario(), "--dpi", "127", "--svg", "--group", "Workstream", "-n", "2000", "-o", output);

        Assert.Equal(new ChartOptions(127, Svg: true, TornadoGrouping.Workstream), options.Charts);
        var run = Execute(options);
        Assert.True(run.Code == ExitCodes.Ok, run.Stderr);
        string[] files = FilesIn(output);
        Assert.Equal(["annual.png", "annual.svg", "councils.png", "councils.svg", "fan.png", "fan.svg", "npv.png", "npv.svg", "report.html",
            "risk-matrix.png", "risk-matrix.svg", "scatter.png", "scatter.svg", "spider.png", "spider.svg", "target.png", "target.svg", "tornado.png", "tornado.svg"],
            files.Where(f => !ResultFiles.Contains(f)));
        Assert.Contains("note: partners.png not drawn: no partner has a withdrawal risk.", run.Stderr, StringComparison.Ordinal);
        using var png = PngImage.Load(Path.Combine(output, "tornado.png"));
        Assert.Equal((800, 450), (png.Width, png.Height));
        Assert.Contains("by workstream, partner and risk", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dpi", "20", "--dpi must be a whole number from 72 to 600, not '20'")]
    [InlineData("--dpi", "601", "--dpi must be a whole number from 72 to 600, not '601'")]
    [InlineData("--dpi", "high", "--dpi must be a whole number from 72 to 600, not 'high'")]
    [InlineData("--group", "owner", "--group must be workstream, partner or input, not 'owner'")]
    public void Bad_chart_options_are_rejected_with_a_message(string option, string value, string message)
    {
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Build((_, _) => throw new InvalidOperationException("must not run")));
        var parse = root.Parse(["run", TestRuns.IctScenario, option, value]);

        Assert.Contains(message, parse.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("all", null)]
    [InlineData("ALL", null)]
    [InlineData("none", 0L)]
    [InlineData("2500", 2500L)]
    public void Trials_out_is_read_without_the_null_value_cast_failure(string value, long? expected)
    {
        Assert.Equal(expected, Parse("run", TestRuns.IctScenario, "--trials-out", value).TrialsOut);
    }

    private static RunOptions Parse(params string[] args)
    {
        RunOptions? captured = null;
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Build((o, _) =>
        {
            captured = o;
            return 0;
        }));
        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        Assert.Equal(0, parse.Invoke());
        return Assert.IsType<RunOptions>(captured);
    }

    private static (int Code, string Stdout, string Stderr) Execute(RunOptions options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RunHandler.Execute(options, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
}
