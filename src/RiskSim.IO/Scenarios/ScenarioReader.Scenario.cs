using System.Globalization;
using System.Text.RegularExpressions;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// The top-level scenario: its settings, then its lists, correlations and variants.
public sealed partial class ScenarioReader
{
    private static readonly string[] TopKeys =
        ["name", "description", "currency", "start_year", "horizon_years", "discount_rate", "target", "simulation",
         "partners", "workstreams", "risks", "risks_from", "risk_matrix", "correlations", "variants"];

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    private Scenario? ReadScenario(YNode root)
    {
        if (Mapping(root, "") is not { } map)
        {
            return null;
        }
        var f = Fields(map, "", TopKeys);
        string? name = Required(f, "name", map, "") is { } n ? Text(n, "name") : null;
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            Error(f["name"].Value, "name", "the name is empty; give the scenario a name a reader will recognise");
            name = null;
        }
        string description = Optional(f, "description") is { } d ? Text(d, "description") ?? "" : "";
        string currency = "GBP";
        if (Optional(f, "currency") is { } c && Text(c, "currency") is { } code)
        {
            if (CurrencyPattern().IsMatch(code))
            {
                currency = code;
            }
            else
            {
                Error(c, "currency", $"expected a three-letter currency code such as GBP or EUR, found '{Printable(code)}'");
            }
        }
        int? startYear = Optional(f, "start_year") is { } sy ? Integer(sy, "start_year", 1900, 2200) : null;
        int? horizon = Required(f, "horizon_years", map, "") is { } h ? Integer(h, "horizon_years", 1, 50) : null;
        double? discount = Optional(f, "discount_rate") is { } r ? NumberIn(r, "discount_rate", 0, 0.999999, "within [0, 1)") : 0.035;

        int trials = 1_000_000;
        ulong seed = 42;
        double? precision = null;
        long? maxTrials = null;
        if (Optional(f, "simulation") is { } simNode && Mapping(simNode, "simulation") is { } sim)
        {
            var sf = Fields(sim, "simulation", ["trials", "seed", "precision", "max_trials"]);
            (precision, maxTrials) = ReadPrecision(sf);
            if (Optional(sf, "trials") is { } t && Integer(t, "simulation.trials", 1, int.MaxValue) is int tv)
            {
                trials = tv;
            }
            if (Optional(sf, "seed") is { } s && ReadSeed(s, "simulation.seed") is ulong sv)
            {
                seed = sv;
            }
        }

        // Ids are collected from the file first, so that a mistake inside one item never makes the
        // references to it look dangling.
        var partnerIds = RawIds(Optional(f, "partners"));
        var workstreamIds = RawIds(Optional(f, "workstreams")).ToHashSet();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var (partners, partnersOk) = Optional(f, "partners") is { } pn ? ReadList(pn, "partners", (node, path) => ReadPartner(node, path, horizon), ids) : ([], false);
        if (Optional(f, "partners") is null)
        {
            Error(map, "partners", "'partners' is required: at least one partner");
        }
        var (workstreams, workstreamsOk) = Optional(f, "workstreams") is { } wn
            ? ReadList(wn, "workstreams", (node, path) => ReadWorkstream(node, path, partnerIds), ids)
            : ([], false);
        if (Optional(f, "workstreams") is null)
        {
            Error(map, "workstreams", "'workstreams' is required: at least one workstream");
        }
        var (risks, risksOk) = Optional(f, "risks") is { } rn
            ? ReadList(rn, "risks", (node, path) => ReadRisk(node, path, workstreamIds, partnerIds, horizon), ids, allowEmpty: true)
            : ([], true);
        if (Optional(f, "risks_from") is { } registerNode)
        {
            // A register's risks join the file's own, after them; their ids share the one namespace.
            var (fromRegister, registerOk) = ReadRegister(registerNode, workstreamIds, ids, horizon);
            risks = [.. risks, .. fromRegister];
            risksOk &= registerOk;
        }

        SavingsTarget? target = Optional(f, "target") is { } tn ? ReadTarget(tn, "target", horizon) : null;
        IReadOnlyList<double>? impactBands = Optional(f, "risk_matrix") is { } mn ? ReadRiskMatrix(mn) : null;

        if (partnersOk)
        {
            // The list's own rules are checked as soon as it is read, so they are listed beside other mistakes.
            var problems = new List<ScenarioProblem>();
            ScenarioRules.CheckPartners(partners, problems);
            Report(map, problems);
        }

        // Correlations are checked against every input the file names, even when other parts have errors.
        var parsed = new Scenario { Name = "", HorizonYears = 1, Partners = partners, Workstreams = workstreams, Risks = risks };
        var known = InputCatalog.Of(parsed).ToDictionary(i => i.Name, i => (Distribution?)i.Distribution, StringComparer.Ordinal);
        foreach (string rawName in RawInputNames(f))
        {
            known.TryAdd(rawName, null);
        }
        var correlations = Optional(f, "correlations") is { } cn ? ReadCorrelations(cn, known) : [];

        if (name is null || horizon is null || discount is null || !partnersOk || !workstreamsOk || !risksOk
            || correlations is null || _errors.Count > 0)
        {
            return null;
        }
        var scenario = new Scenario
        {
            Name = name,
            Description = description,
            Currency = currency,
            StartYear = startYear,
            HorizonYears = horizon.Value,
            DiscountRate = discount.Value,
            Target = target,
            DefaultTrials = trials,
            DefaultSeed = seed,
            DefaultPrecision = precision,
            DefaultMaxTrials = maxTrials,
            Partners = partners,
            Workstreams = workstreams,
            Risks = risks,
            Correlations = correlations,
            Sources = _sources,
            RiskOwners = _owners,
            ImpactBands = impactBands,
        };
        // The one validator of a whole scenario: here it finds nothing the reading above has not, unless a rule is
        // added to the model and not to the reader; then it still reports it, at the node it names.
        Report(map, ScenarioRules.Check(scenario));
        var variants = Optional(f, "variants") is { } vn && _errors.Count == 0 ? ReadVariants(vn, scenario) : [];
        return _errors.Count > 0 ? null : scenario with { Variants = variants };
    }

    // risk_matrix.impact_bands: the council's own four money edges between the impact bands.
    private List<double>? ReadRiskMatrix(YNode node)
    {
        if (Mapping(node, "risk_matrix") is not { } map)
        {
            return null;
        }
        const string field = "risk_matrix.impact_bands";
        var f = Fields(map, "risk_matrix", ["impact_bands"]);
        if (Required(f, "impact_bands", map, "risk_matrix") is not { } bn || NumberList(bn, field, money: true) is not { } edges)
        {
            return null;
        }
        if (edges.Count != 4 || edges.Any(e => e <= 0) || edges.Zip(edges.Skip(1)).Any(x => x.First >= x.Second))
        {
            Error(bn, field, "expected four amounts of money above zero, each larger than the one before: the mean NPV lost that "
                + "separates impact 1 from 2, 2 from 3, 3 from 4 and 4 from 5, such as [25k, 100k, 250k, 500k]; "
                + $"found [{string.Join(", ", edges.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]");
            return null;
        }
        return edges;
    }

    // simulation.precision ("0.5%" or 0.005) and simulation.max_trials, the cap of a run to that precision.
    private (double? Precision, long? MaxTrials) ReadPrecision(Dictionary<string, (YScalar Key, YNode Value)> sf)
    {
        double? precision = null;
        long? maxTrials = null;
        if (Optional(sf, "precision") is { } pn && Text(pn, "simulation.precision") is { } text)
        {
            var (goal, problem) = Core.Engine.PrecisionGoal.Parse(text);
            if (goal is null)
            {
                Error(pn, "simulation.precision", problem!);
            }
            else if (Optional(sf, "trials") is not null)
            {
                Error(pn, "simulation.precision", "give either simulation.trials (a fixed number of trials) or simulation.precision "
                    + "(run until the figures are that precise), not both");
            }
            else
            {
                precision = goal.Margin;
            }
        }
        if (Optional(sf, "max_trials") is { } mn && Integer(mn, "simulation.max_trials", Core.Engine.SimulationOptions.BlockSize, int.MaxValue) is int max)
        {
            if (Optional(sf, "precision") is null)
            {
                Error(mn, "simulation.max_trials", "max_trials caps a run to a precision: give simulation.precision too, or use simulation.trials");
            }
            maxTrials = max;
        }
        return (precision, maxTrials);
    }

    private ulong? ReadSeed(YNode node, string field)
    {
        if (node is YScalar s && ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
        {
            return v;
        }
        Error(node, field, $"expected a whole number >= 0, found {Describe(node)}");
        return null;
    }
}
