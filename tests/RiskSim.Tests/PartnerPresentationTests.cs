using RiskSim.Cli.Commands;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>Each partner's own ledger in the console summary and in <c>explain</c>.</summary>
public sealed class PartnerPresentationTests
{
    private static readonly Lazy<RunResult> LedgerRun = new(() =>
        Simulation.Run(ScenarioReader.ReadFile(LedgerScenario), new SimulationOptions(10_000, 3)));

    private static string LedgerScenario => Path.Combine(TestPaths.Reference, "reference-ledger.yaml");

    [Fact]
    public void The_console_summary_has_one_line_per_partner_from_its_own_ledger()
    {
        var run = LedgerRun.Value;
        string text = ConsoleSummary.Render(run, "out", ansi: false);
        var county = run.Decision.Partners[0];
        var city = run.Decision.Partners[1];

        string countyLine = $"County council (county), own ledger: {Formats.Chance(county.ProbabilityNpvNegative)} chance its NPV is below zero, "
            + $"median NPV {Formats.Money(run.PartnerRow("county", MetricNames.Npv).P50)}; {Formats.Chance(county.ProbabilityTargetMet!.Value)} chance "
            + $"of its own target of £200k by 2028/29, reserve for 90% confidence {Formats.Money(county.Reserve90!.Value)}.";
        string cityLine = $"City council (city), own ledger: {Formats.Chance(city.ProbabilityNpvNegative)} chance its NPV is below zero, "
            + $"median NPV {Formats.Money(run.PartnerRow("city", MetricNames.Npv).P50)}; no target of its own.";
        Assert.Contains(countyLine + "\n", text, StringComparison.Ordinal);
        Assert.Contains(cityLine + "\n", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split('\n').Count(l => l.Contains(", own ledger: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_single_partner_run_prints_no_partner_lines()
    {
        var scenario = ScenarioReader.ReadFile(LedgerScenario);
        scenario = scenario with { Partners = [scenario.Partners[0] with { Share = 1, Withdrawal = null, Target = null }] };
        scenario = scenario with
        {
            Workstreams = [.. scenario.Workstreams.Select(w => w with { DependsOn = [], Allocation = new() })],
            Risks = [.. scenario.Risks.Select(r => r with { CostAllocation = Core.Model.AllocationKey.Shares })],
            Correlations = [.. scenario.Correlations.Where(c => !c.First.Contains("withdrawal", StringComparison.Ordinal) && !c.Second.Contains("withdrawal", StringComparison.Ordinal))],
        };
        var run = Simulation.Run(scenario, new SimulationOptions(1_000, 3));

        Assert.Empty(ConsoleSummary.PartnerLines(run));
        Assert.DoesNotContain("own ledger", ConsoleSummary.Render(run, "out", ansi: false), StringComparison.Ordinal);
    }
}
