using System.Globalization;
using RiskSim.Core.Engine;

namespace RiskSim.Charts.Data;

/// <summary>One watched figure of a precision run at each checkpoint: its value and 95% interval.</summary>
/// <param name="Title">Panel title, e.g. "Reserve for 90% confidence".</param>
/// <param name="IsMoney">Whether the figure is money (a reserve) rather than a chance (in %).</param>
/// <param name="Value">The figure at each checkpoint (NaN where it could not be read).</param>
/// <param name="Low">Lower end of its interval at each checkpoint.</param>
/// <param name="High">Upper end.</param>
public sealed record ConvergenceSeries(string Title, bool IsMoney, IReadOnlyList<double> Value, IReadOnlyList<double> Low, IReadOnlyList<double> High);

/// <summary>What <c>convergence.png</c> draws: each watched figure of a precision run against the trials run.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Trials">Trials at each checkpoint.</param>
/// <param name="TrialLabels">Short labels of those counts ("98k", "1.05m").</param>
/// <param name="Series">One per watched figure.</param>
/// <param name="Currency">The scenario's currency.</param>
public sealed record ConvergenceChartData(string Title, IReadOnlyList<long> Trials, IReadOnlyList<string> TrialLabels,
    IReadOnlyList<ConvergenceSeries> Series, string Currency)
{
    /// <summary>The chart data of a precision run; null for a fixed run.</summary>
    public static ConvergenceChartData? From(RunResult result)
    {
        if (result.Precision is not { } outcome)
        {
            return null;
        }
        var checkpoints = outcome.Checkpoints;
        var names = checkpoints[^1].Figures.Select(f => f.Name).ToList();
        var series = names.Select(name =>
        {
            var figures = checkpoints.Select(c => c.Figures.First(f => f.Name == name)).ToList();
            string label = PrecisionOutcome.Label(name);
            return new ConvergenceSeries(char.ToUpperInvariant(label[4]) + label[5..], name.StartsWith("reserve", StringComparison.Ordinal),
                figures.Select(f => f.Value).ToList(), figures.Select(f => f.Ci95?.Low ?? double.NaN).ToList(),
                figures.Select(f => f.Ci95?.High ?? double.NaN).ToList());
        }).ToList();
        var trials = checkpoints.Select(c => c.Trials).ToList();
        return new ConvergenceChartData($"Precision of the decision figures as trials run (to ±{outcome.Goal.Text})", trials,
            trials.Select(TrialLabel).ToList(), series, result.Scenario.Currency);
    }

    /// <summary>A trial count in a few characters: "98k", "1.05m".</summary>
    public static string TrialLabel(long trials) => trials >= 1_000_000
        ? (trials / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "m"
        : (trials / 1e3).ToString("0", CultureInfo.InvariantCulture) + "k";
}
