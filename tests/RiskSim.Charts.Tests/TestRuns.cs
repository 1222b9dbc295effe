using RiskSim.Charts;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace RiskSim.Charts.Tests;

/// <summary>Runs shared by the tests, simulated once per test run (a few thousand trials each).</summary>
internal static class TestRuns
{
    private static readonly Lazy<RunResult> IctRun = new(() =>
        Simulation.Run(ScenarioReader.ReadFile(IctScenario), new SimulationOptions(20_000, 7)));

    private static readonly Lazy<RunResult> PlainRun = new(() =>
        Simulation.Run(ScenarioReader.ReadFile(WritePlainScenario()), new SimulationOptions(5_000, 11)));

    private static readonly Lazy<ChartSet> IctCharts = new(() => ChartSet.Render(Ict, new ChartOptions(Svg: true)));

    /// <summary>The four-council Worcestershire shared ICT scenario: a target, three partners that may leave, 27 inputs.</summary>
    public static string IctScenario => Path.Combine(TestPaths.Scenarios, "worcestershire-shared-ict.yaml");

    /// <summary>20,000 trials of <see cref="IctScenario"/>, seed 7.</summary>
    public static RunResult Ict => IctRun.Value;

    /// <summary>The charts of <see cref="Ict"/> at the default size, with SVG.</summary>
    public static ChartSet IctChartSet => IctCharts.Value;

    /// <summary>
    /// 5,000 trials of a scenario with no target, no start year, no partner that may leave, and names full of
    /// characters HTML must escape.
    /// </summary>
    public static RunResult Plain => PlainRun.Value;

    /// <summary>The plain scenario's name, as the YAML gives it.</summary>
    public const string PlainName = "Tiny <b>shared</b> back office & \"friends\"";

    /// <summary>Writes the plain scenario to a temporary file and returns its path.</summary>
    public static string WritePlainScenario()
    {
        string folder = TestPaths.NewTempFolder("plain-scenario");
        string path = Path.Combine(folder, "plain.yaml");
        File.WriteAllText(path, """
            name: 'Tiny <b>shared</b> back office & "friends"'
            description: 'Two <i>councils</i> share a back office; <script>alert(1)</script> must stay text.'
            horizon_years: 3
            partners:
              - id: north
                name: 'North & <Co>'
                share: 0.5
              - id: south
                name: South Council
                share: 0.5
            workstreams:
              - id: office
                name: Shared back office
                annual_saving: { pert: [80000, 100000, 130000] }
                go_live_month: 3
                delay_months: { triangular: [0, 2, 6] }
                ramp_months: 6
                implementation_cost: { triangular: [50000, 80000, 150000] }
            risks:
              - id: outage
                name: System outage
                probability: 0.2
                year: [1, 2]
                cost: { uniform: [10000, 40000] }
            """);
        return path;
    }
}
