using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The engine against figures from an independent implementation of the model: with 2,000,000 trials
/// every figure must land inside the reference interval (4·√2 standard errors, plus 0.05 percentile
/// points for percentiles).
/// </summary>
public class ReferenceFiguresTests
{
    [Theory]
    [InlineData("reference-simple", 20261123UL)]
    [InlineData("reference-shared-ict", 7UL)]
    [InlineData("reference-ledger", 2025UL)]
    public void Every_reference_figure_lands_inside_its_interval(string name, ulong seed)
    {
        var scenario = ScenarioReader.ReadFile(Path.Combine(TestPaths.Reference, name + ".yaml"));
        var result = Simulation.Run(scenario, new SimulationOptions(2_000_000, seed));
        var outside = new List<string>();
        int checkedCount = 0;
        var lines = File.ReadLines(Path.Combine(TestPaths.Reference, name + ".expected.csv")).ToList();
        // The ledger's file leads with a partner column (empty for the programme).
        int lead = lines[0].StartsWith("partner,", StringComparison.Ordinal) ? 1 : 0;
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            string? partner = lead == 1 && f[0].Length > 0 ? f[0] : null;
            string metric = f[lead], stat = f[lead + 2];
            int? year = f[lead + 1].Length == 0 ? null : int.Parse(f[lead + 1], CultureInfo.InvariantCulture);
            double low = double.Parse(f[lead + 4], CultureInfo.InvariantCulture);
            double high = double.Parse(f[lead + 5], CultureInfo.InvariantCulture);
            double actual = (partner, metric) switch
            {
                (null, "decision") => Decision(result, stat),
                (_, "decision") => PartnerDecision(result, partner, stat),
                (null, _) => Stat(result.Row(metric, year), stat),
                _ => Stat(result.PartnerRow(partner, metric, year), stat),
            };
            checkedCount++;
            // A tiny relative slack absorbs float rounding where low == high (point masses).
            double slack = 1e-9 * Math.Max(1, Math.Abs(high));
            if (!(actual >= low - slack && actual <= high + slack))
            {
                outside.Add($"{partner} {metric} {year} {stat}: {actual} not in [{low}, {high}]");
            }
        }
        Assert.True(checkedCount > 50);
        Assert.True(outside.Count == 0, string.Join(Environment.NewLine, outside));
    }

    private static double Stat(SummaryRow row, string stat) => stat switch
    {
        "mean" => row.Mean,
        "sd" => row.Sd,
        "p5" => row.P5,
        "p10" => row.P10,
        "p25" => row.P25,
        "p50" => row.P50,
        "p75" => row.P75,
        "p90" => row.P90,
        "p95" => row.P95,
        _ => throw new ArgumentException(stat),
    };

    private static double PartnerDecision(RunResult result, string partner, string stat)
    {
        var d = result.Decision.Partners.Single(p => p.PartnerId == partner);
        return stat switch
        {
            "p_payback_within_horizon" => d.ProbabilityOfPayback,
            "p_npv_negative" => d.ProbabilityNpvNegative,
            "p_target_met" => d.ProbabilityTargetMet!.Value,
            _ => throw new ArgumentException(stat),
        };
    }

    private static double Decision(RunResult result, string stat)
    {
        var d = result.Decision;
        if (stat == "p_payback_within_horizon")
        {
            return d.ProbabilityOfPayback;
        }
        if (stat == "p_target_met")
        {
            return d.ProbabilityTargetMet!.Value;
        }
        if (stat.EndsWith(".exit", StringComparison.Ordinal))
        {
            return d.PartnerExits.Single(p => $"p_{p.PartnerId}.exit" == stat).ProbabilityOfExit;
        }
        return d.RiskFrequencies.Single(r => $"p_{r.RiskId}.occurred" == stat).Frequency;
    }
}
