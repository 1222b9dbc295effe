namespace RiskSim.Core.Model;

/// <summary>
/// A validated scenario: partners, workstreams, risks and correlations over a horizon of whole years.
/// </summary>
/// <remarks>
/// Built once at the edge (by the scenario reader) and immutable afterwards; the engine never sees
/// the file it came from. Money is in real terms in <see cref="Currency"/>; times are in months unless
/// a name says years.
/// </remarks>
public sealed record Scenario
{
    /// <summary>Display name (required).</summary>
    public required string Name { get; init; }

    /// <summary>Free text.</summary>
    public string Description { get; init; } = "";

    /// <summary>ISO currency code, GBP by default.</summary>
    public string Currency { get; init; } = "GBP";

    /// <summary>First financial year, shown as e.g. 2025/26; null when the scenario does not say.</summary>
    public int? StartYear { get; init; }

    /// <summary>Number of whole years simulated, 1..50.</summary>
    public required int HorizonYears { get; init; }

    /// <summary>Real discount rate per year, 0.035 by default.</summary>
    public double DiscountRate { get; init; } = 0.035;

    /// <summary>Optional savings target.</summary>
    public SavingsTarget? Target { get; init; }

    /// <summary>Default trial count when the command line does not give one.</summary>
    public int DefaultTrials { get; init; } = 1_000_000;

    /// <summary>Default seed when the command line does not give one.</summary>
    public ulong DefaultSeed { get; init; } = 42;

    /// <summary>
    /// <c>simulation.precision</c> as a fraction (0.005 for 0.5%): by default, run until the decision figures are known to
    /// this precision instead of a fixed number of trials; null for a fixed run.
    /// </summary>
    public double? DefaultPrecision { get; init; }

    /// <summary><c>simulation.max_trials</c>: the most trials a run to a precision simulates; null for the default.</summary>
    public long? DefaultMaxTrials { get; init; }

    /// <summary>Member councils (at least one).</summary>
    public required IReadOnlyList<Partner> Partners { get; init; }

    /// <summary>Savings workstreams (at least one).</summary>
    public required IReadOnlyList<Workstream> Workstreams { get; init; }

    /// <summary>Risk register events.</summary>
    public IReadOnlyList<Risk> Risks { get; init; } = [];

    /// <summary>Spearman rank correlations between named inputs.</summary>
    public IReadOnlyList<RankCorrelation> Correlations { get; init; } = [];

    /// <summary>Stress variants declared with the scenario.</summary>
    public IReadOnlyList<ScenarioVariant> Variants { get; init; } = [];

    /// <summary>
    /// Where the figures come from, by field path (<see cref="SourcePaths"/>): e.g. <c>ict.annual_saving</c>,
    /// <c>city.withdrawal.annual_probability</c>, <c>discount_rate</c>, or a risk's id for every figure of that risk.
    /// </summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The four money edges between the risk matrix's impact bands 1|2, 2|3, 3|4 and 4|5 (mean NPV lost when a risk
    /// occurs), as the council's own risk policy states them; null for the default, fractions of the target.
    /// </summary>
    public IReadOnlyList<double>? ImpactBands { get; init; }

    /// <summary>The named owner of each risk that has one (a register's owner column), by risk id.</summary>
    public IReadOnlyDictionary<string, string> RiskOwners { get; init; } = new Dictionary<string, string>();

    /// <summary>Label of financial year <paramref name="year"/> (1-based), e.g. "2025/26", or "Year 3".</summary>
    public string YearLabel(int year)
    {
        if (StartYear is int start)
        {
            int y = start + year - 1;
            return $"{y}/{(y + 1) % 100:00}";
        }
        return $"Year {year}";
    }
}

/// <summary>The promise a business case makes: cumulative net savings of at least an amount by a year.</summary>
/// <param name="CumulativeNetSavings">Money.</param>
/// <param name="ByYear">Year 1..H at whose end the target is tested.</param>
public sealed record SavingsTarget(double CumulativeNetSavings, int ByYear)
{
    /// <summary>
    /// A savings profile: the cumulative net savings promised by the end of each financial year 1..<see cref="ByYear"/>
    /// (index 0 is year 1), whose last figure is <see cref="CumulativeNetSavings"/>; null for a single target.
    /// </summary>
    public IReadOnlyList<double>? Profile { get; init; }

    /// <summary>Whether the scenario file gave the profile as cumulative figures (the default) or as annual ones.</summary>
    public TargetBasis Basis { get; init; } = TargetBasis.Cumulative;

    /// <summary>
    /// The target of a profile: cumulative figures by year from year 1, or annual figures summed to cumulative ones.
    /// The headline target is the profile's last year.
    /// </summary>
    /// <param name="figures">One figure per financial year from year 1 (at least one).</param>
    /// <param name="basis">How the figures are given.</param>
    public static SavingsTarget FromProfile(IReadOnlyList<double> figures, TargetBasis basis)
    {
        ArgumentOutOfRangeException.ThrowIfZero(figures.Count);
        var cumulative = new double[figures.Count];
        double sum = 0;
        for (int t = 0; t < figures.Count; t++)
        {
            sum = basis == TargetBasis.Annual ? sum + figures[t] : figures[t];
            cumulative[t] = sum;
        }
        return new SavingsTarget(cumulative[^1], cumulative.Length) { Profile = cumulative, Basis = basis };
    }

    /// <summary>The years tested with their cumulative figures: each year of the profile, or the one target year.</summary>
    public IEnumerable<(int Year, double Cumulative)> Years() => Profile is { } profile
        ? profile.Select((v, i) => (i + 1, v))
        : [(ByYear, CumulativeNetSavings)];

    /// <summary>
    /// The target with its cumulative figure changed to <paramref name="value"/>; a profile is scaled by the same ratio
    /// (shifted by the same amount when its last figure is 0), so that its last year stays the headline.
    /// </summary>
    public SavingsTarget WithCumulative(double value)
    {
        if (Profile is not { } profile)
        {
            return this with { CumulativeNetSavings = value };
        }
        double last = CumulativeNetSavings;
        var changed = profile.Select(v => last != 0 ? v * (value / last) : v + value).ToArray();
        changed[^1] = value;
        return this with { CumulativeNetSavings = value, Profile = changed };
    }
}

/// <summary>How a savings profile's figures are given.</summary>
public enum TargetBasis
{
    /// <summary>Each figure is the cumulative net savings by the end of its year.</summary>
    Cumulative,

    /// <summary>Each figure is the net saving of its year alone; they are summed to cumulative figures.</summary>
    Annual,
}

/// <summary>A member council.</summary>
public sealed record Partner
{
    /// <summary>Identifier, [a-z][a-z0-9_]*.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Share of the partnership, shares sum to 1.</summary>
    public required double Share { get; init; }

    /// <summary>Withdrawal risk; null means the partner never leaves.</summary>
    public PartnerWithdrawal? Withdrawal { get; init; }

    /// <summary>The partner's own savings target, on its own ledger; null when it has none.</summary>
    public SavingsTarget? Target { get; init; }
}

/// <summary>How and at what cost a partner may leave.</summary>
public sealed record PartnerWithdrawal
{
    /// <summary>P(notice given within any one year), in [0, 1].</summary>
    public required double AnnualProbability { get; init; }

    /// <summary>Months from notice to exit.</summary>
    public double NoticeMonths { get; init; } = 12;

    /// <summary>Fraction of dependent workstreams' savings lost from the exit on, in [0, 1].</summary>
    public required Distribution SavingsLost { get; init; }

    /// <summary>One-off cost at exit (money).</summary>
    public Distribution ExitCost { get; init; } = new ConstantDistribution(0);

    /// <summary>Who pays the exit cost on the partners' ledgers.</summary>
    public ExitCostPayer ExitCostPaidBy { get; init; } = ExitCostPayer.Leaver;
}

/// <summary>A strand of the shared service that delivers savings.</summary>
public sealed record Workstream
{
    /// <summary>Identifier, [a-z][a-z0-9_]*.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Steady-state saving (money per year).</summary>
    public required Distribution AnnualSaving { get; init; }

    /// <summary>Planned go-live, months from the start.</summary>
    public double GoLiveMonth { get; init; }

    /// <summary>Slip of go-live (months, ≥ 0).</summary>
    public Distribution DelayMonths { get; init; } = new ConstantDistribution(0);

    /// <summary>Months of linear ramp to the full saving after go-live.</summary>
    public double RampMonths { get; init; }

    /// <summary>Ids of partners whose exit reduces this workstream's savings.</summary>
    public required IReadOnlyList<string> DependsOn { get; init; }

    /// <summary>One-off implementation cost (money), spread over [0, go-live).</summary>
    public Distribution ImplementationCost { get; init; } = new ConstantDistribution(0);

    /// <summary>Cost per month of delay (money), incurred at go-live.</summary>
    public Distribution DelayCostPerMonth { get; init; } = new ConstantDistribution(0);

    /// <summary>Redundancies at go-live; null when none.</summary>
    public Redundancy? Redundancy { get; init; }

    /// <summary>How its savings and costs are divided between the partners.</summary>
    public WorkstreamAllocation Allocation { get; init; } = new();
}

/// <summary>Posts lost at go-live, or on a date of their own.</summary>
/// <param name="Headcount">Number of posts, rounded half up and floored at 0.</param>
/// <param name="CostPerHead">Money per post.</param>
/// <param name="AtMonth">Months from the start when the posts go, whatever the go-live; null means at go-live.</param>
public sealed record Redundancy(Distribution Headcount, Distribution CostPerHead, double? AtMonth = null);

/// <summary>A risk register event.</summary>
public sealed record Risk
{
    /// <summary>Identifier, [a-z][a-z0-9_]*.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Chance that it happens at all within the horizon.</summary>
    public required double Probability { get; init; }

    /// <summary>First possible year (1-based).</summary>
    public required int FirstYear { get; init; }

    /// <summary>Last possible year; equal to <see cref="FirstYear"/> for a fixed year.</summary>
    public required int LastYear { get; init; }

    /// <summary>One-off cost in its year (money).</summary>
    public Distribution Cost { get; init; } = new ConstantDistribution(0);

    /// <summary>Extra go-live slip (months) per named workstream when the risk occurs.</summary>
    public IReadOnlyList<RiskDelay> Delays { get; init; } = [];

    /// <summary>How its cost is divided between the partners (by share unless stated).</summary>
    public AllocationKey CostAllocation { get; init; } = AllocationKey.Shares;

    /// <summary>A mitigation action and the risk after it; null when none is planned.</summary>
    public Mitigation? Mitigation { get; init; }
}

/// <summary>Extra delay a risk causes to one workstream.</summary>
/// <param name="WorkstreamId">The workstream delayed.</param>
/// <param name="Months">Months of extra slip (≥ 0).</param>
public sealed record RiskDelay(string WorkstreamId, Distribution Months);

/// <summary>A target Spearman rank correlation between two named inputs.</summary>
/// <param name="First">Dotted input name.</param>
/// <param name="Second">Dotted input name.</param>
/// <param name="Rank">Target rank correlation in [-1, 1].</param>
public sealed record RankCorrelation(string First, string Second, double Rank);
