using System.Globalization;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// Scenario validation (the scenario format): every kind of bad input is reported with the file, the line,
/// the column, the dotted key and a plain-words message; several problems are reported at once.
/// </summary>
public partial class ScenarioValidationTests
{
    private const string FileName = "bad.yaml";

    /// <summary>Marks, inside a broken scenario, where the error is expected (removed before parsing).</summary>
    private const char Here = '§';

    /// <summary>A small valid scenario; each case breaks exactly one thing in it.</summary>
    internal const string Valid = """
        name: Test scenario
        start_year: 2025
        horizon_years: 5
        target: { cumulative_net_savings: 100000, by_year: 3 }
        partners:
          - id: county
            share: 0.6
            withdrawal: { annual_probability: 0.05, savings_lost: 0.5, exit_cost: 20000 }
          - id: city
            share: 0.4
        workstreams:
          - id: ict
            annual_saving: { pert: [100000, 150000, 200000] }
            delay_months: { triangular: [0, 2, 6] }
            implementation_cost: 50000
            depends_on: [county]
        risks:
          - id: outage
            probability: 0.2
            year: [1, 2]
            cost: { uniform: [1000, 5000] }
            delay_months: { ict: 2 }
        correlations:
          - between: [ict.annual_saving, ict.delay_months]
            rank: -0.3
        """;

    /// <summary>One broken scenario and the error it must produce.</summary>
    /// <param name="Text">The scenario, with <see cref="Here"/> where the error must point.</param>
    /// <param name="CheckColumn">Whether the column is checked as well as the line.</param>
    /// <param name="Field">Expected dotted field; null when not checked.</param>
    /// <param name="Message">A fragment of the expected message.</param>
    private sealed record BrokenCase(string Text, bool CheckColumn, string? Field, string Message);

    private const string PartnersBlock = """
        partners:
          - id: county
            share: 0.6
            withdrawal: { annual_probability: 0.05, savings_lost: 0.5, exit_cost: 20000 }
          - id: city
            share: 0.4

        """;

    private const string WorkstreamsBlock = """
        workstreams:
          - id: ict
            annual_saving: { pert: [100000, 150000, 200000] }
            delay_months: { triangular: [0, 2, 6] }
            implementation_cost: 50000
            depends_on: [county]

        """;

    /// <summary>
    /// Each case: its name; the text to find in <see cref="Valid"/> (exactly once) and its replacement,
    /// with <see cref="Here"/> where the error must point; whether the column is checked too; the
    /// expected field (null: not checked); a fragment of the expected message.
    /// </summary>
    private static readonly Dictionary<string, BrokenCase> Cases =
        new (string Name, string Find, string Replace, bool CheckColumn, string? Field, string Message)[]
    {
        // YAML itself.
        ("YAML syntax error", "annual_saving: { pert: [100000, 150000, 200000] }",
            "annual_saving: { pert: [100000, 150000, 200000 §}", false, "", "YAML syntax error"),
        ("duplicate key", "    share: 0.4\n", "    share: 0.4\n    §share: 0.5\n", true, null, "duplicate key 'share'"),
        ("list instead of the top-level mapping", Valid, "§- name: Test\n- horizon_years: 5\n", true, "", "expected a mapping"),

        // Unknown keys.
        ("unknown top-level key", "horizon_years: 5", "§horizon_year: 5", true, "horizon_year", "did you mean 'horizon_years'?"),
        ("unknown nested key", "    annual_saving:", "    §anual_saving:", true, "workstreams[ict].anual_saving",
            "did you mean 'annual_saving'?"),
        ("unknown distribution", "{ pert: [100000", "{ §perts: [100000", true, "workstreams[ict].annual_saving.perts",
            "did you mean 'pert'?"),

        // Wrong types.
        ("text where a number is needed", "share: 0.6", "share: §lots", true, "partners[county].share", "expected a number"),
        ("text where a whole number is needed", "horizon_years: 5", "horizon_years: §five", true, "horizon_years",
            "expected a number"),
        ("text where money is needed", "implementation_cost: 50000", "implementation_cost: §fifty", true,
            "workstreams[ict].implementation_cost", "expected an amount of money"),
        ("list where a mapping is expected", "withdrawal: { annual_probability: 0.05, savings_lost: 0.5, exit_cost: 20000 }",
            "withdrawal: §[0.05, 12]", true, "partners[county].withdrawal", "expected a mapping"),
        ("list where the target mapping is expected", "target: { cumulative_net_savings: 100000, by_year: 3 }",
            "target: §[100000, 3]", true, "target", "expected a mapping"),
        ("mapping where a list is expected", "depends_on: [county]", "depends_on: §{ county: 1 }", true,
            "workstreams[ict].depends_on", "expected a list of partner ids"),

        // Impossible distribution parameters.
        ("pert min above mode", "{ pert: [100000, 150000, 200000] }", "{ pert: §[160000, 150000, 200000] }", true,
            "workstreams[ict].annual_saving.pert", "min <= mode <= max"),
        ("pert mode above max", "{ pert: [100000, 150000, 200000] }", "{ pert: §[100000, 250000, 200000] }", true,
            "workstreams[ict].annual_saving.pert", "min <= mode <= max"),
        ("modified pert min above mode", "{ pert: [100000, 150000, 200000] }",
            "{ pert: §{ min: 160000, mode: 150000, max: 200000, lambda: 3 } }", true,
            "workstreams[ict].annual_saving.pert", "min <= mode <= max"),
        ("triangular mode above max", "{ triangular: [0, 2, 6] }", "{ triangular: §[0, 7, 6] }", true,
            "workstreams[ict].delay_months.triangular", "min <= mode <= max"),
        ("triangular with two numbers", "{ triangular: [0, 2, 6] }", "{ triangular: §[0, 6] }", true,
            "workstreams[ict].delay_months.triangular", "list of 3 numbers"),
        ("uniform min above max", "{ uniform: [1000, 5000] }", "{ uniform: §[5000, 1000] }", true,
            "risks[outage].cost.uniform", "min <= max"),
        ("normal sd below 0", "{ pert: [100000, 150000, 200000] }", "{ normal: { mean: 150000, sd: §-1 } }", true,
            "workstreams[ict].annual_saving.normal.sd", "sd must be >= 0"),
        ("lognormal mean of 0", "implementation_cost: 50000", "implementation_cost: { lognormal: { mean: §0, sd: 1000 } }", true,
            "workstreams[ict].implementation_cost.lognormal.mean", "mean must be > 0"),
        ("lognormal negative mean", "implementation_cost: 50000", "implementation_cost: { lognormal: { mean: §-5, sd: 1000 } }",
            true, "workstreams[ict].implementation_cost.lognormal.mean", "mean must be > 0"),
        ("lognormal sd below 0", "implementation_cost: 50000", "implementation_cost: { lognormal: { mean: 50000, sd: §-1 } }",
            true, "workstreams[ict].implementation_cost.lognormal.sd", "sd must be >= 0"),
        ("discrete negative weight", "implementation_cost: 50000",
            "implementation_cost: { discrete: { values: [1000, 2000], weights: §[1, -1] } }", true,
            "workstreams[ict].implementation_cost.discrete.weights", "weights must be >= 0"),
        ("discrete weights all zero", "implementation_cost: 50000",
            "implementation_cost: { discrete: { values: [1000, 2000], weights: §[0, 0] } }", true,
            "workstreams[ict].implementation_cost.discrete.weights", "all zero"),
        ("discrete count mismatch", "implementation_cost: 50000",
            "implementation_cost: { discrete: §{ values: [1000, 2000, 3000], weights: [1, 1] } }", true,
            "workstreams[ict].implementation_cost.discrete", "as many weights as values"),

        // Probabilities and fractions.
        ("risk probability 1.5", "probability: 0.2", "probability: §1.5", true, "risks[outage].probability", "within [0, 1]"),
        ("annual probability -0.1", "annual_probability: 0.05", "annual_probability: §-0.1", true,
            "partners[county].withdrawal.annual_probability", "within [0, 1]"),
        ("savings lost above 1", "savings_lost: 0.5", "savings_lost: §1.5", true,
            "partners[county].withdrawal.savings_lost", "[0, 1]"),
        ("savings lost distribution leaving [0, 1]", "savings_lost: 0.5", "savings_lost: §{ uniform: [0.5, 1.2] }", true,
            "partners[county].withdrawal.savings_lost", "[0, 1]"),
        ("share above 1", "share: 0.6", "share: §1.6", true, "partners[county].share", "within [0, 1]"),

        // Delays.
        ("delay that can go negative", "delay_months: { triangular: [0, 2, 6] }",
            "delay_months: §{ normal: { mean: 2, sd: 1 } }", true, "workstreams[ict].delay_months", "must not be negative"),
        ("negative fixed delay", "delay_months: { triangular: [0, 2, 6] }", "delay_months: §-2", true,
            "workstreams[ict].delay_months", "must not be negative"),
        ("risk delay that can go negative", "delay_months: { ict: 2 }", "delay_months: { ict: §{ uniform: [-1, 3] } }", true,
            "risks[outage].delay_months.ict", "must not be negative"),

        // Ids and references.
        ("duplicate partner id", "  - id: city", "  - id: §county", true, "partners[county].id", "duplicate id 'county'"),
        ("workstream id reusing a partner id", "  - id: ict", "  - id: §county", true, "workstreams[county].id",
            "duplicate id 'county'"),
        ("id that is not lower case", "  - id: city", "  - id: §City", true, "partners[City].id", "lower case"),
        ("dangling depends_on", "depends_on: [county]", "depends_on: [county, §cty]", true, "workstreams[ict].depends_on",
            "no partner with id 'cty' (did you mean 'city'?)"),
        ("dangling risk delay workstream", "delay_months: { ict: 2 }", "delay_months: { §ics: 2 }", true,
            "risks[outage].delay_months.ics", "no workstream with id 'ics'"),
        ("dangling correlation input", "between: [ict.annual_saving", "between: [§ict.anual_saving", true,
            "correlations[0].between", "no uncertain input named 'ict.anual_saving' (did you mean 'ict.annual_saving'?)"),
        ("correlation with a constant input", "between: [ict.annual_saving", "between: [§ict.implementation_cost", true,
            "correlations[0].between", "fixed value"),
        ("correlation rank above 1", "rank: -0.3", "rank: §1.3", true, "correlations[0].rank", "within [-1, 1]"),
        ("correlation not positive semi-definite",
            "correlations:\n  - between: [ict.annual_saving, ict.delay_months]\n    rank: -0.3",
            "correlations:\n  §- between: [ict.annual_saving, ict.delay_months]\n    rank: 0.9\n"
            + "  - between: [ict.delay_months, outage.cost]\n    rank: 0.9\n"
            + "  - between: [ict.annual_saving, outage.cost]\n    rank: -0.9",
            true, "correlations", "positive semi-definite"),

        // Shares, years and the horizon.
        ("shares not summing to 1", Valid,
            Valid.Replace("partners:\n  - id: county", "partners:\n  §- id: county", StringComparison.Ordinal)
                .Replace("share: 0.4", "share: 0.3", StringComparison.Ordinal), true, "partners.share", "must sum to 1, they sum to 0.9"),
        ("risk year beyond the horizon", "year: [1, 2]", "year: [1, §6]", true, "risks[outage].year", "from 1 to 5"),
        ("risk year 0", "year: [1, 2]", "year: §0", true, "risks[outage].year", "from 1 to 5"),
        ("risk year range backwards", "year: [1, 2]", "year: §[3, 2]", true, "risks[outage].year", "must not run backwards"),
        ("target by_year beyond the horizon", "by_year: 3", "by_year: §6", true, "target.by_year", "from 1 to 5"),
        ("horizon of 0 years", "horizon_years: 5", "horizon_years: §0", true, "horizon_years", "from 1 to 50"),

        // Missing required keys.
        ("missing name", "name: Test scenario\nstart_year: 2025", "§start_year: 2025", true, "name", "'name' is required"),
        ("missing horizon_years", Valid, Here + Valid.Replace("horizon_years: 5\n", "", StringComparison.Ordinal), true,
            "horizon_years", "'horizon_years' is required"),
        ("empty name", "name: Test scenario", "§name:", true, "name", "'name' is required"),
        ("missing partners", Valid, Here + Valid.Replace(PartnersBlock, "", StringComparison.Ordinal), true, "partners",
            "'partners' is required"),
        ("empty partners list", PartnersBlock, "partners: §[]\n", true, "partners", "at least one"),
        ("missing workstreams", Valid, Here + Valid.Replace(WorkstreamsBlock, "", StringComparison.Ordinal), true, "workstreams",
            "'workstreams' is required"),
        ("missing annual_saving", "  - id: ict\n    annual_saving: { pert: [100000, 150000, 200000] }\n", "  - §id: ict\n", true,
            "workstreams[ict].annual_saving", "'annual_saving' is required"),
        ("risk matrix impact bands not increasing", "horizon_years: 5\n",
            "horizon_years: 5\nrisk_matrix: { impact_bands: §[100k, 50k, 250k, 500k] }\n", true, "risk_matrix.impact_bands",
            "four amounts of money above zero, each larger than the one before"),
        ("risk matrix with three impact bands", "horizon_years: 5\n",
            "horizon_years: 5\nrisk_matrix: { impact_bands: §[25k, 100k, 250k] }\n", true, "risk_matrix.impact_bands",
            "found [25000, 100000, 250000]"),
        ("missing partner share", "  - id: city\n    share: 0.4\n", "  - §id: city\n", true, "partners[city].share",
            "'share' is required"),
        ("missing risk probability", "  - id: outage\n    probability: 0.2\n", "  - §id: outage\n", true, "risks[outage].probability",
            "'probability' is required"),
    }.ToDictionary(c => c.Name, c => new BrokenCase(Break(c.Find, c.Replace), c.CheckColumn, c.Field, c.Message));

    public static TheoryData<string> BrokenScenarios => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(BrokenScenarios))]
    public void Each_kind_of_bad_input_is_reported_with_line_column_field_and_message(string name)
    {
        var c = Cases[name];
        (int line, int column) = MarkerPosition(c.Text);
        Assert.True(line > 0, $"{name}: the case has no {Here} marker");
        string text = c.Text.Replace(Here.ToString(), "", StringComparison.Ordinal);

        var errors = ParseErrors(text);

        bool found = errors.Any(e =>
            e.File == FileName
            && e.Line == line
            && (!c.CheckColumn || e.Column == column)
            && (c.Field is null || e.Field == c.Field)
            && e.Message.Contains(c.Message, StringComparison.Ordinal));
        Assert.True(found,
            $"{name}: expected an error at {line}:{(c.CheckColumn ? column.ToString(CultureInfo.InvariantCulture) : "*")} "
            + $"field '{c.Field}' containing \"{c.Message}\"; got:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void A_problem_inside_one_item_does_not_make_references_to_it_dangle()
    {
        // A mistake inside partner 'county' must not also be reported as "no partner with id 'county'"
        // wherever county is referred to: that sends the reader looking for a problem that is not there.
        var report = new List<string>();
        foreach (var (name, c) in Cases)
        {
            string text = c.Text.Replace(Here.ToString(), "", StringComparison.Ordinal);
            var errors = ParseErrors(text);
            var wrong = errors.Where(e =>
                DanglingId().Match(e.Message) is { Success: true } m
                && text.Contains($"- id: {m.Groups[2].Value}\n", StringComparison.Ordinal)).ToList();
            if (wrong.Count > 0)
            {
                report.Add($"{name}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}");
            }
        }
        Assert.True(report.Count == 0,
            $"{report.Count} single problems also report an existing id as dangling:{Environment.NewLine}"
            + string.Join(Environment.NewLine, report));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^no (partner|workstream) with id '([a-z0-9_]+)'")]
    private static partial System.Text.RegularExpressions.Regex DanglingId();

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# nothing but a comment\n")]
    public void An_empty_file_is_an_error_at_line_1(string text)
    {
        var errors = ParseErrors(text);
        var error = Assert.Single(errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_a_single_number_is_an_error()
    {
        var errors = ParseErrors("42\n");
        Assert.Contains(errors, e => e.Line == 1 && e.Column == 1 && e.Message.Contains("expected a mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_problems_in_one_file_are_all_reported_at_once()
    {
        string text = Valid
            .Replace("horizon_years: 5", "horizon_yeers: 5", StringComparison.Ordinal)                    // line 3
            .Replace("share: 0.6", "share: lots", StringComparison.Ordinal)                                // line 7
            .Replace("{ pert: [100000, 150000, 200000] }", "{ pert: [160000, 150000, 200000] }", StringComparison.Ordinal) // line 13
            .Replace("depends_on: [county]", "depends_on: [cty]", StringComparison.Ordinal)                // line 16
            .Replace("probability: 0.2", "probability: 1.5", StringComparison.Ordinal);                     // line 19

        var errors = ParseErrors(text);

        Assert.True(errors.Count >= 5, string.Join(Environment.NewLine, errors));
        Assert.Contains(errors, e => e.Line == 3 && e.Field == "horizon_yeers");
        Assert.Contains(errors, e => e.Line == 7 && e.Field == "partners[county].share");
        Assert.Contains(errors, e => e.Line == 13 && e.Field == "workstreams[ict].annual_saving.pert");
        Assert.Contains(errors, e => e.Line == 16 && e.Field == "workstreams[ict].depends_on");
        Assert.Contains(errors, e => e.Line == 19 && e.Field == "risks[outage].probability");
        // Reported in file order.
        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList(), errors);
    }

    [Fact]
    public void Correlation_problems_are_reported_together_with_other_problems()
    {
        string text = Valid
            .Replace("probability: 0.2", "probability: 1.5", StringComparison.Ordinal)                       // line 19
            .Replace("between: [ict.annual_saving", "between: [ict.anual_saving", StringComparison.Ordinal); // line 24

        var errors = ParseErrors(text);

        Assert.Contains(errors, e => e.Line == 19 && e.Field == "risks[outage].probability");
        Assert.True(errors.Any(e => e.Line == 24 && e.Field == "correlations[0].between"),
            "the dangling correlation input is not reported alongside the other problem:"
            + $"{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void Errors_print_as_file_line_column_field_and_message()
    {
        var errors = ParseErrors(Break("probability: 0.2", "probability: 1.5"));
        var error = Assert.Single(errors);
        Assert.Equal("bad.yaml:19:18: risks[outage].probability: must be a probability within [0, 1], found 1.5", error.ToString());
    }

    [Fact]
    public void The_valid_scenario_parses()
    {
        var scenario = ScenarioReader.Parse(Valid, FileName);
        Assert.Equal("Test scenario", scenario.Name);
        Assert.Equal(5, scenario.HorizonYears);
        Assert.Equal(2025, scenario.StartYear);
        Assert.Equal(new SavingsTarget(100000, 3), scenario.Target);
        Assert.Equal(["county", "city"], scenario.Partners.Select(p => p.Id));
        Assert.Equal(["county"], scenario.Workstreams[0].DependsOn);
        Assert.Single(scenario.Correlations);
    }

    [Fact]
    public void Every_example_scenario_is_valid()
    {
        var files = Directory.GetFiles(TestPaths.Scenarios, "*.yaml")
            .Concat(TestPaths.ReferenceScenarios)
            .ToList();
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            var scenario = ScenarioReader.ReadFile(file);
            Assert.False(string.IsNullOrWhiteSpace(scenario.Name), file);
        }
    }

    [Fact]
    public void The_same_scenario_written_as_JSON_parses_to_the_same_values()
    {
        const string json = """
            {
              "name": "Test scenario",
              "start_year": 2025,
              "horizon_years": 5,
              "target": { "cumulative_net_savings": 100000, "by_year": 3 },
              "partners": [
                { "id": "county", "share": 0.6,
                  "withdrawal": { "annual_probability": 0.05, "savings_lost": 0.5, "exit_cost": 20000 } },
                { "id": "city", "share": 0.4 }
              ],
              "workstreams": [
                { "id": "ict",
                  "annual_saving": { "pert": [100000, 150000, 200000] },
                  "delay_months": { "triangular": [0, 2, 6] },
                  "implementation_cost": 50000,
                  "depends_on": ["county"] }
              ],
              "risks": [
                { "id": "outage", "probability": 0.2, "year": [1, 2],
                  "cost": { "uniform": [1000, 5000] }, "delay_months": { "ict": 2 } }
              ],
              "correlations": [
                { "between": ["ict.annual_saving", "ict.delay_months"], "rank": -0.3 }
              ]
            }
            """;
        var fromYaml = ScenarioReader.Parse(Valid, "s.yaml");
        var fromJson = ScenarioReader.Parse(json, "s.json");

        Assert.Equal(Describe(fromYaml), Describe(fromJson));
    }

    [Fact]
    public void JSON_errors_carry_their_line_too()
    {
        const string json = """
            {
              "name": "Test",
              "horizon_years": 5,
              "partners": [ { "id": "a", "share": 1, "shaer": 2 } ],
              "workstreams": [ { "id": "w", "annual_saving": 100 } ]
            }
            """;
        var errors = ParseErrors(json);
        Assert.Contains(errors, e => e.Line == 4 && e.Field == "partners[a].shaer"
            && e.Message.Contains("did you mean 'share'?", StringComparison.Ordinal));
    }

    /// <summary>Where money conveniences are written and what they must read as.</summary>
    public static TheoryData<string, string, string, double> MoneyConveniences => new()
    {
        { "implementation cost 250k", "implementation_cost: 50000", "implementation_cost: 250k", 250_000 },
        { "implementation cost 1.2m", "implementation_cost: 50000", "implementation_cost: 1.2m", 1_200_000 },
        { "implementation cost £1,200,000", "implementation_cost: 50000", "implementation_cost: £1,200,000", 1_200_000 },
        { "implementation cost quoted £1,200,000", "implementation_cost: 50000", "implementation_cost: \"£1,200,000\"", 1_200_000 },
        { "implementation cost -£50k", "implementation_cost: 50000", "implementation_cost: -£50k", -50_000 },
        { "implementation cost 2bn", "implementation_cost: 50000", "implementation_cost: 2bn", 2e9 },
    };

    [Theory]
    [MemberData(nameof(MoneyConveniences))]
    public void Money_conveniences_parse_in_money_fields(string name, string find, string replace, double expected)
    {
        var scenario = ScenarioReader.Parse(Break(find, replace), FileName);
        var cost = Assert.IsType<ConstantDistribution>(scenario.Workstreams[0].ImplementationCost);
        Assert.True(Math.Abs(cost.Value - expected) <= 1e-6 * Math.Abs(expected), $"{name}: {cost.Value}");
    }

    [Fact]
    public void Money_conveniences_parse_inside_distributions_and_the_target()
    {
        string text = Break("{ pert: [100000, 150000, 200000] }", "{ pert: [250k, \"£1,200,000\", 1.5m] }")
            .Replace("{ uniform: [1000, 5000] }", "{ uniform: [1k, £5k] }", StringComparison.Ordinal)
            .Replace("cumulative_net_savings: 100000", "cumulative_net_savings: -£50k", StringComparison.Ordinal);

        var scenario = ScenarioReader.Parse(text, FileName);

        var saving = Assert.IsType<PertDistribution>(scenario.Workstreams[0].AnnualSaving);
        Assert.Equal(250_000, saving.Min, 6);
        Assert.Equal(1_200_000, saving.Mode, 6);
        Assert.Equal(1_500_000, saving.Max, 6);
        var cost = Assert.IsType<UniformDistribution>(scenario.Risks[0].Cost);
        Assert.Equal(1_000, cost.Min, 6);
        Assert.Equal(5_000, cost.Max, 6);
        Assert.Equal(-50_000, scenario.Target!.CumulativeNetSavings, 6);
    }

    [Theory]
    [InlineData("probability: 0.2", "probability: §250k", "risks[outage].probability")]
    [InlineData("delay_months: { triangular: [0, 2, 6] }", "delay_months: §250k", "workstreams[ict].delay_months")]
    [InlineData("share: 0.6", "share: §£1", "partners[county].share")]
    [InlineData("by_year: 3", "by_year: §3k", "target.by_year")]
    [InlineData("savings_lost: 0.5", "savings_lost: §1k", "partners[county].withdrawal.savings_lost")]
    [InlineData("share: 0.6", "share: §0,6", "partners[county].share")]
    public void Money_conveniences_are_errors_in_fields_that_are_not_money(string find, string replace, string field)
    {
        string marked = Break(find, replace);
        (int line, int column) = MarkerPosition(marked);
        var errors = ParseErrors(marked.Replace(Here.ToString(), "", StringComparison.Ordinal));
        Assert.True(errors.Any(e => e.Line == line && e.Column == column && e.Field == field
                && e.Message.Contains("expected a number", StringComparison.Ordinal)),
            string.Join(Environment.NewLine, errors));
    }

    // ---- MoneyParser -------------------------------------------------------------------------

    [Theory]
    [InlineData("250000", 250_000)]
    [InlineData("250k", 250_000)]
    [InlineData("250K", 250_000)]
    [InlineData("1.2m", 1_200_000)]
    [InlineData("1.2M", 1_200_000)]
    [InlineData("2bn", 2_000_000_000)]
    [InlineData("£1,200,000", 1_200_000)]
    [InlineData("£1,200,000.50", 1_200_000.5)]
    [InlineData("-£50k", -50_000)]
    [InlineData("\u2212£50k", -50_000)]
    [InlineData("\u2212£1.23m", -1_230_000)]
    [InlineData("$3.5k", 3_500)]
    [InlineData("€10", 10)]
    [InlineData("£250k", 250_000)]
    [InlineData(" 250k ", 250_000)]
    [InlineData("1e6", 1_000_000)]
    [InlineData("-12.5", -12.5)]
    [InlineData("0", 0)]
    public void MoneyParser_reads_amounts_of_money(string text, double expected)
    {
        Assert.True(MoneyParser.TryParseMoney(text, out double value), text);
        Assert.True(Math.Abs(value - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{text} -> {value}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("k")]
    [InlineData("m")]
    [InlineData("£")]
    [InlineData("-")]
    [InlineData("abc")]
    [InlineData("250 k")]
    [InlineData("250kk")]
    [InlineData("1.2.3m")]
    [InlineData("£-5")]
    [InlineData("££5")]
    [InlineData("5£")]
    [InlineData("fifty")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void MoneyParser_rejects_text_that_is_not_money(string text)
    {
        Assert.False(MoneyParser.TryParseMoney(text, out _), text);
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData(" 12 ", 12)]
    [InlineData("-3", -3)]
    [InlineData("1e3", 1000)]
    [InlineData(".25", 0.25)]
    public void MoneyParser_reads_plain_numbers(string text, double expected)
    {
        Assert.True(MoneyParser.TryParseNumber(text, out double value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("250k")]
    [InlineData("£5")]
    [InlineData("1,000")]
    [InlineData("0,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void MoneyParser_plain_numbers_exclude_money_conveniences(string text)
    {
        Assert.False(MoneyParser.TryParseNumber(text, out _), text);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /// <summary><see cref="Valid"/> with <paramref name="find"/> (which must occur exactly once) replaced.</summary>
    private static string Break(string find, string replace)
    {
        int at = Valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the valid scenario");
        Assert.True(Valid.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' occurs more than once");
        return string.Concat(Valid.AsSpan(0, at), replace, Valid.AsSpan(at + find.Length));
    }

    /// <summary>1-based line and column of the marker; (0, 0) when there is none.</summary>
    private static (int Line, int Column) MarkerPosition(string text)
    {
        int at = text.IndexOf(Here, StringComparison.Ordinal);
        if (at < 0)
        {
            return (0, 0);
        }
        int line = 1 + text.AsSpan(0, at).Count('\n');
        int lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        return (line, at - lineStart + 1);
    }

    private static IReadOnlyList<ScenarioError> ParseErrors(string text)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(text, FileName));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
    }

    /// <summary>Every value of a scenario that the reader sets, as text, for comparing two readings.</summary>
    private static List<string> Describe(Scenario s)
    {
        var lines = new List<string>
        {
            $"{s.Name}|{s.Description}|{s.Currency}|{s.StartYear}|{s.HorizonYears}|{s.DiscountRate.ToString("R", CultureInfo.InvariantCulture)}",
            $"target {s.Target}|{s.DefaultTrials}|{s.DefaultSeed}",
        };
        foreach (var p in s.Partners)
        {
            var w = p.Withdrawal;
            lines.Add($"partner {p.Id}|{p.Name}|{p.Share.ToString("R", CultureInfo.InvariantCulture)}|"
                + (w is null ? "none" : $"{w.AnnualProbability.ToString("R", CultureInfo.InvariantCulture)}|{w.NoticeMonths}"));
        }
        foreach (var w in s.Workstreams)
        {
            lines.Add($"workstream {w.Id}|{w.Name}|{w.GoLiveMonth}|{w.RampMonths}|{string.Join(",", w.DependsOn)}");
        }
        foreach (var r in s.Risks)
        {
            lines.Add($"risk {r.Id}|{r.Name}|{r.Probability.ToString("R", CultureInfo.InvariantCulture)}|{r.FirstYear}|{r.LastYear}|"
                + string.Join(",", r.Delays.Select(d => $"{d.WorkstreamId}:{d.Months}")));
        }
        foreach (var input in InputCatalog.Of(s))
        {
            lines.Add($"input {input.Name}|{input.Role}|{input.Owner}|{input.Distribution.GetType().Name}|{input.Distribution}|"
                + $"{input.Distribution.Mean.ToString("R", CultureInfo.InvariantCulture)}|"
                + $"{input.Distribution.Variance.ToString("R", CultureInfo.InvariantCulture)}|"
                + $"{input.Distribution.SupportMin.ToString("R", CultureInfo.InvariantCulture)}|"
                + $"{input.Distribution.SupportMax.ToString("R", CultureInfo.InvariantCulture)}");
        }
        foreach (var c in s.Correlations)
        {
            lines.Add($"correlation {c}");
        }
        return lines;
    }
}
