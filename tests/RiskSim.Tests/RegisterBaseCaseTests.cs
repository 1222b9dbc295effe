using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The risk register's base case is kept from the run's own first trials instead of being simulated again. That is
/// only right if the run's trials (every input drawn, each partner's ledger kept) give, bit for bit, what a separate
/// base pass (programme only, conditional inputs skipped) gives; and a pass on reused workspaces must give what a pass
/// on fresh ones gives.
/// </summary>
public class RegisterBaseCaseTests
{
    private static string Synthetic => Path.Combine(TestPaths.RepoRoot, "benchmarks", "scenarios", "synthetic-large.yaml");

    [Fact]
    public void The_run_s_own_trials_are_the_base_pass_bit_for_bit()
    {
        var scenario = ScenarioReader.ReadFile(Synthetic);
        const int trials = 3 * SimulationOptions.BlockSize + 11;
        var options = new SimulationOptions(trials, 20261201, Threads: 2);
        var model = new CompiledScenario(scenario, partnerLedgers: true);
        Assert.True(model.HasLedgers);
        var kept = new RiskRegisterAnalysis.BaseCase(model, trials);
        new WaveScheduler(model, options).RunAll((_, w) =>
        {
            InputSampler.SampleInputs(w, options.Seed, full: true);
            TrialEvaluator.Simulate(w, 0, -1);
            kept.Record(w);
        }, null, CancellationToken.None);

        int year = scenario.Target?.ByYear ?? scenario.HorizonYears;
        var all = Enumerable.Range(0, scenario.Risks.Count).ToArray();
        var pass = RiskRegisterAnalysis.Pass(scenario, trials, options, year, all, CancellationToken.None);
        var fromRun = kept.Of(trials);

        Assert.Equal(pass.Npv, fromRun.Npv);
        Assert.Equal(pass.Cumulative, fromRun.Cumulative);
        Assert.Equal(all.Length, fromRun.Occurred.Length);
        for (int r = 0; r < all.Length; r++)
        {
            Assert.Equal(pass.Occurred[r], fromRun.Occurred[r]);
            Assert.Equal(pass.Cost[r], fromRun.Cost[r]);
        }
        // A run that stopped early hands on only its own trials.
        Assert.Equal(SimulationOptions.BlockSize, kept.Of(SimulationOptions.BlockSize).Npv.Length);
    }

    [Fact]
    public void A_pass_on_reused_workspaces_gives_what_a_pass_on_fresh_ones_gives()
    {
        var scenario = ScenarioReader.ReadFile(Synthetic);
        var options = new SimulationOptions(10_000, 7, Threads: 2);
        int year = scenario.HorizonYears;
        var workspaces = new RiskRegisterAnalysis.PassWorkspaces();
        // A longer pass first, so the next reuses some of its workspaces with a changed risk.
        RiskRegisterAnalysis.Pass(scenario, 30_000, options, year, [0], CancellationToken.None, workspaces);
        var changed = scenario with { Risks = scenario.Risks.Select((r, i) => i == 1 ? r with { Probability = 1 } : r).ToList() };

        var reused = RiskRegisterAnalysis.Pass(changed, 10_000, options, year, [1], CancellationToken.None, workspaces);
        var fresh = RiskRegisterAnalysis.Pass(changed, 10_000, options, year, [1], CancellationToken.None);

        Assert.Equal(fresh.Npv, reused.Npv);
        Assert.Equal(fresh.Cumulative, reused.Cumulative);
        Assert.Equal(fresh.Cost[0], reused.Cost[0]);
        Assert.All(reused.Occurred[0], Assert.True);
    }
}
