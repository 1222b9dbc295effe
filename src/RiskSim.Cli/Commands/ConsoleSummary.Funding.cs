using RiskSim.Cli.Output;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;
using Spectre.Console;

namespace RiskSim.Cli.Commands;

// The decision summary's savings profile table and peak funding sentences.
public static partial class ConsoleSummary
{
    /// <summary>The savings profile by financial year (nothing when the target is a single figure).</summary>
    private static void WriteProfile(IAnsiConsole console, RunResult result)
    {
        var profile = result.Decision.Profile;
        if (profile.Count == 0)
        {
            return;
        }
        var s = result.Scenario;
        string Money(double v) => Markup.Escape(TerminalText.Safe(Formats.Money(v, s.Currency)));
        var table = new Table().Title("Savings profile (cumulative net savings)").AddColumn("Year")
            .AddColumn(new TableColumn("Target").RightAligned()).AddColumn(new TableColumn("Chance met").RightAligned())
            .AddColumn(new TableColumn("Reserve 80%").RightAligned()).AddColumn(new TableColumn("Reserve 90%").RightAligned())
            .AddColumn(new TableColumn("Reserve 95%").RightAligned());
        foreach (var y in profile)
        {
            table.AddRow(Markup.Escape(TerminalText.Safe(s.YearLabel(y.Year))), Money(y.Target), Formats.Chance(y.ProbabilityMet),
                Money(y.Reserve80), Money(y.Reserve90), Money(y.Reserve95));
        }
        console.Write(table);
    }

    /// <summary>
    /// The peak funding requirement in sentences: the programme's, then each partner's from its own ledger (none when
    /// the run keeps no ledgers).
    /// </summary>
    public static IReadOnlyList<string> FundingLines(RunResult result)
    {
        var s = result.Scenario;
        string Money(double v) => Formats.Money(v, s.Currency);
        var lines = new List<string>();
        if (result.Decision.PeakFunding is { } f)
        {
            lines.Add(f.ProbabilityNeeded > 0
                ? $"Peak funding requirement (cash to find before the savings arrive, at year ends): {Money(f.P80)} for 80% confidence, "
                  + $"{Money(f.P90)} for 90%, {Money(f.P95)} for 95% (mean {Money(f.Mean)}); some is needed in {Formats.Chance(f.ProbabilityNeeded)} of trials."
                : "Peak funding requirement: none; cumulative net savings never fall below zero at a year end.");
        }
        foreach (var p in result.Decision.Partners.Where(p => p.Profile.Count > 0))
        {
            lines.Add($"{Label(p.Name, p.PartnerId)}, own savings profile: " + string.Join("; ", p.Profile.Select(y =>
                $"{s.YearLabel(y.Year)} {Money(y.Target)}, {Formats.Chance(y.ProbabilityMet)} chance, reserve for 90% confidence {Money(y.Reserve90)}")) + ".");
        }
        foreach (var p in result.Decision.Partners.Where(p => p.PeakFunding is not null))
        {
            var pf = p.PeakFunding!;
            lines.Add($"{Label(p.Name, p.PartnerId)}: peak funding on its own ledger {Money(pf.P90)} for 90% confidence (mean {Money(pf.Mean)}).");
        }
        return lines;
    }
}
