using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.Charts.Data;

/// <summary>One line of the spider chart: mean NPV in each tenth of one input's ranked values.</summary>
/// <param name="Input">Dotted input name.</param>
/// <param name="Label">Legend text.</param>
/// <param name="Percentiles">Mid-point of each tenth, in percent (5, 15, …, 95).</param>
/// <param name="MeanNpv">Mean NPV of the trials in each tenth.</param>
public sealed record SpiderLine(string Input, string Label, IReadOnlyList<double> Percentiles, IReadOnlyList<double> MeanNpv);

/// <summary>
/// What the spider chart draws (<c>spider.png</c>): for the <see cref="MaxLines"/> inputs of largest swing (inputs with a
/// range of values; a withdrawal or a risk's occurrence is a yes/no event and has no tenths), the mean NPV of the
/// trials in each tenth of the input's ranked values, and the mean NPV of all trials.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Lines">One line per input, largest swing first.</param>
/// <param name="MeanNpv">Mean NPV of all trials.</param>
/// <param name="Currency">ISO currency code.</param>
public sealed record SpiderData(string Title, IReadOnlyList<SpiderLine> Lines, double MeanNpv, string Currency)
{
    /// <summary>The price base of the money ("2010/11"), or null when the scenario gives no start year.</summary>
    public string? PriceBase { get; init; }

    /// <summary>Most inputs drawn.</summary>
    public const int MaxLines = 6;

    /// <summary>Whether there is anything to draw.</summary>
    public bool HasChart => Lines.Count > 0;

    /// <summary>Builds the spider data of a run.</summary>
    public static SpiderData From(RunResult result)
    {
        var s = result.Scenario;
        var lines = result.Sensitivity
            .Where(r => r.Split == SwingSplit.Deciles && r.DecileMeans.Count > 0 && r.DecileMeans.All(double.IsFinite) && Math.Abs(r.Swing) > 0)
            .OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal)
            .Take(MaxLines)
            .Select(r => new SpiderLine(r.Input, InputLabels.ForChart(s, r.Input, r.Role, r.Owner),
                Enumerable.Range(0, r.DecileMeans.Count).Select(d => (d + 0.5) * 100.0 / r.DecileMeans.Count).ToArray(), r.DecileMeans))
            .ToList();
        return new SpiderData("Mean NPV through each main input's range", lines,
            result.Row(MetricNames.Npv).Mean, s.Currency)
        { PriceBase = Rendering.ChartCanvas.PriceBase(s) };
    }
}
