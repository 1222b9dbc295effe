using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Input that could be misread, could overflow or could exhaust the process is refused with a message that
/// names the file, line and field: money strings are exact or rejected, numbers stay within 1e15, a change
/// made with <c>--set</c> or a variant keeps every rule a file must keep, and files are bounded in size,
/// depth and the number of problems listed.
/// </summary>
public class InputBoundsTests
{
    private const string Scenario = """
        name: Bounds
        horizon_years: 3
        partners:
          - id: council
            share: 1
        workstreams:
          - id: ict
            annual_saving: SAVING
            implementation_cost: { pert: [10000, 20000, 40000] }
            delay_months: { triangular: [0, 2, 6] }
        """;

    private const string Correlation = "\ncorrelations:\n  - between: [ict.annual_saving, ict.delay_months]\n    rank: -0.3\n";

    private static ScenarioError OnlyError(string saving)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Scenario.Replace("SAVING", saving, StringComparison.Ordinal), "b.yaml"));
        return Assert.Single(e.Errors);
    }

    [Theory]
    [InlineData("250000", 250_000)]
    [InlineData("250k", 250_000)]
    [InlineData("1.2m", 1_200_000)]
    [InlineData("2bn", 2e9)]
    [InlineData("\"£1,200,000\"", 1_200_000)]
    [InlineData("\"£1,200.50\"", 1_200.5)]
    [InlineData("\"-£45k\"", -45_000)]
    [InlineData("\"$12,345,678\"", 12_345_678)]
    public void Money_written_in_an_accepted_form_is_read_exactly(string text, double expected)
    {
        string yaml = Scenario.Replace("SAVING", text, StringComparison.Ordinal);
        var s = ScenarioReader.Parse(yaml, "b.yaml");
        Assert.Equal(expected, s.Workstreams[0].AnnualSaving.Mean);
    }

    [Theory]
    [InlineData("\"£1,2m\"")]
    [InlineData("\"1,2\"")]
    [InlineData("\"£1,2345\"")]
    [InlineData("\"£1,20,000\"")]
    [InlineData("\"£1,2,3\"")]
    [InlineData("\"1,,000\"")]
    [InlineData("\"1000,\"")]
    [InlineData("\",100\"")]
    [InlineData("\"£\"")]
    [InlineData("\"12 k\"")]
    public void A_money_string_that_could_be_misread_is_an_error_showing_the_accepted_forms(string text)
    {
        var error = OnlyError(text);
        Assert.Equal("workstreams[ict].annual_saving", error.Field);
        Assert.Equal(8, error.Line);
        Assert.Contains("expected an amount of money such as", error.Message, StringComparison.Ordinal);
        Assert.Contains("£1,200,000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e308", "workstreams[ict].annual_saving")]
    [InlineData("{ normal: { mean: 100000, sd: 1e200 } }", "workstreams[ict].annual_saving.normal.sd")]
    [InlineData("{ discrete: { values: [1, 2], weights: [1e308, 1e308] } }", "workstreams[ict].annual_saving.discrete.weights")]
    [InlineData("{ lognormal: { mean: 2e15, sd: 10 } }", "workstreams[ict].annual_saving.lognormal.mean")]
    public void A_number_so_large_that_a_result_could_overflow_is_an_error(string saving, string field)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Scenario.Replace("SAVING", saving, StringComparison.Ordinal), "b.yaml"));
        Assert.Contains(e.Errors, x => x.Field == field && x.Line == 8 && x.Message.Contains("too large", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_name_is_an_error()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(
            Scenario.Replace("name: Bounds", "name: \"  \"", StringComparison.Ordinal).Replace("SAVING", "1000", StringComparison.Ordinal), "b.yaml"));
        Assert.Contains(e.Errors, x => x.Field == "name" && x.Line == 1 && x.Message.Contains("empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"[red]GBP\"")]
    [InlineData("pounds")]
    [InlineData("gbp")]
    public void A_currency_is_a_three_letter_code(string currency)
    {
        string yaml = "currency: " + currency + "\n" + Scenario.Replace("SAVING", "1000", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(yaml, "b.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("currency", 1), (error.Field, error.Line));
    }

    [Theory]
    [InlineData("ict.delay_months=3", "correlations[0].between", "'ict.delay_months' is a fixed value")]
    [InlineData("ict.annual_saving=1e300", "ict.annual_saving", "too large")]
    public void A_set_option_goes_through_the_same_rules_as_the_file(string set, string field, string message)
    {
        string folder = TestPaths.NewTempFolder("bounds-set");
        string file = Path.Combine(folder, "b.yaml");
        File.WriteAllText(file, Scenario.Replace("SAVING", "{ pert: [50000, 60000, 90000] }", StringComparison.Ordinal) + Correlation);
        var stderr = new StringWriter();
        int code = RunHandler.Execute(new RunOptions(file, 1000, 1, 1, Path.Combine(folder, "out"), 0, true, Sets: [set]),
            new StringWriter(), stderr);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains($"{field}: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(folder, "out")).Any());
    }

    [Fact]
    public void A_variant_that_fixes_a_correlated_input_is_an_error_at_the_variant()
    {
        string yaml = Scenario.Replace("SAVING", "{ pert: [50000, 60000, 90000] }", StringComparison.Ordinal) + Correlation
            + "variants:\n  - name: on-time\n    set: { ict.delay_months: 0 }\n";
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(yaml, "b.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("variants[on-time].correlations[0].between", error.Field);
        Assert.Contains("'ict.delay_months' is a fixed value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_10_MB_is_refused_at_once()
    {
        string folder = TestPaths.NewTempFolder("bounds-large");
        string file = Path.Combine(folder, "large.yaml");
        using (var stream = File.Create(file))
        {
            stream.SetLength(50L * 1024 * 1024);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile(file));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Contains("larger than 10 MB", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_an_endless_device_ends_with_a_message()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.ReadFile("/dev/zero"));
        Assert.Contains("larger than 10 MB", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Nesting_twenty_thousand_levels_deep_is_an_error_not_a_crash(string open, string close)
    {
        string text = "name: deep\nhorizon_years: 1\nextra: " + string.Concat(Enumerable.Repeat(open, 20_000)) + "1"
            + string.Concat(Enumerable.Repeat(close, 20_000)) + "\n";
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, "deep.yaml"));
        Assert.Contains(e.Errors, x => x.Message.Contains("nested more than 64 levels", StringComparison.Ordinal) && x.Line == 3);
    }

    [Fact]
    public void At_most_100_problems_are_listed_and_the_rest_counted()
    {
        string text = "name: many\nhorizon_years: 1\n" + string.Concat(Enumerable.Range(0, 2500).Select(i => $"unknown_{i}: 1\n"));
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, "many.yaml"));
        Assert.Equal(101, e.Errors.Count);
        Assert.Contains("more problems (only the first 100 are listed)", e.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_bad_value_are_never_echoed()
    {
        var error = OnlyError("\"12\\u001b[31mk\"");
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\u001B", error.Message, StringComparison.Ordinal);
    }
}
