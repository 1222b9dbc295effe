namespace RiskSim.Core.Engine;

/// <summary>Evaluates the deterministic most-likely case (see <see cref="PlanCase"/>) with the trial kernel.</summary>
internal static class PlanCaseBuilder
{
    /// <summary>One trial with every input at its most likely value.</summary>
    public static PlanCase Of(CompiledScenario model)
    {
        var w = new BlockWorkspace(model, 1) { Count = 1 };
        for (int i = 0; i < model.Inputs.Length; i++)
        {
            w.Values[i] = model.Inputs[i].Distribution.MostLikely;
        }
        TrialEvaluator.Simulate(w, 0, -1);
        var layout = model.Layout.Programme;
        double[] Column(YearMetric metric) => Enumerable.Range(1, model.H).Select(t => w.Metrics[layout.Of(metric, t)]).ToArray();
        return new PlanCase(Column(YearMetric.GrossSavings), Column(YearMetric.Costs), Column(YearMetric.NetSavings),
            Column(YearMetric.CumulativeNetSavings), w.Metrics[layout.Npv], w.Payback[0] == 0 ? null : w.Payback[0]);
    }
}
