using System.Text.RegularExpressions;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;

namespace RiskSim.Charts.Tests;

/// <summary>The report's "Each council's position" section: one row and one sentence per partner, from its own ledger.</summary>
public sealed partial class CouncilsReportTests
{
    private static readonly RunProvenance Provenance =
        new("reference-ledger.yaml", new string('a', 64), "1.2.3", new DateTimeOffset(2025, 6, 30, 14, 5, 0, TimeSpan.Zero));

    private static string Section(RunResult run)
    {
        string html = HtmlReport.Build(run, ChartSet.Render(run, new ChartOptions(Dpi: 72)), Provenance);
        var match = SectionPattern().Match(html);
        Assert.True(match.Success, "no councils section");
        return match.Value;
    }

    [Fact]
    public void Each_partner_has_a_row_with_its_own_figures_at_the_year_read()
    {
        var run = TestRuns.Ledger;
        string section = Section(run);
        var rows = RowPattern().Matches(section).Select(m => m.Value).ToList();

        Assert.Contains("<h2>Each council's position</h2>", section, StringComparison.Ordinal);
        Assert.Contains("its own target year, else the programme", section, StringComparison.Ordinal);
        Assert.Equal(4, rows.Count);
        var county = run.Decision.Partners[0];
        var countyRow = run.PartnerRow("county", MetricNames.CumulativeNetSavings, 4);
        Assert.Contains("County council", rows[0], StringComparison.Ordinal);
        Assert.Contains("2028/29 (its own target year)", rows[0], StringComparison.Ordinal);
        Assert.Contains($">{Formats.Money(countyRow.P50)}<", rows[0], StringComparison.Ordinal);
        Assert.Contains($">{Formats.Money(countyRow.P10)}<", rows[0], StringComparison.Ordinal);
        Assert.Contains($">{Formats.Chance(county.ProbabilityTargetMet!.Value)}<", rows[0], StringComparison.Ordinal);
        Assert.Contains($">{Formats.Money(county.Reserve90!.Value)}<", rows[0], StringComparison.Ordinal);
        Assert.Contains($">{Formats.Chance(county.ProbabilityNpvNegative)}<", rows[0], StringComparison.Ordinal);

        // City has no own target: read at the programme's target year, with no chance or reserve of its own.
        var cityRow = run.PartnerRow("city", MetricNames.CumulativeNetSavings, 4);
        Assert.Contains("2028/29 (the programme&#39;s target year)", rows[1], StringComparison.Ordinal);
        Assert.Contains($">{Formats.Money(cityRow.P50)}<", rows[1], StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(rows[1], ">no own target<"));
    }

    [Fact]
    public void Each_partner_has_one_plain_sentence()
    {
        var run = TestRuns.Ledger;
        var county = run.Decision.Partners[0];
        string sentence = Headline.PartnerSentence(run, county);
        string expected = county.Reserve90 > 0
            ? $"There is a {Formats.Chance(county.ProbabilityTargetMet!.Value)} chance that County council's own savings reach £200k by the end of 2028/29; to be 90% confident, hold {Formats.Money(county.Reserve90.Value)} in reserve."
            : $"There is a {Formats.Chance(county.ProbabilityTargetMet!.Value)} chance that County council's own savings reach £200k by the end of 2028/29; no reserve is needed to be 90% confident.";
        Assert.Equal(expected, sentence);

        var east = run.Decision.Partners[2];
        var eastRow = run.PartnerRow("east", MetricNames.CumulativeNetSavings, 4);
        Assert.Equal($"East district has no savings target of its own; its cumulative net savings by the end of 2028/29 are {Formats.Money(eastRow.P50)} "
            + $"at the median, with a 10% chance of less than {Formats.Money(eastRow.P10)}.", Headline.PartnerSentence(run, east));

        string section = Section(run);
        foreach (var partner in run.Decision.Partners)
        {
            Assert.Contains("<li>" + Html.Text(Headline.PartnerSentence(run, partner)) + "</li>", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_any_target_the_last_year_is_read_and_scenario_text_is_escaped()
    {
        string section = Section(TestRuns.Plain);

        Assert.Contains("North &amp; &lt;Co&gt;", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<Co>", section, StringComparison.Ordinal);
        Assert.Contains("the end of year 3 (the last year)", section, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_partner_run_says_its_position_is_the_programmes()
    {
        string section = Section(TestRuns.Single);

        Assert.Contains("single partner", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", section, StringComparison.Ordinal);
    }

    [GeneratedRegex("<section id=\"councils\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();

    [GeneratedRegex("<tr><th scope=\"row\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
