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
            + $"of its own target of £200k by the end of 2028/29, reserve for 90% confidence {Formats.Money(county.Reserve90!.Value)}.";
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

    [Fact]
    public void Explain_states_every_allocation_key_exit_cost_payer_and_own_target_in_words()
    {
        var stdout = new StringWriter();

        Assert.Equal(Cli.ExitCodes.Ok, ExplainCommand.Execute(LedgerScenario, stdout, new StringWriter()));

        string[] expected =
        [
            "Each partner's ledger:",
            "  ict savings split by weight: county 66.8%, city 12.2%, east 11.7%, west 9.3%.",
            "  ict costs split equally.",
            "  ict redundancy paid by city.",
            "  helpdesk savings split by share: county 40%, city 20%, east 20%, west 20%.",
            "  helpdesk costs paid by county.",
            "  tupe_challenge cost split by share: county 40%, city 20%, east 20%, west 20%.",
            "  licence cost split by weight: county 33.3%, east 33.3%, west 33.3%.",
            "  outage cost split by share: county 40%, city 20%, east 20%, west 20%.",
            "  county's exit cost paid by county itself, the partner that leaves.",
            "  city's exit cost paid by the partners still in at its exit, by share.",
            "  west's exit cost paid by west itself, the partner that leaves.",
            "  county's own target: cumulative net savings of at least £200k by the end of 2028/29.",
            "  city has no savings target of its own.",
            "  east has no savings target of its own.",
            "  west's own target: cumulative net savings of at least £40k by the end of 2028/29.",
        ];
        var lines = stdout.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = lines.IndexOf(expected[0]);
        Assert.True(start >= 0, stdout.ToString());
        Assert.Equal(expected, lines.Skip(start).Take(expected.Length));
    }

    [Fact]
    public void Explain_of_a_single_partner_scenario_has_no_ledger_lines()
    {
        string scenario = Path.Combine(TestPaths.NewTempFolder("explain-single"), "single.yaml");
        File.WriteAllText(scenario, """
            name: One council alone
            horizon_years: 3
            partners:
              - id: solo
                share: 1
            workstreams:
              - id: office
                annual_saving: 100000
            """);
        var stdout = new StringWriter();

        Assert.Equal(Cli.ExitCodes.Ok, ExplainCommand.Execute(scenario, stdout, new StringWriter()));
        Assert.Contains("Workstream office", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Each partner's ledger", stdout.ToString(), StringComparison.Ordinal);
    }
}
