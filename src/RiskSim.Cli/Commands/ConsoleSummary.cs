using System.Globalization;
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
            string year = s.YearLabel(target.ByYear);
            lines.Add($"There is {Formats.AChance(d.ProbabilityTargetMet!.Value)} chance that cumulative net savings reach {Plain(target.CumulativeNetSavings)} by the end of {year}.");
            lines.Add($"Reserve to cover the shortfall against that target: {Plain(d.Reserve80!.Value)} for 80% confidence, {Plain(d.Reserve90!.Value)} for 90%, {Plain(d.Reserve95!.Value)} for 95%.");
        }
        lines.Add($"There is {Formats.AChance(d.ProbabilityOfPayback)} chance that the programme pays back within {s.HorizonYears} years.");
        lines.AddRange(FundingLines(result));
        var payback = result.Row(MetricNames.PaybackYear);
        if (payback.Count > 0)
        {
            lines.Add($"When it pays back, the median payback year is {s.YearLabel((int)Math.Round(payback.P50))}.");
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
        var top = result.Sensitivity.Take(5).Select(x => $"{x.Input} ({Pct(x.Share)}{(x.Spearman < 0 ? ", lowers NPV" : "")})");
        if (result.Sensitivity.Count > 0)
        {
            lines.Add($"Largest drivers of NPV: {string.Join("; ", top)}.");
        }
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
                ? $"; {Formats.Chance(met)} chance of its own target of {Money(target.CumulativeNetSavings)} by {s.YearLabel(target.ByYear)}, "
                  + $"reserve for 90% confidence {Money(reserve)}."
                : "; no target of its own.";
            lines.Add(line);
        }
        return lines;
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
