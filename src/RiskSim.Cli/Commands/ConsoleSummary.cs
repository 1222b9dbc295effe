using System.Globalization;
using RiskSim.Charts.Report;
using RiskSim.Cli.Output;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using Spectre.Console;

namespace RiskSim.Cli.Commands;

/// <summary>Prints a run's results as terminal tables and plain sentences.</summary>
/// <remarks>
/// Every piece of scenario text (names, currency, input names) is escaped for Spectre's markup and stripped of
/// control characters, so no scenario can make the summary throw or drive the terminal.
/// </remarks>
public static partial class ConsoleSummary
{
    /// <summary>Writes the decision summary to <paramref name="output"/>.</summary>
    public static void Write(RunResult result, string folder, TextWriter output) =>
        output.Write(Render(result, folder, output == Console.Out && !Console.IsOutputRedirected));

    /// <summary>
    /// The decision summary as text, built before anything is committed so that printing it afterwards cannot fail
    /// the run; <paramref name="ansi"/> adds colour and sizes the tables to the terminal.
    /// </summary>
    public static string Render(RunResult result, string folder, bool ansi)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (ansi && TerminalWidth() is int width)
        {
            console.Profile.Width = width;
        }
        var s = result.Scenario;
        // Scenario text goes to Spectre only through this: markup-escaped, control characters shown as escapes.
        static string Cell(string text) => Markup.Escape(TerminalText.Safe(text));
        string Plain(double v) => Formats.Money(v, s.Currency);
        string Money(double v) => Cell(Plain(v));
        string Pct(double p) => Formats.Chance(p);

        console.MarkupLine($"[bold]{Cell(s.Name)}[/]: {result.Trials:N0} trials, seed {result.Seed}");

        var years = new Table().Title("Cumulative net savings").AddColumn("Year").AddColumn(new TableColumn("P10").RightAligned())
            .AddColumn(new TableColumn("P50").RightAligned()).AddColumn(new TableColumn("P90").RightAligned())
            .AddColumn(new TableColumn("Mean").RightAligned());
        for (int t = 1; t <= s.HorizonYears; t++)
        {
            var r = result.Row(MetricNames.CumulativeNetSavings, t);
            years.AddRow(Cell(s.YearLabel(t)), Money(r.P10), Money(r.P50), Money(r.P90), Money(r.Mean));
        }
        console.Write(years);

        var npv = result.Row(MetricNames.Npv);
        var npvTable = new Table().Title($"Net present value ({(s.DiscountRate * 100).ToString("0.##", CultureInfo.InvariantCulture)}% real)")
            .AddColumn("P5").AddColumn("P10").AddColumn("P25").AddColumn("P50").AddColumn("P75").AddColumn("P90").AddColumn("P95").AddColumn("Mean");
        npvTable.AddRow(npv.PercentileValues.Select(Money).Append(Money(npv.Mean)).ToArray());
        console.Write(npvTable);
        WriteProfile(console, result);

        var d = result.Decision;
        var lines = new List<string>();
        if (d.Target is { } target)
        {
            lines.Add($"There is {Formats.AChance(d.ProbabilityTargetMet!.Value)} chance that cumulative net savings reach {Plain(target.CumulativeNetSavings)} by {Headline.ByYear(s, target.ByYear)}.");
            lines.Add($"Reserve to cover the shortfall against that target: {Plain(d.Reserve80!.Value)} for 80% confidence, {Plain(d.Reserve90!.Value)} for 90%, {Plain(d.Reserve95!.Value)} for 95%.");
        }
        lines.AddRange(PrecisionLines(result));
        lines.Add($"There is {Formats.AChance(d.ProbabilityOfPayback)} chance that the programme pays back within {s.HorizonYears} years.");
        lines.AddRange(FundingLines(result));
        var payback = result.Row(MetricNames.PaybackYear);
        if (payback.Count > 0)
        {
            lines.Add($"When it pays back, the median trial {Headline.PaysBackIn(s, (int)Math.Round(payback.P50))}.");
        }
        foreach (var p in d.PartnerExits.Where(x => s.Partners.First(q => q.Id == x.PartnerId).Withdrawal is not null))
        {
            lines.Add($"Chance that {Label(p.Name, p.PartnerId)} leaves within the horizon: {Pct(p.ProbabilityOfExit)}.");
        }
        lines.AddRange(PartnerLines(result));
        foreach (var r in d.RiskFrequencies)
        {
            lines.Add($"Risk '{Label(r.Name, r.RiskId)}' happened in {Pct(r.Frequency)} of trials.");
        }
        if (result.RiskRegister?.Mitigation is { Each.Count: > 0 } mitigation)
        {
            lines.Add($"Best mitigation: {MitigationSentences.Of(mitigation.Each[0], s.Currency)}");
        }
        lines.AddRange(OutcomeSentences.TwoOutcomes(result));
        lines.AddRange(OutcomeSentences.Plan(result));
        lines.AddRange(SwingLines(result));
        foreach (string line in lines)
        {
            // Sentences go out unwrapped: Spectre would break them at the terminal width (80 when redirected).
            output.WriteLine(TerminalText.Safe(line));
        }
        output.WriteLine($"Results in {TerminalText.Safe(folder)}");
        return output.ToString();
    }

    /// <summary>
    /// One line per partner from its own ledger (none when the run keeps no ledgers): its chance of a negative NPV,
    /// its median NPV and, when it has a target of its own, the chance of meeting it and the reserve for 90% confidence.
    /// </summary>
    public static IReadOnlyList<string> PartnerLines(RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        var lines = new List<string>();
        foreach (var p in result.Decision.Partners)
        {
            var npv = result.PartnerRow(p.PartnerId, MetricNames.Npv);
            string line = $"{Label(p.Name, p.PartnerId)}, own ledger: {Formats.Chance(p.ProbabilityNpvNegative)} chance its NPV is below zero, median NPV {Money(npv.P50)}";
            line += p.Target is { } target && p.ProbabilityTargetMet is double met && p.Reserve90 is double reserve
                ? $"; {Formats.Chance(met)} chance of its own target of {Money(target.CumulativeNetSavings)} by {Headline.ByYear(s, target.ByYear)}, "
                  + $"reserve for 90% confidence {Money(reserve)}."
                : "; no target of its own.";
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// The 95% Monte Carlo intervals of the chance of meeting the target and of the three reserves, then a warning for
    /// each decision figure that is less precise than the limits (<see cref="DecisionPrecision.Warnings"/>).
    /// </summary>
    public static IReadOnlyList<string> PrecisionLines(RunResult result)
    {
        var d = result.Decision;
        string Money(double v) => Formats.Money(v, result.Scenario.Currency);
        string Range(Core.Statistics.Interval ci, Func<double, string> format) => $"{format(ci.Low)} to {format(ci.High)}";
        var lines = new List<string>();
        if (result.Precision is { } outcome)
        {
            lines.Add(outcome.Sentence(result.Trials));
        }
        if (d.ProbabilityTargetMetCi95 is { } p && d.ReservesCi95 is { } r)
        {
            lines.Add($"95% Monte Carlo intervals: chance of meeting the target {Range(p, v => Formats.Percent(v))}; reserve for 80% "
                + $"confidence {Range(r.Reserve80, Money)}, for 90% {Range(r.Reserve90, Money)}, for 95% {Range(r.Reserve95, Money)}.");
        }
        // The other chances' intervals in one line: payback, each partner's exit, each risk, each partner's own figures.
        string Chance(Core.Statistics.Interval ci) => Range(ci, v => Formats.Percent(v));
        var others = new List<string> { $"paying back {Chance(d.ProbabilityOfPaybackCi95)}" };
        var s = result.Scenario;
        others.AddRange(d.PartnerExits.Where(x => s.Partners.First(q => q.Id == x.PartnerId).Withdrawal is not null)
            .Select(x => $"{x.PartnerId} leaving {Chance(x.Ci95)}"));
        others.AddRange(d.RiskFrequencies.Select(x => $"risk {x.RiskId} {Chance(x.Ci95)}"));
        foreach (var p2 in d.Partners)
        {
            others.Add($"{p2.PartnerId}'s own NPV below zero {Chance(p2.ProbabilityNpvNegativeCi95)}");
            if (p2.ProbabilityTargetMetCi95 is { } own && p2.ReservesCi95 is { } ownReserves)
            {
                others.Add($"{p2.PartnerId}'s own target {Chance(own)}, its reserve for 90% confidence {Range(ownReserves.Reserve90, Money)}");
            }
        }
        lines.Add($"95% Monte Carlo intervals of the other figures: {string.Join("; ", others)}.");
        lines.AddRange(DecisionPrecision.Warnings(result).Select(w => "warning: " + w));
        return lines;
    }

    /// <summary>
    /// The five inputs that move the NPV most, in pounds: the mean NPV of the trials at each end of the input's range,
    /// or when a partner stays and leaves, or a risk does not occur and occurs.
    /// </summary>
    public static IReadOnlyList<string> SwingLines(RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        var top = result.Sensitivity.Where(r => double.IsFinite(r.Swing) && r.Swing != 0)
            .OrderByDescending(r => Math.Abs(r.Swing)).ThenBy(r => r.Input, StringComparer.Ordinal).Take(5)
            .Select(r => r.Split switch
            {
                SwingSplit.Leaves => $"{r.Owner} leaves within the horizon: no {Money(r.NpvMeanLow)}, yes {Money(r.NpvMeanHigh)}",
                SwingSplit.Occurs => $"risk {r.Owner} occurs: no {Money(r.NpvMeanLow)}, yes {Money(r.NpvMeanHigh)}",
                _ => $"{r.Input}: lowest 10% {Money(r.NpvMeanLow)}, highest 10% {Money(r.NpvMeanHigh)}",
            })
            .ToList();
        return top.Count == 0 ? [] : [$"Largest drivers of NPV (mean NPV at each end): {string.Join("; ", top)}."];
    }

    private static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Label(string name, string id) => name.Length > 0 ? $"{name} ({id})" : id;
}
