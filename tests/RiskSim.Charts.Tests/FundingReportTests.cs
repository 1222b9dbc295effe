using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Charts.Tests;

/// <summary>The report's savings profile table by financial year and its peak funding table, on a deterministic scenario.</summary>
public sealed class FundingReportTests
{
    [Fact]
    public void The_report_has_a_profile_table_by_financial_year_and_the_peak_funding_of_every_ledger()
    {
        // Cumulative −150k, −50k, 50k, 150k for the programme; each of two equal partners has half.
        var scenario = ScenarioReader.Parse("""
            name: Profile report
            start_year: 2015
            horizon_years: 4
            target: { profile: [-200k, 0, 50k, 200k] }
            partners:
              - { id: a, name: Alpha, share: 0.5, target: { profile: [-75k, 50k, 50k, 60k], basis: annual } }
              - { id: b, share: 0.5 }
            workstreams:
              - { id: ict, annual_saving: 100k, go_live_month: 12, implementation_cost: 150k, depends_on: [a, b] }
            """, "profile.yaml");
        var result = Simulation.Run(scenario, new SimulationOptions(1000, 3));
        var provenance = new RunProvenance("profile.yaml", new string('0', 64), "1.0.0", DateTimeOffset.UnixEpoch);
        string html = HtmlReport.Build(result, ChartSet.Render(result, new ChartOptions(Dpi: 72)), provenance);

        Assert.Contains($"<section id=\"{HtmlReport.FundingId}\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">2016/17</th><td class=\"num\"><span class=\"fig\">£0</span></td><td class=\"num\">0%</td><td class=\"num\"><span class=\"fig\">£50k</span></td>"
            + "<td class=\"num\"><span class=\"fig\">£50k</span></td><td class=\"num\"><span class=\"fig\">£50k</span></td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("Alpha&#39;s own savings profile, on its own ledger (given as annual figures, summed)", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">2018/19</th><td class=\"num\"><span class=\"fig\">£85k</span></td><td class=\"num\">0%</td><td class=\"num\"><span class=\"fig\">£10k</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">The programme</th><td class=\"num\"><span class=\"fig\">£150k</span></td><td class=\"num\"><span class=\"fig\">£150k</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("(own ledger)</th><td class=\"num\"><span class=\"fig\">£75k</span></td>", html, StringComparison.Ordinal);
    }
}
