using System.Text.Json;
using RiskSim.Core.Engine;

namespace RiskSim.IO.Results;

/// <summary>Writes the quantified risk register (<c>risks.csv</c>) and the <c>mitigation</c> section of <c>decision.json</c>.</summary>
public static class RiskRegisterWriters
{
    /// <summary>File name of the quantified risk register.</summary>
    public const string RisksCsvFile = "risks.csv";

    /// <summary>Column order of <c>risks.csv</c>.</summary>
    public static readonly string[] RisksColumns =
    [
        "id", "title", "probability", "realised_frequency", "expected_cost", "p90_cost_if_occurs", "npv_variance_share",
        "npv_swing", "mean_npv_impact", "likelihood_before", "impact_before", "rag_before", "probability_after",
        "mean_npv_impact_after", "likelihood_after", "impact_after", "rag_after", "mitigation_cost", "mitigation_net_value",
    ];

    /// <summary>"red", "amber" or "green".</summary>
    public static string RagName(Rag rag) => rag switch
    {
        Rag.Red => "red",
        Rag.Amber => "amber",
        _ => "green",
    };

    /// <summary>Writes <c>risks.csv</c>: one row per risk, in scenario order.</summary>
    public static void WriteRisksCsv(RiskRegisterResult register, string path)
    {
        var csv = new Csv(RisksColumns);
        foreach (var r in register.Risks)
        {
            csv.Text(r.RiskId).Text(r.Name).Number(r.Probability).Number(r.Frequency).Number(r.ExpectedCost).Number(r.P90CostIfOccurs)
                .Number(r.VarianceShare).Number(r.Swing).Number(r.MeanImpact)
                .WholeNumber(r.Before.Likelihood).WholeNumber(r.Before.Impact).Text(RagName(r.Before.Rag))
                .Number(r.ProbabilityAfter).Number(r.MeanImpactAfter)
                .WholeNumber(r.After?.Likelihood).WholeNumber(r.After?.Impact).Text(r.After is { } a ? RagName(a.Rag) : null)
                .Number(r.Mitigation?.Cost).Number(r.Mitigation?.NetValue)
                .EndRow();
        }
        csv.Save(path);
    }

    /// <summary>
    /// Writes the <c>mitigation</c> member of <c>decision.json</c> when any risk has a mitigation: the trials used, then
    /// each mitigation by net value and all of them together. Writes nothing otherwise.
    /// </summary>
    public static void WriteMitigation(Utf8JsonWriter json, RunResult result)
    {
        if (result.RiskRegister?.Mitigation is not { } summary)
        {
            return;
        }
        json.WriteStartObject("mitigation");
        json.WriteNumber("trials", summary.Trials);
        json.WriteNumber("bootstrap_replicates", summary.BootstrapReplicates);
        json.WriteStartArray("risks");
        foreach (var value in summary.Each)
        {
            json.WriteStartObject();
            Value(json, value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("all");
        Value(json, summary.All);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, MitigationValue v)
    {
        json.WriteString("risk", v.RiskId);
        json.WriteString("name", v.Name);
        json.WriteString("action", v.Action);
        json.WriteNumber("cost", v.Cost);
        json.WriteNumber("expected_cost_before", v.ExpectedCostBefore);
        json.WriteNumber("expected_cost_after", v.ExpectedCostAfter);
        json.WriteNumber("mean_npv_change", v.MeanNpvChange);
        Interval(json, "mean_npv_change_95", v.MeanNpvChangeLow, v.MeanNpvChangeHigh);
        if (v.Reserve90Change is double change)
        {
            json.WriteNumber("reserve_90_change", change);
            Interval(json, "reserve_90_change_95", v.Reserve90ChangeLow!.Value, v.Reserve90ChangeHigh!.Value);
        }
        else
        {
            json.WriteNull("reserve_90_change");
            json.WriteNull("reserve_90_change_95");
        }
        json.WriteNumber("net_value", v.NetValue);
        Interval(json, "net_value_95", v.NetValueLow, v.NetValueHigh);
    }

    private static void Interval(Utf8JsonWriter json, string name, double low, double high)
    {
        json.WriteStartArray(name);
        json.WriteNumberValue(low);
        json.WriteNumberValue(high);
        json.WriteEndArray();
    }
}
