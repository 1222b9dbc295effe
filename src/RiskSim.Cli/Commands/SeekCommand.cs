using System.CommandLine;
using System.Globalization;
using RiskSim.Cli.Output;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.Core.Text;
using RiskSim.IO.Scenarios;

namespace RiskSim.Cli.Commands;

/// <summary>What <c>risksim seek</c> was asked to do, after parsing.</summary>
/// <param name="ScenarioPath">Scenario file.</param>
/// <param name="Vary">Dotted path of the one quantity varied.</param>
/// <param name="For">The goal, <c>name=value</c> (e.g. <c>p_target_met=0.8</c>, <c>reserve_90=100k</c>).</param>
/// <param name="Trials">Trials per evaluation.</param>
/// <param name="Seed">Seed, or null for the scenario's default.</param>
/// <param name="Threads">Worker threads; 0 = all cores.</param>
/// <param name="Low">Lower end of the bracket as typed, or null for the default.</param>
/// <param name="High">Upper end as typed, or null for the default.</param>
/// <param name="Tolerance">Width at which the search stops, as typed, or null for a ten-thousandth of the bracket.</param>
/// <param name="By">How a distribution is moved: shift (default) or scale.</param>
public sealed record SeekRequest(string ScenarioPath, string Vary, string For, long Trials, ulong? Seed, int Threads,
    string? Low, string? High, string? Tolerance, SeekMode By);

/// <summary>
/// Defines <c>risksim seek SCENARIO --vary PATH --for GOAL</c>: the value of one quantity that meets a goal (a chance of
/// the target, a reserve, the mean NPV), by bisection on common random numbers, with the range of values consistent with
/// the Monte Carlo noise.
/// </summary>
public static class SeekCommand
{
    /// <summary>Exit code when the goal is met at both ends of the bracket or at neither.</summary>
    public const int GoalNotReached = 3;

    /// <summary>Trials per evaluation unless <c>--trials</c> says otherwise.</summary>
    public const long DefaultTrials = 100_000;

    /// <summary>Most trials per evaluation (each evaluation keeps them all in memory, sorted).</summary>
    public const long MaxTrials = 10_000_000;

    /// <summary>The search stops when the bracket is narrower than this fraction of it, unless <c>--tolerance</c> says.</summary>
    public const double DefaultRelativeTolerance = 1e-4;

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .yml or .json)." };
        var vary = new Option<string>("--vary")
        {
            Description = "The one quantity to vary, a variant path such as ict.annual_saving (a distribution: its most likely value), "
                + "ict.go_live_month, city.withdrawal.annual_probability or target.cumulative_net_savings.",
            Required = true,
            HelpName = "path",
        };
        var goal = new Option<string>("--for")
        {
            Description = "The goal: p_target_met=0.8 (or 80%), reserve_80=, reserve_90=, reserve_95= (money, e.g. 100k) or mean_npv= (money).",
            Required = true,
            HelpName = "goal=value",
        };
        var trials = CommandSupport.TrialsOption($"Trials per evaluation (default {DefaultTrials:N0}, at most {MaxTrials:N0}).");
        var seed = CommandSupport.SeedOption("Random seed of every evaluation (default: the scenario's simulation.seed, else 42).");
        var threads = CommandSupport.ThreadsOption();
        var low = new Option<string?>("--low") { Description = "Lower end of the values searched (default: from the current value, see docs/model.md)." };
        var high = new Option<string?>("--high") { Description = "Upper end of the values searched." };
        var tolerance = new Option<string?>("--tolerance") { Description = "Stop when the values searched are this close (default: a ten-thousandth of the bracket)." };
        var by = new Option<SeekMode>("--by")
        {
            Description = "How a distribution is moved to a new most likely value: shift (default; shape and spread kept) or scale (spread scaled too).",
            DefaultValueFactory = _ => SeekMode.Shift,
            HelpName = "shift|scale",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                switch (text.ToLowerInvariant())
                {
                    case "shift":
                        return SeekMode.Shift;
                    case "scale":
                        return SeekMode.Scale;
                    default:
                        r.AddError($"--by must be shift or scale, not '{text}'");
                        return SeekMode.Shift;
                }
            },
        };
        by.CompletionSources.Add("shift", "scale");
        var command = new Command("seek",
            "Find the value of one quantity that meets a goal, e.g. the most likely ICT saving for an 80% chance of the target, "
            + "by bisection on common random numbers, with the range consistent with the Monte Carlo noise.")
        {
            scenario, vary, goal, trials, seed, threads, low, high, tolerance, by,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Execute(new SeekRequest(
            parse.GetValue(scenario)!, parse.GetValue(vary)!, parse.GetValue(goal)!, parse.GetValue(trials) ?? DefaultTrials,
            parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(low), parse.GetValue(high), parse.GetValue(tolerance),
            parse.GetValue(by)), Console.Out, Console.Error, cancellation)));
        return command;
    }

    /// <summary>Runs the search and prints the answer; returns an exit code.</summary>
    public static int Execute(SeekRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        int Invalid(string message)
        {
            stderr.WriteLine($"error: {TerminalText.Safe(message)}");
            return ExitCodes.InvalidInput;
        }
        Scenario s;
        try
        {
            s = ScenarioReader.ReadFile(request.ScenarioPath);
        }
        catch (ScenarioException e)
        {
            CommandSupport.PrintProblems(e, stderr);
            return ExitCodes.InvalidInput;
        }
        if (request.Trials > MaxTrials)
        {
            return Invalid($"--trials must be at most {MaxTrials:N0} for seek (each evaluation keeps every trial)");
        }
        if (ParseGoal(request.For, out string goalProblem) is not { } goal)
        {
            return Invalid(goalProblem);
        }
        if (goal.NeedsTarget && s.Target is null)
        {
            return Invalid($"--for {request.For}: {request.ScenarioPath} sets no target, so only mean_npv can be a goal");
        }
        var problems = new List<ScenarioProblem>();
        if (SeekQuantity.Find(s, request.Vary, problems) is not { } quantity)
        {
            return Invalid($"--vary {problems[0].Message}");
        }
        var (defaultLow, defaultHigh) = quantity.DefaultBracket(request.By);
        double? low = defaultLow, high = defaultHigh, tolerance = null;
        foreach (var (name, text, set) in new (string, string?, Action<double>)[]
        {
            ("--low", request.Low, v => low = v), ("--high", request.High, v => high = v), ("--tolerance", request.Tolerance, v => tolerance = v),
        })
        {
            if (text is null)
            {
                continue;
            }
            if (!MoneyParser.TryParseMoney(text, out double v))
            {
                return Invalid($"{name} must be a number (money as 250k, 1.2m), not '{text}'");
            }
            set(v);
        }
        if (!(high > low))
        {
            return Invalid($"--high ({Show(quantity, s, high!.Value)}) must be above --low ({Show(quantity, s, low!.Value)})");
        }
        double tol = tolerance ?? (high!.Value - low!.Value) * DefaultRelativeTolerance;
        if (!(tol > 0))
        {
            return Invalid("--tolerance must be above zero");
        }
        var options = new SeekOptions(request.Trials, request.Seed ?? s.DefaultSeed, request.Threads, low!.Value, high!.Value, tol, request.By);
        SeekResult result;
        try
        {
            result = GoalSeek.Solve(s, quantity, goal, options, cancellation);
        }
        catch (SeekUnreachableException e)
        {
            stderr.WriteLine(TerminalText.Safe(
                $"error: {e.Message} {Show(quantity, s, options.Low)} to {Show(quantity, s, options.High)}: {GoalName(request.For)} is "
                + $"{ShowFigure(goal, s, e.AtLow)} at the low end and {ShowFigure(goal, s, e.AtHigh)} at the high end; widen it with --low and --high."));
            return GoalNotReached;
        }
        catch (ArgumentException e)
        {
            return Invalid($"--vary {request.Vary}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        foreach (string line in Lines(s, quantity, goal, result, options))
        {
            stdout.WriteLine(TerminalText.Safe(line));
        }
        return ExitCodes.Ok;
    }

    /// <summary>Reads <c>name=value</c>; null with a message when the name or the value is not understood.</summary>
    internal static SeekGoal? ParseGoal(string text, out string problem)
    {
        problem = "";
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? text.Trim() : text[..eq].Trim();
        if (!SeekGoal.Names.TryGetValue(name, out var metric))
        {
            problem = $"--for: unknown goal '{name}'; expected one of {string.Join(", ", SeekGoal.Names.Keys)} followed by =value, e.g. p_target_met=0.8";
            return null;
        }
        string value = eq < 0 ? "" : text[(eq + 1)..].Trim();
        if (metric == SeekMetric.ProbabilityTargetMet)
        {
            bool percent = value.EndsWith('%');
            if (MoneyParser.TryParseNumber(percent ? value[..^1] : value, out double p) && (percent ? p / 100 : p) is var chance and > 0 and < 1)
            {
                return new SeekGoal(metric, chance);
            }
            problem = $"--for {name}: expected a chance between 0 and 1 (or a percentage such as 80%), found '{value}'";
            return null;
        }
        if (MoneyParser.TryParseMoney(value, out double amount))
        {
            return new SeekGoal(metric, amount);
        }
        problem = $"--for {name}: expected an amount of money such as {MoneyParser.AcceptedForms}, found '{value}'";
        return null;
    }

    private static string GoalName(string text) => text.Split('=')[0].Trim();

    /// <summary>The answer in sentences.</summary>
    internal static IReadOnlyList<string> Lines(Scenario s, SeekQuantity q, SeekGoal goal, SeekResult r, SeekOptions options)
    {
        string what = q.Distribution is null ? $"the value of {q.Path}" : $"the most likely value of {q.Path}";
        string bound = r.AtLeast ? "at least" : "at most";
        string interval = (r.IntervalLow, r.IntervalHigh) switch
        {
            (double a, double b) => $"{Show(q, s, a)} to {Show(q, s, b)}",
            (double a, null) => $"{Show(q, s, a)} to beyond {Show(q, s, options.High)}",
            (null, double b) => $"below {Show(q, s, options.Low)} to {Show(q, s, b)}",
            _ => $"wider than the bracket {Show(q, s, options.Low)} to {Show(q, s, options.High)}",
        };
        string noise = goal.Metric switch
        {
            SeekMetric.ProbabilityTargetMet => $"the Wilson 95% interval of the chance, {Formats.Percent(r.GoalLow, "0.##")} to {Formats.Percent(r.GoalHigh, "0.##")}",
            SeekMetric.MeanNpv => $"the 95% interval of the mean, {Formats.Money(r.GoalLow, s.Currency)} to {Formats.Money(r.GoalHigh, s.Currency)}",
            _ => "the 95% order-statistic interval of the percentile behind the reserve",
        };
        var lines = new List<string>
        {
            $"{Capital(what)} must be {bound} {Show(q, s, r.Value)} for {GoalWords(goal, s)}.",
            $"Range consistent with the Monte Carlo noise: {interval} (solved again for {noise}).",
            $"At {Show(q, s, r.Value)}: {ShowFigure(goal, s, r.Achieved)} ({r.Evaluations} simulations of {options.Trials.ToString("N0", CultureInfo.InvariantCulture)} trials, seed {options.Seed}, common random numbers"
                + (q.Distribution is null ? ")." : $"; the distribution {(options.Mode == SeekMode.Shift ? "shifted" : "scaled")}, now most likely {Show(q, s, r.Value)} rather than {Show(q, s, q.Current)})."),
            $"value: {r.Value.ToString("R", CultureInfo.InvariantCulture)}",
        };
        return lines;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string GoalWords(SeekGoal goal, Scenario s)
    {
        var t = s.Target;
        string target = t is null ? "" : $"{Formats.Money(t.CumulativeNetSavings, s.Currency)} by {s.YearLabel(t.ByYear)}";
        return goal.Metric switch
        {
            SeekMetric.ProbabilityTargetMet => $"{Formats.AChance(goal.Value)} chance of the target ({target})",
            SeekMetric.MeanNpv => $"a mean NPV of at least {Formats.Money(goal.Value, s.Currency)}",
            SeekMetric.Reserve80 => $"a reserve for 80% confidence of at most {Formats.Money(goal.Value, s.Currency)} (target {target})",
            SeekMetric.Reserve90 => $"a reserve for 90% confidence of at most {Formats.Money(goal.Value, s.Currency)} (target {target})",
            _ => $"a reserve for 95% confidence of at most {Formats.Money(goal.Value, s.Currency)} (target {target})",
        };
    }

    private static string ShowFigure(SeekGoal goal, Scenario s, double figure) => goal.Metric switch
    {
        SeekMetric.ProbabilityTargetMet => $"chance of the target {Formats.Percent(figure, "0.##")}",
        SeekMetric.MeanNpv => $"mean NPV {Formats.Money(figure, s.Currency)}",
        _ => $"reserve {Formats.Money(figure, s.Currency)}",
    };

    private static string Show(SeekQuantity q, Scenario s, double v) => q.Kind switch
    {
        VariantPaths.ValueKind.Money => Formats.Money(v, s.Currency),
        VariantPaths.ValueKind.Probability or VariantPaths.ValueKind.Fraction or VariantPaths.ValueKind.Rate => Formats.Percent(v, "0.###"),
        VariantPaths.ValueKind.Months or VariantPaths.ValueKind.Delay => $"{Formats.Number(v)} months",
        _ => Formats.Number(v),
    };
}
