using System.Globalization;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.IO.Results;

/// <summary>One row of the Summary sheet: a decision figure in words, its value and its name in decision.json.</summary>
/// <param name="Figure">The figure in words, e.g. "Reserve to be 90% confident of covering the shortfall against the target".</param>
/// <param name="Value">Its value and format (a number as a number, to full precision).</param>
/// <param name="Key">Its name in decision.json, e.g. <c>reserve_90</c> or <c>target.by_year</c>.</param>
public sealed record DecisionFigureRow(string Figure, XlsxCell Value, string Key)
{
    /// <summary>The figure's 95% Monte Carlo interval (decision.json's <c>&lt;key&gt;_ci95</c>), or null when it has none.</summary>
    public Interval? Ci95 { get; init; }
}

/// <summary>One row of the Risks sheet: a risk of the scenario, how often it occurred in the run and, when quantified, its register figures.</summary>
/// <param name="Risk">The risk as the scenario declares it.</param>
/// <param name="Frequency">Share of trials in which it occurred.</param>
public sealed record RiskSheetRow(Risk Risk, double Frequency)
{
    /// <summary>Mean of the risk's cost when it occurs.</summary>
    public double MeanCost => Risk.Cost.Mean;

    /// <summary>Realised frequency × mean cost.</summary>
    public double ExpectedCost => Frequency * MeanCost;

    /// <summary>The risk as the run quantified it (risks.csv's row: swing, share of variance, rating, mitigation), or null.</summary>
    public QuantifiedRisk? Quantified { get; init; }
}

/// <summary>
/// Writes <c>results.xlsx</c> (a run's figures for finance teams who work in Excel) and a batch's
/// <c>comparison.xlsx</c>. Reads only the run's result, its headline sentences and the chart PNGs already rendered.
/// The sheet tab names are fixed (<see cref="Sheets"/>) so scripts can rely on them; docs/model.md lists every sheet.
/// </summary>
public static class WorkbookWriter
{
    /// <summary>File name of a run's workbook.</summary>
    public const string ResultsFile = "results.xlsx";

    /// <summary>File name of a batch's workbook.</summary>
    public const string ComparisonFile = "comparison.xlsx";

    /// <summary>The fixed tab names of the two workbooks.</summary>
    public static class Sheets
    {
        /// <summary>Headline sentences and every decision figure in words.</summary>
        public const string Summary = "Summary";

        /// <summary>Per ledger, metric and year: mean, P10, P50, P90.</summary>
        public const string Years = "Years";

        /// <summary>Each partner's own figures (only when the run keeps partner ledgers).</summary>
        public const string Councils = "Councils";

        /// <summary>Per risk: probability, realised frequency, expected cost.</summary>
        public const string Risks = "Risks";

        /// <summary>Every input in words with its mean, P10 and P90.</summary>
        public const string Inputs = "Inputs";

        /// <summary>The rows of sensitivity.parquet.</summary>
        public const string Sensitivity = "Sensitivity";

        /// <summary>The run's chart images (only when charts are drawn).</summary>
        public const string Charts = "Charts";

        /// <summary>comparison.xlsx: the rows of comparison.csv.</summary>
        public const string Comparison = "Comparison";

        /// <summary>comparison.xlsx: comparison.png (only when charts are drawn).</summary>
        public const string Chart = "Chart";
    }

    /// <summary>Writes results.xlsx.</summary>
    /// <param name="result">The run.</param>
    /// <param name="headline">The headline sentences, shown at the top of the Summary sheet.</param>
    /// <param name="charts">The chart images for the Charts sheet; empty when charts are off (then there is no Charts sheet).</param>
    /// <param name="path">Where to write (a staged path of the output folder).</param>
    public static void WriteResults(RunResult result, IReadOnlyList<string> headline, IReadOnlyList<XlsxImage> charts, string path)
    {
        var s = result.Scenario;
        var book = new XlsxBook();

        var summary = book.AddSheet(Sheets.Summary);
        foreach (string sentence in headline)
        {
            summary.Sentence(sentence);
        }
        summary.Blank().Table(SummaryColumns, DecisionFigures(result));

        book.AddSheet(Sheets.Years).Table(YearColumns(result), result.Summary);

        if (result.Decision.Partners.Count > 0)
        {
            book.AddSheet(Sheets.Councils).Table(CouncilColumns(result), result.Decision.Partners);
        }

        var frequencies = result.Decision.RiskFrequencies.ToDictionary(f => f.RiskId, f => f.Frequency, StringComparer.Ordinal);
        book.AddSheet(Sheets.Risks).Table(RiskColumns(s),
            s.Risks.Select(r => new RiskSheetRow(r, frequencies.GetValueOrDefault(r.Id, double.NaN))
            {
                Quantified = result.RiskRegister?.Risks.FirstOrDefault(q => q.RiskId == r.Id),
            }));

        book.AddSheet(Sheets.Inputs).Table(InputColumns(s), InputExplanations.Of(s));

        book.AddSheet(Sheets.Sensitivity).Table(SensitivityColumns, result.Sensitivity);

        if (charts.Count > 0)
        {
            var sheet = book.AddSheet(Sheets.Charts);
            foreach (var chart in charts)
            {
                sheet.Image(chart);
            }
        }
        book.Save(path);
    }

    /// <summary>Writes comparison.xlsx: the rows of comparison.csv, and comparison.png when there is one.</summary>
    public static void WriteComparison(IReadOnlyList<ComparisonRow> rows, byte[]? chartPng, string path)
    {
        var book = new XlsxBook();
        book.AddSheet(Sheets.Comparison).Table(ComparisonColumns(), rows);
        if (chartPng is not null)
        {
            book.AddSheet(Sheets.Chart).Image(new XlsxImage("NPV distributions and chance of meeting the target, side by side (comparison.png)", chartPng));
        }
        book.Save(path);
    }

    // ---- Summary ----------------------------------------------------------------------------------

    /// <summary>The Summary sheet's table: one row per <see cref="DecisionFigureRow"/>.</summary>
    public static readonly IReadOnlyList<XlsxColumn<DecisionFigureRow>> SummaryColumns =
    [
        new("Figure", r => XlsxCell.Of(r.Figure)),
        new("Value", r => r.Value),
        new("95% interval: low", r => r.Ci95 is { } ci ? new XlsxCell(ci.Low, r.Value.Format) : XlsxCell.Of((string?)null)),
        new("95% interval: high", r => r.Ci95 is { } ci ? new XlsxCell(ci.High, r.Value.Format) : XlsxCell.Of((string?)null)),
        new("Key", r => XlsxCell.Of(r.Key)),
    ];

    /// <summary>
    /// Every figure of decision.json except the partners' own (they are on the Councils sheet), in words, in
    /// decision.json's order.
    /// </summary>
    public static IReadOnlyList<DecisionFigureRow> DecisionFigures(RunResult result)
    {
        var s = result.Scenario;
        var d = result.Decision;
        var money = XlsxFormat.Money(s.Currency);
        var rows = new List<DecisionFigureRow>
        {
            new("Scenario", XlsxCell.Of(s.Name), "scenario"),
            new("Trials", new XlsxCell(result.Trials, XlsxFormat.Whole), "trials"),
            new("Seed", Seed(result.Seed), "seed"),
        };
        if (d.Target is { } target)
        {
            string by = s.YearLabel(target.ByYear);
            rows.Add(new("Savings target: cumulative net savings of at least", new XlsxCell(target.CumulativeNetSavings, money), "target.cumulative_net_savings"));
            rows.Add(new("Target year (year of the horizon)", new XlsxCell(target.ByYear, XlsxFormat.Plain), "target.by_year"));
            rows.Add(new("Target year", XlsxCell.Of(by), "target.by_year_label"));
            rows.Add(new($"Chance that cumulative net savings reach the target by {by}", new XlsxCell(d.ProbabilityTargetMet, XlsxFormat.Percent), "p_target_met") { Ci95 = d.ProbabilityTargetMetCi95 });
            rows.Add(new($"Cumulative net savings by {by}: 20th percentile", new XlsxCell(d.CumulativeAtTargetP20, money), "cumulative_at_target_year_p20") { Ci95 = d.ReservesCi95?.P20 });
            rows.Add(new($"Cumulative net savings by {by}: 10th percentile", new XlsxCell(d.CumulativeAtTargetP10, money), "cumulative_at_target_year_p10") { Ci95 = d.ReservesCi95?.P10 });
            rows.Add(new($"Cumulative net savings by {by}: 5th percentile", new XlsxCell(d.CumulativeAtTargetP5, money), "cumulative_at_target_year_p5") { Ci95 = d.ReservesCi95?.P5 });
            rows.Add(new("Reserve to be 80% confident of covering the shortfall against the target", new XlsxCell(d.Reserve80, money), "reserve_80") { Ci95 = d.ReservesCi95?.Reserve80 });
            rows.Add(new("Reserve to be 90% confident of covering the shortfall against the target", new XlsxCell(d.Reserve90, money), "reserve_90") { Ci95 = d.ReservesCi95?.Reserve90 });
            rows.Add(new("Reserve to be 95% confident of covering the shortfall against the target", new XlsxCell(d.Reserve95, money), "reserve_95") { Ci95 = d.ReservesCi95?.Reserve95 });
        }
        else
        {
            rows.Add(new("Savings target: none set, so no chance of meeting it and no reserve is calculated", XlsxCell.Of((string?)null), "target"));
        }
        rows.Add(new($"Chance that the programme pays back within the {s.HorizonYears}-year horizon", new XlsxCell(d.ProbabilityOfPayback, XlsxFormat.Percent),
            "p_payback_within_horizon")
        { Ci95 = d.ProbabilityOfPaybackCi95 });
        foreach (var p in d.PartnerExits)
        {
            rows.Add(new($"Chance that {Named(p.Name, p.PartnerId)} gives notice and leaves within the horizon",
                new XlsxCell(p.ProbabilityOfExit, XlsxFormat.Percent), $"p_{p.PartnerId}.exit")
            { Ci95 = p.Ci95 });
        }
        foreach (var r in d.RiskFrequencies)
        {
            rows.Add(new($"Share of trials in which the risk {Named(r.Name, r.RiskId)} occurred", new XlsxCell(r.Frequency, XlsxFormat.Percent),
                $"p_{r.RiskId}.occurred")
            { Ci95 = r.Ci95 });
        }
        return rows;
    }

    // A seed as a number when a spreadsheet can hold it exactly, else as text.
    private static XlsxCell Seed(ulong seed) => seed <= (1UL << 53) ? new XlsxCell((double)seed, XlsxFormat.Plain)
        : XlsxCell.Of(seed.ToString(CultureInfo.InvariantCulture));

    private static string Named(string name, string id) => string.IsNullOrWhiteSpace(name) ? id : name.Trim();

    // ---- Years ------------------------------------------------------------------------------------

    /// <summary>The Years sheet: every row of summary.csv with its mean, P10, P50 and P90.</summary>
    public static IReadOnlyList<XlsxColumn<SummaryRow>> YearColumns(RunResult result)
    {
        var s = result.Scenario;
        var money = XlsxFormat.Money(s.Currency);
        var names = s.Partners.ToDictionary(p => p.Id, p => Named(p.Name, p.Id), StringComparer.Ordinal);
        XlsxFormat FormatOf(SummaryRow r) => r.Metric == MetricNames.PaybackYear ? XlsxFormat.Number : money;
        return
        [
            new("Ledger", r => XlsxCell.Of(r.Partner is null ? "Programme" : names.GetValueOrDefault(r.Partner, r.Partner))),
            new("Partner", r => XlsxCell.Of(r.Partner)),
            new("Metric", r => XlsxCell.Of(MetricWords(r.Metric))),
            new("Metric key", r => XlsxCell.Of(r.Metric)),
            new("Year", r => new XlsxCell(r.Year, XlsxFormat.Plain)),
            new("Financial year", r => XlsxCell.Of(r.Year is int y ? s.YearLabel(y) : "whole horizon")),
            new("Mean", r => new XlsxCell(r.Mean, FormatOf(r))),
            new("P10", r => new XlsxCell(r.P10, FormatOf(r))),
            new("P50", r => new XlsxCell(r.P50, FormatOf(r))),
            new("P90", r => new XlsxCell(r.P90, FormatOf(r))),
        ];
    }

    /// <summary>A summary metric in words, e.g. "Cumulative net savings".</summary>
    public static string MetricWords(string metric) => metric switch
    {
        MetricNames.GrossSavings => "Gross savings",
        MetricNames.Costs => "Costs",
        MetricNames.NetSavings => "Net savings",
        MetricNames.CumulativeNetSavings => "Cumulative net savings",
        MetricNames.Npv => "Net present value",
        MetricNames.TotalNetSavings => "Total net savings over the horizon",
        MetricNames.PaybackYear => "Payback year (trials that pay back)",
        _ => char.ToUpperInvariant(metric[0]) + metric[1..].Replace('_', ' '),
    };

    // ---- Councils ---------------------------------------------------------------------------------

    /// <summary>The Councils sheet: each partner's figures from its own ledger.</summary>
    public static IReadOnlyList<XlsxColumn<PartnerDecision>> CouncilColumns(RunResult result)
    {
        var s = result.Scenario;
        var money = XlsxFormat.Money(s.Currency);
        var exits = result.Decision.PartnerExits.ToDictionary(p => p.PartnerId, p => p.ProbabilityOfExit, StringComparer.Ordinal);
        SummaryRow Npv(PartnerDecision p) => result.PartnerRow(p.PartnerId, MetricNames.Npv);
        return
        [
            new("Partner", p => XlsxCell.Of(p.PartnerId)),
            new("Name", p => XlsxCell.Of(Named(p.Name, p.PartnerId))),
            new("Chance of payback within the horizon", p => new XlsxCell(p.ProbabilityOfPayback, XlsxFormat.Percent)),
            new("Chance NPV is below zero", p => new XlsxCell(p.ProbabilityNpvNegative, XlsxFormat.Percent)),
            new("Chance of leaving within the horizon", p => new XlsxCell(exits.GetValueOrDefault(p.PartnerId), XlsxFormat.Percent)),
            new("Own target", p => new XlsxCell(p.Target?.CumulativeNetSavings, money)),
            new("Own target year", p => XlsxCell.Of(p.Target is { } t ? s.YearLabel(t.ByYear) : null)),
            new("Chance own target met", p => new XlsxCell(p.ProbabilityTargetMet, XlsxFormat.Percent)),
            new("Cumulative at target year P20", p => new XlsxCell(p.CumulativeAtTargetP20, money)),
            new("Cumulative at target year P10", p => new XlsxCell(p.CumulativeAtTargetP10, money)),
            new("Cumulative at target year P5", p => new XlsxCell(p.CumulativeAtTargetP5, money)),
            new("Reserve for 80% confidence", p => new XlsxCell(p.Reserve80, money)),
            new("Reserve for 90% confidence", p => new XlsxCell(p.Reserve90, money)),
            new("Reserve for 95% confidence", p => new XlsxCell(p.Reserve95, money)),
            new("NPV mean", p => new XlsxCell(Npv(p).Mean, money)),
            new("NPV P10", p => new XlsxCell(Npv(p).P10, money)),
            new("NPV P50", p => new XlsxCell(Npv(p).P50, money)),
            new("NPV P90", p => new XlsxCell(Npv(p).P90, money)),
        ];
    }

    // ---- Risks ------------------------------------------------------------------------------------

    /// <summary>The Risks sheet: one row per risk, in scenario order. Further columns are further entries of this list.</summary>
    public static IReadOnlyList<XlsxColumn<RiskSheetRow>> RiskColumns(Scenario scenario)
    {
        var money = XlsxFormat.Money(scenario.Currency);
        return
        [
            new("Risk", r => XlsxCell.Of(r.Risk.Id)),
            new("Name", r => XlsxCell.Of(Named(r.Risk.Name, r.Risk.Id))),
            new("Probability", r => new XlsxCell(r.Risk.Probability, XlsxFormat.Percent)),
            new("Realised frequency", r => new XlsxCell(r.Frequency, XlsxFormat.Percent)),
            new("Mean cost if it occurs", r => new XlsxCell(r.MeanCost, money)),
            new("Expected cost", r => new XlsxCell(r.ExpectedCost, money)),
            // The quantified register, as risks.csv has it.
            new("P90 cost if it occurs", r => XlsxCell.Of(r.Quantified?.P90CostIfOccurs, money)),
            new("Share of NPV variance", r => XlsxCell.Of(r.Quantified?.VarianceShare, XlsxFormat.Percent)),
            new("NPV swing (occurs less does not)", r => XlsxCell.Of(r.Quantified?.Swing, money)),
            new("Mean NPV lost when it occurs", r => XlsxCell.Of(r.Quantified?.MeanImpact, money)),
            new("Rating before", r => XlsxCell.Of(r.Quantified is { } q ? Rating(q.Before) : null)),
            new("Mitigation", r => XlsxCell.Of(r.Risk.Mitigation?.Action)),
            new("Mitigation cost", r => XlsxCell.Of(r.Risk.Mitigation?.Cost, money)),
            new("Rating after", r => XlsxCell.Of(r.Quantified?.After is { } after ? Rating(after) : null)),
            new("Mitigation net value", r => XlsxCell.Of(r.Quantified?.Mitigation?.NetValue, money)),
        ];
    }

    // "Red (15)": the band and the likelihood × impact score.
    private static string Rating(RiskRating rating) =>
        $"{rating.Rag} ({rating.Score.ToString(CultureInfo.InvariantCulture)})";

    // ---- Inputs -----------------------------------------------------------------------------------

    /// <summary>The Inputs sheet: every input as <c>risksim explain</c> lists it, values as numbers.</summary>
    public static IReadOnlyList<XlsxColumn<InputExplanation>> InputColumns(Scenario scenario)
    {
        var money = XlsxFormat.Money(scenario.Currency);
        XlsxFormat FormatOf(InputExplanation i) => i.IsMoney ? money : XlsxFormat.Number;
        return
        [
            new("Input", i => XlsxCell.Of(i.Input.Name)),
            new("Owner", i => XlsxCell.Of(i.Input.Owner)),
            new("Role", i => XlsxCell.Of(ResultWriters.RoleName(i.Input.Role))),
            new("Distribution", i => XlsxCell.Of(i.IsFixed ? i.Distribution + " (fixed)" : i.Distribution)),
            new("Mean", i => new XlsxCell(i.Mean, FormatOf(i))),
            new("P10", i => new XlsxCell(i.P10, FormatOf(i))),
            new("P90", i => new XlsxCell(i.P90, FormatOf(i))),
            new("Evidence", i => XlsxCell.Of(i.Source ?? "none stated")),
        ];
    }

    // ---- Sensitivity ------------------------------------------------------------------------------

    /// <summary>The Sensitivity sheet: the columns of sensitivity.parquet, in tornado order.</summary>
    public static readonly IReadOnlyList<XlsxColumn<SensitivityRow>> SensitivityColumns =
    [
        new("input", r => XlsxCell.Of(r.Input)),
        new("role", r => XlsxCell.Of(ResultWriters.RoleName(r.Role))),
        new("owner", r => XlsxCell.Of(r.Owner)),
        new("spearman", r => new XlsxCell(r.Spearman, XlsxFormat.Correlation)),
        new("share", r => new XlsxCell(r.Share, XlsxFormat.Percent)),
    ];

    // ---- Comparison -------------------------------------------------------------------------------

    /// <summary>comparison.xlsx's columns: those of comparison.csv, money in each row's currency.</summary>
    public static IReadOnlyList<XlsxColumn<ComparisonRow>> ComparisonColumns()
    {
        var columns = new List<XlsxColumn<ComparisonRow>>
        {
            new("partner", r => XlsxCell.Of(r.Partner ?? "")),
            new("scenario", r => XlsxCell.Of(r.Scenario)),
            new("variant", r => XlsxCell.Of(r.Variant)),
            new("file", r => XlsxCell.Of(r.File)),
            new("folder", r => XlsxCell.Of(r.Folder)),
            new("currency", r => XlsxCell.Of(r.Currency)),
            new("trials", r => new XlsxCell(r.Trials, XlsxFormat.Whole)),
            new("seed", r => Seed(r.Seed)),
        };
        var numbered = ComparisonFiles.Columns.Skip(columns.Count).ToArray();
        for (int c = 0; c < numbered.Length; c++)
        {
            int index = c;
            string name = numbered[c];
            bool chance = name.StartsWith("p_", StringComparison.Ordinal) || name.EndsWith("_p_worse", StringComparison.Ordinal);
            columns.Add(new(name, r => new XlsxCell(ComparisonFiles.Numbers(r)[index], chance ? XlsxFormat.Percent : XlsxFormat.Money(r.Currency))));
        }
        return columns;
    }
}
