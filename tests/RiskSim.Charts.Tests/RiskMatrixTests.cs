using System.Globalization;
using RiskSim.Charts.Data;
using RiskSim.Charts.Rendering;
using RiskSim.Charts.Report;
using RiskSim.Core.Engine;
using RiskSim.Core.Text;
using RiskSim.IO.Results;
using RiskSim.IO.Scenarios;

namespace RiskSim.Charts.Tests;

/// <summary>
/// <c>risk-matrix.png</c>: where each risk goes on the 5 × 5 grid, labels that never overlap for a register of 25 risks,
/// and the report's "Value of mitigation" section.
/// </summary>
public sealed class RiskMatrixTests
{
    private static readonly RunProvenance Provenance =
        new("mitigated.yaml", new string('0', 64), "1.2.3", new DateTimeOffset(2025, 6, 30, 14, 5, 0, TimeSpan.Zero));

    /// <summary>
    /// A register of 25 risks, many crowded together: eight at one point, five in the top right corner, four on the
    /// left edge, the rest spread out, nine with a mitigation arrow, and names of every length up to the limit.
    /// </summary>
    internal static List<RiskMatrixPoint> TwentyFiveRisks()
    {
        var points = new List<RiskMatrixPoint>();
        string[] words = ["TUPE", "dispute", "licence", "true-up", "data", "migration", "pension", "strain", "procurement", "challenge", "staff", "loss"];
        for (int i = 0; i < 25; i++)
        {
            (double x, double y) = i switch
            {
                < 8 => (2.5, 2.5),
                < 13 => (4.88 - 0.02 * (i - 8), 4.9),
                < 17 => (0.12, 0.5 + (i - 13) * 1.1),
                _ => (0.3 + (i - 17) * 0.6, 4.6 - (i - 17) * 0.55),
            };
            string name = string.Join(' ', Enumerable.Range(0, 1 + i % 4).Select(k => words[(i + 3 * k) % words.Length]));
            var before = new RiskRating(RiskMatrixBand(x), RiskMatrixBand(y));
            bool mitigated = i % 3 == 0;
            points.Add(new RiskMatrixPoint($"risk_{i}", RiskMatrixData.Shorten(name + $" {i}"), x, y, before,
                mitigated ? Math.Max(0.1, x - 1.3) : null, mitigated ? Math.Max(0.1, y - 0.9) : null,
                mitigated ? new RiskRating(1, 1) : null));
        }
        return points;
    }

    private static int RiskMatrixBand(double position) => Math.Clamp((int)Math.Floor(position) + 1, 1, 5);

    [Fact]
    public void Labels_of_25_risks_never_overlap_each_other_or_any_dot_and_stay_inside_the_grid()
    {
        var points = TwentyFiveRisks();
        var placement = RiskMatrixChart.PlaceLabels(points);

        Assert.Empty(placement.Overlapping);
        Assert.Equal(25, placement.Boxes.Count);
        var grid = new Box(0, 0, 5, 5);
        var (width, height) = RiskMatrixChart.PlotArea;
        for (int i = 0; i < 25; i++)
        {
            var a = placement.Boxes[i];
            Assert.True(a.Inside(grid), $"label {i} {a} leaves the grid");
            // Its size is the measured size of its text.
            var (w, h) = RiskMatrixChart.LabelSizeOf(points[i].Label);
            Assert.Equal(w * 5 / width, a.Width, 9);
            Assert.Equal(h * 5 / height, a.Height, 9);
            for (int j = i + 1; j < 25; j++)
            {
                Assert.False(a.Overlaps(placement.Boxes[j]), $"labels {i} {a} and {j} {placement.Boxes[j]} overlap");
            }
            foreach (var p in points)
            {
                // Every dot and open circle stays uncovered (its centre at least).
                Assert.False(a.DistanceTo(p.X, p.Y) == 0, $"label {i} covers the dot of {p.RiskId}");
                if (p.AfterX is double ax)
                {
                    Assert.False(a.DistanceTo(ax, p.AfterY!.Value) == 0, $"label {i} covers the open circle of {p.RiskId}");
                }
            }
        }
        // Deterministic: the same register gives the same places.
        Assert.Equal(placement.Boxes, RiskMatrixChart.PlaceLabels(TwentyFiveRisks()).Boxes);

        // And the chart draws it.
        var data = new RiskMatrixData("Twenty-five risks", points, ["1", "2", "3", "4", "5"], ["1", "2", "3", "4", "5"], "the target");
        using var plot = RiskMatrixChart.Build(data);
        byte[] bytes = ChartCanvas.Png(plot, "A register of twenty-five risks · 1,000 trials · seed 1", new ChartOptions());
        using var png = PngImage.Decode(bytes);
        ChartImageTests.AssertTitleAndFooterHaveText(png, "25 risks");
    }

    [Fact]
    public void Label_layout_reports_labels_that_cannot_fit()
    {
        // Ten labels half the area's width each cannot all fit in a 10 × 3 box: the routine says which did not.
        var points = Enumerable.Range(0, 10).Select(i => (5.0, 1.5)).ToArray();
        var sizes = Enumerable.Range(0, 10).Select(_ => (5.0, 1.0)).ToArray();
        var placement = LabelLayout.Place(points, sizes, new Box(0, 0, 10, 3), 0.1, 0.05);
        Assert.NotEmpty(placement.Overlapping);
        var fitted = Enumerable.Range(0, 10).Except(placement.Overlapping).ToList();
        foreach (int i in fitted)
        {
            foreach (int j in fitted.Where(j => j > i))
            {
                Assert.False(placement.Boxes[i].Overlaps(placement.Boxes[j]));
            }
        }
    }

    [Fact]
    public void The_matrix_of_a_run_places_each_risk_in_the_cell_of_its_rating()
    {
        var charts = TestRuns.IctChartSet;
        var matrix = charts.RiskMatrix!;
        var register = TestRuns.Ict.RiskRegister!;
        Assert.Equal(register.Risks.Count, matrix.Points.Count);
        foreach (var (point, risk) in matrix.Points.Zip(register.Risks))
        {
            Assert.Equal(risk.Before, point.Before);
            Assert.Equal(risk.Before.Likelihood, (int)Math.Floor(point.X) + 1);
            Assert.Equal(risk.Before.Impact, (int)Math.Floor(point.Y) + 1);
            Assert.Equal(RiskMatrixBands.Likelihood(risk.Probability), risk.Before.Likelihood);
            Assert.Equal(RiskMatrixBands.Impact(risk.MeanImpact, register.ImpactBandEdges), risk.Before.Impact);
        }
        // The bands are 1%, 5%, 10% and 20% of the £396,874 target.
        double target = TestRuns.Ict.Scenario.Target!.CumulativeNetSavings;
        Assert.Equal(396_874, target);
        Assert.Equal(new[] { 0.01 * target, 0.05 * target, 0.10 * target, 0.20 * target }, register.ImpactBandEdges);
        var chart = Assert.Single(charts.Charts, c => c.FileName == ChartSet.RiskMatrixFile);
        using var png = PngImage.Decode(chart.Png);
        Assert.Equal((1600, 900), (png.Width, png.Height));
        ChartImageTests.AssertTitleAndFooterHaveText(png, ChartSet.RiskMatrixFile);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.049, 1)]
    [InlineData(0.05, 2)]
    [InlineData(0.2, 3)]
    [InlineData(0.5, 4)]
    [InlineData(0.8, 4)]
    [InlineData(0.81, 5)]
    [InlineData(1.0, 5)]
    public void Likelihood_bands_follow_the_council_convention(double probability, int band) =>
        Assert.Equal(band, RiskMatrixBands.Likelihood(probability));

    [Theory]
    [InlineData(1, 4, Rag.Green)]
    [InlineData(5, 1, Rag.Amber)]
    [InlineData(3, 4, Rag.Amber)]
    [InlineData(3, 5, Rag.Red)]
    [InlineData(5, 5, Rag.Red)]
    public void Scores_fall_in_green_amber_and_red(int likelihood, int impact, Rag rag) =>
        Assert.Equal(rag, new RiskRating(likelihood, impact).Rag);

    private const string Mitigated = """
        name: mitigated
        horizon_years: 4
        target: { cumulative_net_savings: 1.55m, by_year: 4 }
        partners:
          - id: council
            share: 1
        workstreams:
          - id: ops
            annual_saving: { pert: [300k, 400k, 500k] }
        risks:
          - id: dispute
            name: TUPE dispute
            probability: 0.6
            year: 1
            cost: { uniform: [100k, 200k] }
            mitigation: { action: "Early consultation", cost: 20k, probability: 0.2 }
          - id: licence
            name: Licence true-up
            probability: 0.3
            year: 2
            cost: 40k
            mitigation: { action: "Audit first", cost: 15k, probability: 0.25 }
        """;

    [Fact]
    public void The_report_has_a_value_of_mitigation_table_sorted_by_net_value_with_the_best_and_worst_in_words()
    {
        string folder = TestPaths.NewTempFolder("mitigated-report");
        string path = Path.Combine(folder, "mitigated.yaml");
        File.WriteAllText(path, Mitigated);
        var run = Simulation.Run(ScenarioReader.ReadFile(path), new SimulationOptions(20_000, 4));
        var charts = ChartSet.Render(run, new ChartOptions(Dpi: 72));
        string html = HtmlReport.Build(run, charts, Provenance);
        Directory.Delete(folder, recursive: true);

        var summary = run.RiskRegister!.Mitigation!;
        Assert.Equal(["dispute", "licence"], summary.Each.Select(v => v.RiskId));
        // Dispute: 0.4 × £150k = £60k avoided for £20k; licence: 0.05 × £40k = £2k for £15k.
        Assert.True(summary.Each[0].NetValue > 30_000 && summary.Each[1].NetValue < -10_000);
        int section = html.IndexOf("<section id=\"mitigation\">\n<h2>Value of mitigation</h2>", StringComparison.Ordinal);
        Assert.True(section > 0, "no Value of mitigation section");
        string body = html[section..html.IndexOf("</section>", section, StringComparison.Ordinal)];
        Assert.Contains("Change in the 90% reserve (95% interval)", body, StringComparison.Ordinal);
        Assert.Contains("Net value (95% interval)", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf("TUPE dispute", StringComparison.Ordinal) < body.IndexOf("Licence true-up", StringComparison.Ordinal));
        Assert.Contains("All mitigations", body, StringComparison.Ordinal);
        Assert.Contains(Html.Text(MitigationSentences.Of(summary.Each[0])), body, StringComparison.Ordinal);
        Assert.Contains(Html.Text(MitigationSentences.Of(summary.Each[1])), body, StringComparison.Ordinal);
        Assert.StartsWith("Mitigating TUPE dispute (cost £20k) lowers the 90% reserve by ", MitigationSentences.Of(summary.Each[0]), StringComparison.Ordinal);
        Assert.EndsWith(" net.", MitigationSentences.Of(summary.Each[0]), StringComparison.Ordinal);
        Assert.Contains(": a net loss of ", MitigationSentences.Of(summary.Each[1]), StringComparison.Ordinal);
        Assert.Contains(charts.Charts, c => c.FileName == ChartSet.RiskMatrixFile);

        // A run whose risks have no mitigation has no such section.
        Assert.DoesNotContain("<h2>Value of mitigation</h2>", HtmlReport.Build(TestRuns.Ict, TestRuns.IctChartSet, Provenance), StringComparison.Ordinal);
    }

    [Fact]
    public void Money_in_the_mitigation_sentence_reads_as_a_finance_officer_writes_it()
    {
        var value = new MitigationValue("tupe", "the TUPE dispute", "Consult", 40_000, 60_000, 20_000, 95_000, 90_000, 100_000,
            -210_000, -250_000, -170_000);
        Assert.Equal("Mitigating the TUPE dispute (cost £40k) lowers the 90% reserve by £210k and raises mean NPV by £95k: worth £55k net.",
            MitigationSentences.Of(value));
        Assert.Equal("Mitigating the TUPE dispute (cost £40k) raises mean NPV by £95k: worth £55k net.",
            MitigationSentences.Of(value with { Reserve90Change = null, Reserve90ChangeLow = null, Reserve90ChangeHigh = null }));
        Assert.Equal(55_000, value.NetValue);
        Assert.Equal(50_000, value.NetValueLow);
        Assert.Equal(60_000, value.NetValueHigh);
    }
}
