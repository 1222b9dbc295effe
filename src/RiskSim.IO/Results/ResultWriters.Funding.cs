using System.Text.Json;
using RiskSim.Core.Engine;

namespace RiskSim.IO.Results;

// decision.json: a savings profile by financial year and the peak funding requirement.
public static partial class ResultWriters
{
    // "profile": one object per financial year of a savings profile, as a budget book shows it; null without a profile.
    private static void WriteProfile(Utf8JsonWriter json, IReadOnlyList<ProfileYearFigure> profile, Core.Model.Scenario scenario)
    {
        if (profile.Count == 0)
        {
            json.WriteNull("profile");
            return;
        }
        json.WriteStartArray("profile");
        foreach (var y in profile)
        {
            json.WriteStartObject();
            json.WriteNumber("year", y.Year);
            json.WriteString("year_label", scenario.YearLabel(y.Year));
            json.WriteNumber("target", y.Target);
            json.WriteNumber("p_met", y.ProbabilityMet);
            json.WriteNumber("cumulative_p20", y.CumulativeP20);
            json.WriteNumber("cumulative_p10", y.CumulativeP10);
            json.WriteNumber("cumulative_p5", y.CumulativeP5);
            json.WriteNumber("reserve_80", y.Reserve80);
            json.WriteNumber("reserve_90", y.Reserve90);
            json.WriteNumber("reserve_95", y.Reserve95);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    // "peak_funding": the distribution of the largest cumulative deficit at a year end, the cash to find up front.
    private static void WritePeakFunding(Utf8JsonWriter json, PeakFundingFigure? funding)
    {
        if (funding is null)
        {
            json.WriteNull("peak_funding");
            return;
        }
        json.WriteStartObject("peak_funding");
        json.WriteNumber("mean", funding.Mean);
        json.WriteNumber("p50", funding.P50);
        json.WriteNumber("p80", funding.P80);
        json.WriteNumber("p90", funding.P90);
        json.WriteNumber("p95", funding.P95);
        json.WriteNumber("max", funding.Max);
        json.WriteNumber("p_needed", funding.ProbabilityNeeded);
        json.WriteEndObject();
    }
}
