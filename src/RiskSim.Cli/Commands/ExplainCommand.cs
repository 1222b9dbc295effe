using System.CommandLine;
using System.Globalization;
using RiskSim.Charts.Report;
using RiskSim.Cli.Output;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using RiskSim.IO.Scenarios;
using Spectre.Console;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim explain SCENARIO</c>: the scenario as the engine understands it.</summary>
public static class ExplainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file." };
        var command = new Command("explain",
            "Print the scenario as the engine understands it: every input in words with its mean and P10/P90, partners, risks, correlations, variants.")
        {
            scenario,
        };
        command.SetAction((parse, _) => Task.FromResult(Execute(parse.GetValue(scenario)!, Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Writes the explanation; returns an exit code.</summary>
    public static int Execute(string path, TextWriter stdout, TextWriter stderr)
    {
        Scenario s;
        try
        {
            s = ScenarioReader.ReadFile(path);
        }
        catch (ScenarioException e)
        {
            CommandSupport.PrintProblems(e, stderr);
            return ExitCodes.InvalidInput;
        }
        // The explanation is the scenario's own text: control characters in it are shown as escapes.
        stdout = new TerminalWriter(stdout);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No });
        string Money(double v) => Formats.Money(v, s.Currency);
        string Num(double v) => Formats.Number(v);
        string Pct(double p) => Formats.Percent(p);

        stdout.WriteLine($"{s.Name}");
        if (s.Description.Length > 0)
        {
            stdout.WriteLine(s.Description);
        }
        stdout.WriteLine($"Horizon {s.HorizonYears} years ({s.YearLabel(1)} to {s.YearLabel(s.HorizonYears)}), discount rate {Pct(s.DiscountRate)} real, currency {s.Currency}.");
        stdout.WriteLine(s.Target is { } t
            ? $"Target: cumulative net savings of at least {Money(t.CumulativeNetSavings)} by {Headline.ByYear(s, t.ByYear)}."
            : "No savings target.");
        if (s.Target?.Profile is { } profile)
        {
            stdout.WriteLine($"Savings profile ({(s.Target.Basis == TargetBasis.Annual ? "given as annual figures, summed" : "cumulative")}): "
                + string.Join(", ", profile.Select((v, i) => $"{s.YearLabel(i + 1)} {Money(v)}")) + ".");
        }

        var partners = new Table().Title("Partners").AddColumns("Id", "Name", "Share", "Withdrawal");
        foreach (var p in s.Partners)
        {
            string withdrawal = "never leaves";
            if (p.Withdrawal is { } w)
            {
                double window = s.HorizonYears - w.NoticeMonths / 12;
                double exit = window <= 0 ? 0 : 1 - Math.Pow(1 - w.AnnualProbability, window);
                withdrawal = $"notice {Pct(w.AnnualProbability)} a year, {Num(w.NoticeMonths)} months' notice: P(exit within horizon) {Formats.Chance(exit)}; "
                    + $"loses {w.SavingsLost.Describe(Pct)} of dependent savings; exit cost {w.ExitCost.Describe(Money)}";
            }
            partners.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Name), Pct(p.Share), Markup.Escape(withdrawal));
        }
        console.Write(partners);

        stdout.WriteLine("Inputs (distribution; mean, P10, P90):");
        foreach (var input in InputExplanations.Of(s))
        {
            stdout.WriteLine($"  {input.Line}");
        }
        foreach (string line in EvidenceLines(s))
        {
            stdout.WriteLine(line);
        }

        foreach (var w in s.Workstreams)
        {
            string depends = w.DependsOn.Count == s.Partners.Count ? "all partners" : w.DependsOn.Count == 0 ? "no partner" : string.Join(", ", w.DependsOn);
            string redundancy = w.Redundancy is null ? ""
                : w.Redundancy.AtMonth is double at ? $"; redundancies fall at month {Num(at)} whatever the go-live" : "; redundancies fall at go-live";
            stdout.WriteLine($"Workstream {w.Id} ({w.Name}): planned go-live month {Num(w.GoLiveMonth)}, ramp {Num(w.RampMonths)} months, depends on {depends}{redundancy}.");
        }
        foreach (var r in s.Risks)
        {
            string year = r.FirstYear == r.LastYear ? s.YearLabel(r.FirstYear) : $"{s.YearLabel(r.FirstYear)} to {s.YearLabel(r.LastYear)}";
            string delays = r.Delays.Count == 0 ? "" : "; delays " + string.Join(", ", r.Delays.Select(d => $"{d.WorkstreamId} by {d.Months.Describe(Num)} months"));
            stdout.WriteLine($"Risk {r.Id} ({r.Name}): {Pct(r.Probability)} chance, in {year}, cost {r.Cost.Describe(Money)}{delays}.");
            foreach (string line in RiskDetailLines(s, r))
            {
                stdout.WriteLine($"  {line}");
            }
        }
        if (s.Partners.Count > 1)
        {
            stdout.WriteLine("Each partner's ledger:");
            foreach (string line in LedgerLines(s))
            {
                stdout.WriteLine($"  {line}");
            }
        }
        foreach (var c in s.Correlations)
        {
            stdout.WriteLine($"Correlation: {c.First} with {c.Second}, rank {c.Rank.ToString("0.##", CultureInfo.InvariantCulture)}.");
        }
        foreach (var v in s.Variants)
        {
            stdout.WriteLine($"Variant {v.Name}: {string.Join("; ", v.Changes.Select(DescribeChange))}.");
        }
        return ExitCodes.Ok;

        string DescribeChange(VariantChange change) => change switch
        {
            SetChange c => $"set {c.Path} to {c.Value}",
            ScaleChange c => $"scale {c.Path} by {c.Factor.ToString("0.###", CultureInfo.InvariantCulture)}",
            RemovePartnerChange c => $"without partner {c.PartnerId}",
            _ => change.ToString(),
        };
    }

    /// <summary>
    /// The sources of figures that are not uncertain inputs (listed with the inputs), and how many uncertain inputs
    /// have a stated source, e.g. "Sources of other figures:" then "  discount_rate: HM Treasury Green Book".
    /// </summary>
    public static IReadOnlyList<string> EvidenceLines(Scenario s)
    {
        var uncertain = InputCatalog.Of(s).Where(i => !i.Distribution.IsConstant && i.Role != InputRole.RiskYear).ToList();
        int sourced = uncertain.Count(i => SourcePaths.Find(s, i) is not null);
        var lines = new List<string> { $"Stated sources: {sourced} of {uncertain.Count} uncertain inputs have one." };
        // A partner's chance of withdrawal is not listed with the inputs (it is in the partners' table): its source is listed here.
        var others = InputCatalog.Of(s).Where(i => i.Role == InputRole.WithdrawalNotice && SourcePaths.Find(s, i) is not null)
            .Select(i => (Path: SourcePaths.Of(i), Source: SourcePaths.Find(s, i)!))
            .Concat(SourcePaths.Others(s)).ToList();
        if (others.Count > 0)
        {
            lines.Add("Sources of other figures:");
            lines.AddRange(others.Select(o => $"  {o.Path}: {o.Source}"));
        }
        return lines;
    }

    /// <summary>A risk's owner and mitigation in words, e.g. "Mitigation: Consult early; costs £5k; chance once mitigated 10%."</summary>
    public static IReadOnlyList<string> RiskDetailLines(Scenario s, Risk r)
    {
        string Money(double v) => Formats.Money(v, s.Currency);
        var lines = new List<string>();
        if (s.RiskOwners.TryGetValue(r.Id, out string? owner))
        {
            lines.Add($"Owner: {owner}.");
        }
        if (r.Mitigation is { } m)
        {
            string cost = m.CostAfter is { } c ? $"; cost once mitigated {c.Describe(Money)}" : "";
            string delay = m.DelayAfter is { } d ? $"; delays once mitigated {d.Describe(Formats.Number)} months" : "";
            lines.Add($"Mitigation: {m.Action}; costs {Money(m.Cost)}; chance once mitigated {Formats.Percent(m.Probability)}{cost}{delay}.");
        }
        return lines;
    }

    /// <summary>
    /// How each flow is divided between the partners, in words: each workstream's savings, costs and redundancy
    /// keys (weights as normalised percentages), each risk's cost key, who pays each exit cost and each partner's own
    /// target, e.g. "ict savings split by weight: county 66.8%, city 12.2%, east 11.7%, west 9.3%".
    /// </summary>
    public static IReadOnlyList<string> LedgerLines(Scenario s)
    {
        var lines = new List<string>();
        foreach (var w in s.Workstreams)
        {
            lines.Add($"{w.Id} savings {Split(s, w.Allocation.SavingsKey, "received by")}.");
            lines.Add($"{w.Id} costs {Split(s, w.Allocation.CostsKey, "paid by")}.");
            if (w.Redundancy is not null)
            {
                lines.Add($"{w.Id} redundancy {Split(s, w.Allocation.RedundancyKey, "paid by")}.");
            }
        }
        foreach (var r in s.Risks)
        {
            lines.Add($"{r.Id} cost {Split(s, r.CostAllocation, "paid by")}.");
        }
        foreach (var p in s.Partners.Where(p => p.Withdrawal is not null))
        {
            lines.Add(p.Withdrawal!.ExitCostPaidBy == ExitCostPayer.Leaver
                ? $"{p.Id}'s exit cost paid by {p.Id} itself, the partner that leaves."
                : $"{p.Id}'s exit cost paid by the partners still in at its exit, by share.");
        }
        foreach (var p in s.Partners)
        {
            lines.Add(p.Target is { } t
                ? $"{p.Id}'s own target: cumulative net savings of at least {Formats.Money(t.CumulativeNetSavings, s.Currency)} by {Headline.ByYear(s, t.ByYear)}."
                : $"{p.Id} has no savings target of its own.");
        }
        return lines;
    }

    /// <summary>"split equally", "paid by city", "split by share: county 40%, city 20%", "split by weight: county 66.8%, …".</summary>
    private static string Split(Scenario s, AllocationKey key, string onePartner)
    {
        if (key is EqualKey)
        {
            return "split equally";
        }
        if (key is PartnerKey one)
        {
            return $"{onePartner} {one.PartnerId}";
        }
        double[] weights = AllocationWeights.Of(key, s);
        double total = weights.Sum();
        var parts = s.Partners.Select((p, i) => (p.Id, Weight: weights[i])).Where(x => x.Weight > 0)
            .Select(x => $"{x.Id} {Formats.Percent(x.Weight / total)}");
        return $"split {(key is SharesKey ? "by share" : "by weight")}: {string.Join(", ", parts)}";
    }
}
