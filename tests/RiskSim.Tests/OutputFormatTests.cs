using System.Globalization;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;
using RiskSim.IO.Results;

namespace RiskSim.Tests;

/// <summary>The one CSV writer, the one set of formatters and the batch page's money in each run's own currency.</summary>
public class OutputFormatTests
{
    [Fact]
    public void Text_with_commas_quotes_or_line_breaks_is_quoted_so_every_reader_sees_the_same_columns()
    {
        string folder = TestPaths.NewTempFolder("csv");
        string path = Path.Combine(folder, "x.csv");
        new Csv(["name", "value", "count"]).Text("Hartlepool, Darlington \"shared\"\nservices").Number(1.5).WholeNumber(null).EndRow()
            .Text("plain").Number(double.NaN).WholeNumber(3).EndRow().Save(path);
        var rows = Duck.Rows($"SELECT name, value, count FROM read_csv('{path}', header = true, quote = '\"', escape = '\"')");
        Assert.Equal("Hartlepool, Darlington \"shared\"\nservices", rows[0][0]);
        Assert.Equal(1.5, Convert.ToDouble(rows[0][1], CultureInfo.InvariantCulture));
        Assert.Null(rows[0][2]);
        Assert.Null(rows[1][1]);
    }

    [Theory]
    [InlineData(0.0, "0%")]
    [InlineData(1e-9, "less than 0.5%")]
    [InlineData(0.0004, "less than 0.5%")]
    [InlineData(0.00499, "less than 0.5%")]
    [InlineData(0.005, "0.5%")]
    [InlineData(0.0072, "0.7%")]
    [InlineData(0.01, "1%")]
    [InlineData(0.72, "72%")]
    [InlineData(0.99, "99%")]
    [InlineData(0.993, "99.3%")]
    [InlineData(0.995, "99.5%")]
    [InlineData(0.9951, "more than 99.5%")]
    [InlineData(0.9999, "more than 99.5%")]
    [InlineData(1.0, "more than 99.5%")]
    [InlineData(double.NaN, "–")]
    public void A_chance_never_reads_as_100_percent_nor_as_0_percent_when_it_happened(double p, string text) =>
        Assert.Equal(text, Formats.Chance(p));

    [Fact]
    public void No_chance_from_0_to_1_reads_as_100_percent_or_rounds_a_happening_to_0_percent()
    {
        for (int i = 0; i <= 100_000; i++)
        {
            double p = i / 100_000.0;
            string text = Formats.Chance(p);
            Assert.DoesNotContain("100", text, StringComparison.Ordinal);
            Assert.True(p == 0 || (text != "0%" && text != "0.0%"), $"{p} reads {text}");
        }
    }

    [Theory]
    [InlineData(0.72, "a 72%")]
    [InlineData(0.80, "an 80%")]
    [InlineData(0.08, "an 8%")]
    [InlineData(0.11, "an 11%")]
    [InlineData(0.18, "an 18%")]
    [InlineData(0.15, "a 15%")]
    [InlineData(0.008, "a 0.8%")]
    [InlineData(0.0001, "a less than 0.5%")]
    [InlineData(1.0, "a more than 99.5%")]
    public void A_chance_takes_the_article_it_is_read_with(double p, string text) =>
        Assert.Equal(text, Formats.AChance(p));

    [Theory]
    [InlineData(1_234_567, "GBP", "£1.23m")]
    [InlineData(-45_000, "GBP", "\u2212£45k")]
    [InlineData(-1_234_567, "GBP", "\u2212£1.23m")]
    [InlineData(-0.4, "GBP", "£0")]
    [InlineData(-2_500_000_000, "EUR", "\u2212€2.5bn")]
    [InlineData(0, "GBP", "£0")]
    [InlineData(250_000, "EUR", "€250k")]
    [InlineData(999_999, "GBP", "£1m")]
    public void Money_is_written_as_a_finance_officer_writes_it(double value, string currency, string text) =>
        Assert.Equal(text, Formats.Money(value, currency));

    [Fact]
    public void The_batch_page_shows_each_runs_money_in_its_own_currency()
    {
        string folder = TestPaths.NewTempFolder("index");
        string path = Path.Combine(folder, "index.html");
        var row = new ComparisonRow("Euro council", "", "e.yaml", "e", "EUR", 1000, 1, 1e6, 5e5, 1e6, 2e6, null, null, 250_000, null, 0.9, null, null);
        BatchIndexPage.Write([row], [], false, path);
        string html = File.ReadAllText(path);
        Assert.Contains("€250k", html, StringComparison.Ordinal);
        Assert.DoesNotContain("£", html, StringComparison.Ordinal);
    }
}
