using System.CommandLine;

namespace RiskSim.Cli.Commands;

/// <summary>Defines <c>risksim init [--template ...] FILE</c>: writes a commented starter scenario.</summary>
public static class InitCommand
{
    /// <summary>Template names.</summary>
    public static readonly string[] Templates = ["shared-ict", "shared-management", "procurement"];

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "Scenario file to create (.yaml)." };
        var template = new Option<string>("--template")
        {
            Description = "Starting point: shared-ict, shared-management or procurement.",
            DefaultValueFactory = _ => "shared-ict",
        };
        template.AcceptOnlyFromAmong(Templates);
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write a commented starter scenario that runs as written.") { file, template, force };
        command.SetAction((parse, _) => Task.FromResult(Execute(parse.GetValue(file)!, parse.GetValue(template)!, parse.GetValue(force), Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Writes the template; returns an exit code.</summary>
    public static int Execute(string path, string template, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (path.Length == 0)
        {
            stderr.WriteLine("error: no file name given (the path is empty)");
            return ExitCodes.InvalidInput;
        }
        if (File.Exists(path) && !force)
        {
            stderr.WriteLine($"error: {path} already exists (use --force to overwrite)");
            return ExitCodes.InvalidInput;
        }
        string text = template switch
        {
            "shared-management" => SharedManagement,
            "procurement" => Procurement,
            _ => SharedIct,
        };
        try
        {
            string temporary = path + ".partial";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"error: cannot write {path}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        stdout.WriteLine($"Wrote {path} ({template}). Next: risksim explain {path}, then risksim run {path}");
        return ExitCodes.Ok;
    }

    private const string Header = """
        # yaml-language-server: $schema=risksim.schema.json
        # (write the schema next to this file with: risksim schema > risksim.schema.json)
        #
        # A RiskSim scenario. Money is in today's prices; months count from the start of the programme.
        # Any uncertain figure is a plain number or a distribution:
        #   { pert: [min, most likely, max] }  { triangular: [min, mode, max] }  { uniform: [min, max] }
        #   { normal: { mean, sd, min, max } }  { lognormal: { mean, sd } }  { discrete: { values, weights } }
        # Money may be written 250000, 250k, 1.2m or "£1,200,000".

        """;

    private const string SharedIct = Header + """
        name: Shared ICT service (starter)
        description: Three councils merge their ICT teams into one hosted service.
        start_year: 2026              # first financial year, 2026/27
        horizon_years: 6
        discount_rate: 0.035          # Green Book real discount rate
        target: { cumulative_net_savings: 600k, by_year: 4 }   # the business case's promise
        simulation: { trials: 200000, seed: 1 }

        partners:                     # shares sum to 1
          - id: host
            name: Host county council
            share: 0.5
            withdrawal: { annual_probability: 0.02, notice_months: 12, exit_cost: { pert: [50k, 100k, 250k] } }
          - id: city
            name: City council
            share: 0.3
            withdrawal: { annual_probability: 0.06, notice_months: 12, exit_cost: { triangular: [20k, 40k, 100k] } }
          - id: district
            name: District council
            share: 0.2                # no withdrawal: assumed to stay

        workstreams:
          - id: ict
            name: Merged ICT service
            annual_saving: { pert: [250k, 400k, 450k] }   # full-year saving once ramped up
            go_live_month: 6
            delay_months: { triangular: [0, 3, 12] }       # slips are common; never negative
            ramp_months: 12
            implementation_cost: { pert: [150k, 200k, 350k] }
            delay_cost_per_month: { uniform: [5k, 15k] }
            redundancy:
              headcount: { triangular: [2, 4, 7] }
              cost_per_head: { lognormal: { mean: 38000, sd: 12000 } }

        risks:
          - id: tupe_challenge
            name: TUPE transfer challenged
            probability: 0.15
            year: [1, 2]
            cost: { pert: [20k, 60k, 200k] }
            delay_months: { ict: { triangular: [1, 3, 6] } }
          - id: licence
            name: Licence true-up on consolidation
            probability: 0.3
            year: 2
            cost: { lognormal: { mean: 70000, sd: 30000 } }

        correlations:
          - between: [ict.annual_saving, ict.delay_months]   # late projects tend to save less
            rank: -0.4

        variants:
          # Green Book optimism bias for an ICT project (its equipment/development category):
          # at the upper bound, time to go-live +54% and implementation cost +200%. Set
          # mitigation (0 to 1) for the share of that uplift your risk management removes.
          # The 20% savings haircut is your own figure, not the guidance's.
          - name: optimism-bias
            optimism_bias: { category: equipment_development, bound: upper, mitigation: 0, annual_saving: -0.2 }
          - name: no-city
            remove_partner: city

        """;

    private const string SharedManagement = Header + """
        name: Shared chief executive and management team (starter)
        description: Two councils share a chief executive and senior management team.
        start_year: 2026
        horizon_years: 5
        target: { cumulative_net_savings: 500k, by_year: 3 }
        simulation: { trials: 200000, seed: 1 }

        partners:
          - id: county
            name: County council
            share: 0.5
            withdrawal: { annual_probability: 0.08, notice_months: 6, savings_lost: 1, exit_cost: { pert: [20k, 50k, 120k] } }
          - id: district
            name: District council
            share: 0.5
            withdrawal: { annual_probability: 0.05, notice_months: 6, savings_lost: 1 }

        workstreams:
          - id: chief_exec
            name: Shared chief executive
            annual_saving: { pert: [140k, 170k, 190k] }   # one salary plus on-costs
            go_live_month: 3
            delay_months: { uniform: [0, 4] }
            implementation_cost: { triangular: [10k, 25k, 60k] }
            redundancy:
              headcount: 1
              cost_per_head: { lognormal: { mean: 150000, sd: 50000 } }
          - id: senior_team
            name: Shared senior management posts
            annual_saving: { pert: [200k, 350k, 420k] }
            go_live_month: 9
            delay_months: { triangular: [0, 3, 9] }
            ramp_months: 6
            implementation_cost: { pert: [20k, 40k, 90k] }
            redundancy:
              headcount: { discrete: { values: [2, 3, 4], weights: [1, 2, 1] } }
              cost_per_head: { pert: [60k, 90k, 160k] }

        risks:
          - id: political_change
            name: Change of political control
            probability: 0.2
            year: [2, 4]
            cost: 30k

        """;

    private const string Procurement = Header + """
        name: Joint procurement (starter)
        description: Three councils buy together to lower prices on common spend.
        start_year: 2026
        horizon_years: 7
        target: { cumulative_net_savings: 2m, by_year: 5 }
        simulation: { trials: 200000, seed: 1 }

        partners:
          - { id: north, name: North county, share: 0.45, withdrawal: { annual_probability: 0.04, notice_months: 12 } }
          - { id: south, name: South county, share: 0.35, withdrawal: { annual_probability: 0.04, notice_months: 12 } }
          - { id: west, name: West unitary, share: 0.2, withdrawal: { annual_probability: 0.06, notice_months: 12 } }

        workstreams:
          - id: common_spend
            name: Joint contracts on common spend
            annual_saving: { pert: [400k, 900k, 1.4m] }    # 1-3% of about £45m of common spend
            go_live_month: 6
            delay_months: { triangular: [0, 2, 8] }
            ramp_months: 24                                # contracts renew gradually
            implementation_cost: { pert: [100k, 150k, 300k] }
          - id: care_frameworks
            name: Shared care placement frameworks
            annual_saving: { normal: { mean: 500k, sd: 150k, min: 0 } }
            go_live_month: 12
            delay_months: { discrete: { values: [0, 3, 6, 12], weights: [4, 3, 2, 1] } }
            ramp_months: 12
            depends_on: [north, south]
            implementation_cost: 120k

        risks:
          - id: procurement_challenge
            name: Procurement challenge by a bidder
            probability: 0.1
            year: [1, 2]
            cost: { pert: [30k, 80k, 250k] }
            delay_months: { common_spend: { uniform: [2, 6] } }

        correlations:
          - between: [common_spend.annual_saving, care_frameworks.annual_saving]
            rank: 0.3

        """;
}
