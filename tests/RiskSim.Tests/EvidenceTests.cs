using System.Globalization;
using RiskSim.Charts.Report;
using RiskSim.Cli;
using RiskSim.Cli.Commands;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>The evidence log: <c>source:</c> beside figures, shown by explain and the report, and the flag for unsourced variance.</summary>
public class EvidenceTests
{
    // Three workstreams with the same uncertain saving, all live from the start, and nothing else uncertain: NPV is
    // the same multiple of each saving, so each has a third of the variance in NPV. Only `a` has a source, so two
    // thirds of the variance come from inputs with none.
    private const string ThreeEqual = """
        name: Three equal savings
        horizon_years: 3
        discount_rate: { value: 0.035, source: "HM Treasury Green Book, 2020" }
        partners: [{ id: council, share: 1 }]
        workstreams:
          - { id: a, name: Alpha, annual_saving: { uniform: [100k, 200k], source: "Business case table 4, March 2011" } }
          - { id: b, name: Beta, annual_saving: { uniform: [100k, 200k] } }
          - { id: c, name: Gamma, annual_saving: { uniform: [100k, 200k] }, go_live_month: { value: 0, source: "Cabinet report, 3 May" } }
        """;

    [Fact]
    public void Sources_are_kept_by_field_path_from_a_distribution_a_plain_number_and_an_item()
    {
        const string Risks = """

            risks:
              - { id: flood, probability: { value: 0.1, source: "Environment Agency map" }, year: 1, cost: 5k }
              - { id: audit, probability: 0.2, year: 2, cost: { pert: [1k, 2k, 4k] }, source: "Internal audit plan 2024" }
            """;
        var s = ScenarioReader.Parse(ThreeEqual + Risks, "s.yaml");
        Assert.Equal("Business case table 4, March 2011", s.Sources["a.annual_saving"]);
        Assert.Equal("HM Treasury Green Book, 2020", s.Sources["discount_rate"]);
        Assert.Equal("Cabinet report, 3 May", s.Sources["c.go_live_month"]);
        Assert.Equal("Environment Agency map", s.Sources["flood.probability"]);
        Assert.Equal(0.035, s.DiscountRate);
        var inputs = InputCatalog.Of(s).ToDictionary(i => i.Name);
        Assert.Equal("Environment Agency map", SourcePaths.Find(s, inputs["flood.occurs"]));
        Assert.Null(SourcePaths.Find(s, inputs["flood.cost"]));
        Assert.Equal("Internal audit plan 2024", SourcePaths.Find(s, inputs["audit.cost"]));
        Assert.Null(SourcePaths.Find(s, inputs["b.annual_saving"]));
        Assert.Equal([("discount_rate", "HM Treasury Green Book, 2020"), ("c.go_live_month", "Cabinet report, 3 May")], SourcePaths.Others(s));
    }

    [Theory]
    [InlineData("{ value: 0.05, source: \"\" }", "annual_probability.source: a source is text of 1 to 2000 characters")]
    [InlineData("{ value: 0.05, source: [a] }", "annual_probability.source: expected text, found a list")]
    [InlineData("{ value: 0.05, source: x, note: y }", "annual_probability.note: unknown key 'note': a figure with a source is written { value: ..., source: \"...\" }")]
    [InlineData("{ value: 1.5, source: x }", "withdrawal.annual_probability: must be a probability within [0, 1], found 1.5")]
    public void A_bad_source_or_wrapped_value_is_reported_at_its_place(string written, string expected)
    {
        string text = ThreeEqual.Replace("[{ id: council, share: 1 }]", $"[{{ id: council, share: 1, withdrawal: {{ annual_probability: {written} }} }}]", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, "s.yaml"));
        Assert.True(e.Message.Contains("s.yaml:4:", StringComparison.Ordinal) && e.Message.Contains(expected, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Explain_shows_each_inputs_source_and_the_sources_of_other_figures()
    {
        string folder = TestPaths.NewTempFolder("evidence-explain");
        string path = Path.Combine(folder, "s.yaml");
        File.WriteAllText(path, ThreeEqual);
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(ExitCodes.Ok, ExplainCommand.Execute(path, stdout, new StringWriter()));
        string text = stdout.ToString();
        Assert.Contains("a.annual_saving: uniform £100k to £200k; mean £150k, P10 £110k, P90 £190k; source: Business case table 4, March 2011", text, StringComparison.Ordinal);
        Assert.Matches(@"b\.annual_saving: [^\n]*P90 £190k\r?\n", text);
        Assert.Contains("Stated sources: 1 of 3 uncertain inputs have one.", text, StringComparison.Ordinal);
        Assert.Contains("Sources of other figures:\n  discount_rate: HM Treasury Green Book, 2020\n  c.go_live_month: Cabinet report, 3 May\n",
            text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_unsourced_share_of_npv_variance_is_two_thirds_for_two_of_three_equal_inputs()
    {
        var result = Simulation.Run(ScenarioReader.Parse(ThreeEqual, "s.yaml"), new SimulationOptions(20_000, 5));
        var (share, rows) = Evidence.Unsourced(result);
        Assert.Equal(["b.annual_saving", "c.annual_saving"], rows.Select(r => r.Input).Order(StringComparer.Ordinal));
        Assert.Equal(result.Sensitivity.Where(r => r.Input != "a.annual_saving").Sum(r => r.Share), share, 12);
        // Each Spearman ρ with NPV is about 0.57 with a standard error of about 0.005 over 20,000 trials: 0.025 is 5 SE.
        Assert.InRange(share, 2.0 / 3 - 0.025, 2.0 / 3 + 0.025);
        string sentence = Evidence.Sentence(result)!;
        var (first, second) = (rows[0], rows[1]);
        string Label(SensitivityRow r) => r.Owner == "b" ? "Beta: annual saving" : "Gamma: annual saving";
        Assert.Equal($"{Core.Text.Formats.Share(share)} of the variance in NPV comes from inputs with no stated source, chiefly "
            + $"{Label(first)} ({Core.Text.Formats.Share(first.Share)}) and {Label(second)} ({Core.Text.Formats.Share(second.Share)}). "
            + "Give each a source: (a document, a table, a date, or \"Assumption: ...\") in the scenario.", sentence);
        Assert.StartsWith("67% of the variance", sentence, StringComparison.Ordinal);

        string allSourced = ThreeEqual.Replace("annual_saving: { uniform: [100k, 200k] }", "annual_saving: { uniform: [100k, 200k], source: \"Assumption: as Alpha\" }", StringComparison.Ordinal);
        var sourced = Simulation.Run(ScenarioReader.Parse(allSourced, "s.yaml"), new SimulationOptions(2_000, 5));
        Assert.Null(Evidence.Sentence(sourced));
        Assert.Equal(0, Evidence.Unsourced(sourced).Share);
    }

    [Fact]
    public void The_report_shows_sources_in_the_assumptions_and_flags_the_unsourced_variance()
    {
        string folder = TestPaths.NewTempFolder("evidence-report");
        string path = Path.Combine(folder, "s.yaml");
        File.WriteAllText(path, ThreeEqual);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var options = new RunOptions(path, 20_000, 5, 0, Path.Combine(folder, "out"), 0, true, new Charts.ChartOptions(Dpi: 72));
        Assert.True(RunHandler.Execute(options, new StringWriter(), stderr) == ExitCodes.Ok, stderr.ToString());
        string html = File.ReadAllText(Path.Combine(folder, "out", "report.html"));
        Assert.Contains("<th scope=\"col\">Source</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Business case table 4, March 2011</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>none stated</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<p id=\"{HtmlReport.UnsourcedId}\" class=\"note\">67% of the variance in NPV comes from inputs with no stated source, chiefly ", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>discount_rate</code></td><td>HM Treasury Green Book, 2020</td>", html, StringComparison.Ordinal);
    }
}
