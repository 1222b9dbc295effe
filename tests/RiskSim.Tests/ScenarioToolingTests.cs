using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;
using RiskSim.Cli.Commands;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>validate, init, schema and explain, and the JSON Schema against every example scenario.</summary>
public class ScenarioToolingTests
{
    private static IEnumerable<string> ExampleFiles() =>
        Directory.GetFiles(TestPaths.Scenarios, "*.yaml").Concat(TestPaths.ReferenceScenarios).Order();

    [Fact]
    public void The_repository_schema_file_equals_what_the_tool_prints()
    {
        string file = File.ReadAllText(Path.Combine(TestPaths.Scenarios, "risksim.schema.json"));
        Assert.Equal(file, ScenarioSchema.Text());
    }

    [Fact]
    public async Task Every_example_scenario_validates_against_the_schema()
    {
        var schema = await JsonSchema.FromJsonAsync(ScenarioSchema.Text());
        foreach (string file in ExampleFiles())
        {
            var json = ToJson(YamlTree.Parse(File.ReadAllText(file), (l, c, _, m) => throw new InvalidOperationException($"{file}:{l}:{c}: {m}"))!);
            var errors = schema.Validate(json.ToJsonString());
            Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");
        }
    }

    [Fact]
    public async Task The_schema_rejects_an_unknown_key_and_a_bad_distribution()
    {
        var schema = await JsonSchema.FromJsonAsync(ScenarioSchema.Text());
        string good = File.ReadAllText(Path.Combine(TestPaths.Reference, "reference-simple.yaml"));
        var json = ToJson(YamlTree.Parse(good, (l, c, _, m) => throw new InvalidOperationException(m))!).AsObject();
        Assert.Empty(schema.Validate(json.ToJsonString()));
        json["horizon_year"] = 5;
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
        json.Remove("horizon_year");
        json["workstreams"]![0]!["annual_saving"] = JsonNode.Parse("""{ "pert": [1, 2] }""");
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
    }

    [Fact]
    public async Task The_schema_takes_sources_mitigations_and_a_register_and_rejects_a_source_that_is_not_text()
    {
        var schema = await JsonSchema.FromJsonAsync(ScenarioSchema.Text());
        const string Sourced = """
            name: Sourced
            horizon_years: 3
            discount_rate: { value: 0.035, source: Green Book }
            target: { cumulative_net_savings: { value: 100k, source: Business case }, by_year: 3 }
            partners:
              - { id: county, share: 1, source: Cabinet report, withdrawal: { annual_probability: { value: 0.05, source: "Assumption: no published figure" }, notice_months: { value: 12, source: Agreement } } }
            workstreams:
              - { id: ict, annual_saving: { pert: [1, 2, 3], source: Table 4 }, go_live_month: { value: 6, source: Plan }, implementation_cost: { value: 5k, source: Quote } }
            risks:
              - { id: r1, owner: Head of ICT, probability: { value: 0.1, source: Register }, year: { value: [1, 2], source: Register }, source: Register, delay_months: { ict: 1 },
                  mitigation: { action: Act, cost: 5k, probability: 0.05, cost_after: { pert: [1, 2, 3], source: Quote }, delay_after: 0 } }
            risks_from: { file: register.xlsx, sheet: Risks, likelihood_bands: [0.025, 0.125, 0.35, 0.65, 0.9] }
            """;
        var json = ToJson(YamlTree.Parse(Sourced, (l, c, _, m) => throw new InvalidOperationException(m))!).AsObject();
        var errors = schema.Validate(json.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal("Sourced", ScenarioReader.Parse(Sourced.Replace("risks_from: { file: register.xlsx, sheet: Risks, likelihood_bands: [0.025, 0.125, 0.35, 0.65, 0.9] }", "", StringComparison.Ordinal), "s.yaml").Name);
        json["discount_rate"] = JsonNode.Parse("""{ "value": 0.035, "source": 7 }""");
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
        json["discount_rate"] = JsonNode.Parse("""{ "value": 0.035, "source": "x", "note": "y" }""");
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
        json["discount_rate"] = 0.035;
        json["risks_from"] = "register.txt";
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
    }

    [Fact]
    public async Task The_schema_takes_a_savings_profile_as_a_target_and_refuses_one_mixed_with_by_year()
    {
        var schema = await JsonSchema.FromJsonAsync(ScenarioSchema.Text());
        string good = File.ReadAllText(Path.Combine(TestPaths.Reference, "reference-simple.yaml"));
        var json = ToJson(YamlTree.Parse(good, (l, c, _, m) => throw new InvalidOperationException(m))!).AsObject();
        json["target"] = JsonNode.Parse("""{ "profile": [460, "73k", 117670], "basis": "annual" }""");
        Assert.Empty(schema.Validate(json.ToJsonString()));
        json["partners"]![0]!["target"] = JsonNode.Parse("""{ "profile": [1000] }""");
        Assert.Empty(schema.Validate(json.ToJsonString()));
        json["target"] = JsonNode.Parse("""{ "profile": [460, 73010], "by_year": 2 }""");
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
        json["target"] = JsonNode.Parse("""{ "profile": [460], "basis": "yearly" }""");
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
    }

    [Fact]
    public void Validate_reports_every_file_and_exits_1_when_any_is_invalid()
    {
        string folder = TestPaths.NewTempFolder("validate");
        string bad = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(bad, "name: x\nhorizon_years: 0\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string good = Path.Combine(TestPaths.Scenarios, "worcestershire-shared-ict.yaml");
        Assert.Equal(Cli.ExitCodes.InvalidInput, ValidateCommand.Execute([good, bad], stdout, stderr));
        Assert.Contains("worcestershire-shared-ict.yaml: valid", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{bad}:2:16: horizon_years", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("'partners' is required", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, ValidateCommand.Execute(ExampleFiles().ToList(), new StringWriter(), new StringWriter()));
    }

    [Theory]
    [InlineData("shared-ict")]
    [InlineData("shared-management")]
    [InlineData("procurement")]
    public void Init_writes_a_starter_scenario_that_runs_as_written(string template)
    {
        string folder = TestPaths.NewTempFolder("init");
        string file = Path.Combine(folder, template + ".yaml");
        Assert.Equal(0, InitCommand.Execute(file, template, false, new StringWriter(), new StringWriter()));
        var scenario = ScenarioReader.ReadFile(file);
        var result = Core.Engine.Simulation.Run(scenario, new Core.Engine.SimulationOptions(5000, 1));
        Assert.True(result.Row("npv").Sd > 0);
        // A second init does not overwrite without --force.
        Assert.Equal(2, InitCommand.Execute(file, template, false, new StringWriter(), new StringWriter()));
        // What init writes is the template file shipped in the repository, byte for byte.
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "RiskSim.Cli", "Templates", template + ".yaml")),
            File.ReadAllText(file));
    }

    [Fact]
    public void Explain_says_when_redundancies_fall()
    {
        string folder = TestPaths.NewTempFolder("explain-at");
        string file = Path.Combine(folder, "at.yaml");
        File.WriteAllText(file, """
            name: posts go early
            horizon_years: 3
            partners: [{ id: council, share: 1 }]
            workstreams:
              - { id: ict, annual_saving: 1000, go_live_month: 12, redundancy: { headcount: 2, cost_per_head: 30000, at_month: 6 } }
              - { id: hr, annual_saving: 1000, redundancy: { headcount: 1, cost_per_head: 30000 } }
            """);
        var stdout = new StringWriter();
        Assert.Equal(0, ExplainCommand.Execute(file, stdout, new StringWriter()));
        Assert.Contains("redundancies fall at month 6 whatever the go-live", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("redundancies fall at go-live", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_template_file_is_offered_by_init()
    {
        var files = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "src", "RiskSim.Cli", "Templates"), "*.yaml")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(InitCommand.Templates.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void The_shared_ict_template_shows_each_councils_ledger()
    {
        string folder = TestPaths.NewTempFolder("init-ledger");
        string file = Path.Combine(folder, "ict.yaml");
        Assert.Equal(0, InitCommand.Execute(file, "shared-ict", false, new StringWriter(), new StringWriter()));
        var scenario = ScenarioReader.ReadFile(file);
        Assert.NotNull(scenario.Partners.Single(p => p.Id == "city").Target);
        Assert.IsType<Core.Model.WeightsKey>(scenario.Workstreams[0].Allocation.SavingsKey);
        var result = Core.Engine.Simulation.Run(scenario, new Core.Engine.SimulationOptions(5000, 1));
        Assert.NotNull(result.Decision.Partners.Single(p => p.PartnerId == "city").ProbabilityTargetMet);
    }

    [Fact]
    public void Explain_describes_inputs_in_words_with_means_and_percentiles()
    {
        var stdout = new StringWriter();
        string file = Path.Combine(TestPaths.Reference, "reference-shared-ict.yaml");
        Assert.Equal(0, ExplainCommand.Execute(file, stdout, new StringWriter()));
        string text = stdout.ToString();
        Assert.Contains("  ict.annual_saving: PERT £250k / £397k / £450k; mean £381k, P10 £", text, StringComparison.Ordinal);
        Assert.Contains("  ict.implementation_cost: PERT £150k / £200k / £320k", text, StringComparison.Ordinal);
        Assert.Contains("Correlation: city.withdrawal with west.withdrawal, rank 0.5", text, StringComparison.Ordinal);
        Assert.Contains("P(exit within horizon)", text, StringComparison.Ordinal);
    }

    /// <summary>YAML tree to JSON, typing plain scalars that read as numbers (as a YAML 1.2 editor would).</summary>
    private static JsonNode ToJson(YNode node) => node switch
    {
        YMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, (JsonNode?)ToJson(e.Value)))),
        YSequence s => new JsonArray(s.Items.Select(i => (JsonNode?)ToJson(i)).ToArray()),
        YScalar { Quoted: false } v when long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) => JsonValue.Create(l),
        YScalar { Quoted: false } v when double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => JsonValue.Create(d),
        YScalar v => JsonValue.Create(v.Value),
        _ => throw new ArgumentException(node.ToString()),
    };

    [Fact]
    public void A_duplicate_key_error_names_its_field_path()
    {
        string text = "name: x\nhorizon_years: 3\npartners:\n  - { id: a, share: 1 }\nworkstreams:\n  - id: w\n    annual_saving: 1\n    annual_saving: 2\n";
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, "dup.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal((8, 5, "workstreams[0].annual_saving"), (error.Line, error.Column, error.Field));
        Assert.Contains("duplicate key 'annual_saving'", error.Message, StringComparison.Ordinal);
    }
}
