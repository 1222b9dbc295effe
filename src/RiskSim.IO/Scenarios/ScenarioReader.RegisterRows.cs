using System.Globalization;
using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

// The rows of a risk register: each one a risk, read column by column with every problem at its cell.
public sealed partial class ScenarioReader
{
    /// <summary>The register's columns in the order the template writes them: the name used in messages and the header written.</summary>
    internal static readonly IReadOnlyList<(string Column, string Header)> RegisterColumns =
    [
        ("id", "ID"), ("title", "Title"), ("owner", "Owner"), ("probability", "Probability"), ("likelihood", "Likelihood (1-5)"),
        ("year", "Year"), ("cost_min", "Cost min"), ("cost_likely", "Cost likely"), ("cost_max", "Cost max"),
        ("workstream", "Workstream"), ("delay_min", "Delay min (months)"), ("delay_likely", "Delay likely (months)"),
        ("delay_max", "Delay max (months)"), ("mitigation", "Mitigation"), ("mitigation_cost", "Mitigation cost"),
        ("probability_after", "Probability after"), ("likelihood_after", "Likelihood after (1-5)"),
        ("cost_after_min", "Cost after min"), ("cost_after_likely", "Cost after likely"), ("cost_after_max", "Cost after max"),
        ("delay_after_min", "Delay after min (months)"), ("delay_after_likely", "Delay after likely (months)"),
        ("delay_after_max", "Delay after max (months)"), ("source", "Source"),
    ];

    private static readonly Dictionary<string, string> HeaderSynonyms = BuildHeaderSynonyms();

    private static Dictionary<string, string> BuildHeaderSynonyms()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string column, params string[] names)
        {
            foreach (string name in names)
            {
                map.TryAdd(name, column);
            }
        }
        Add("id", "id", "riskid", "ref", "riskref", "reference", "riskreference", "riskno", "no", "number", "risknumber", "code");
        Add("title", "title", "name", "risk", "riskname", "risktitle");
        Add("owner", "owner", "riskowner", "responsible", "responsibleofficer", "lead", "accountable");
        Add("probability", "probability", "prob", "chance", "probabilitypercent");
        Add("likelihood", "likelihood", "likelihoodscore", "score", "likelihoodrating");
        Add("year", "year", "years", "yearrange", "yearorrange", "when", "timing");
        Add("workstream", "workstream", "workstreams", "affectedworkstream", "affectedworkstreams", "delays", "delayedworkstream", "delayedworkstreams");
        Add("mitigation", "mitigation", "mitigationaction", "mitigationactions", "mitigatingaction", "action", "response", "treatment");
        Add("mitigation_cost", "mitigationcost", "mitigationcosts", "costofmitigation", "actioncost");
        Add("probability_after", "probabilityafter", "probabilityaftermitigation", "postmitigationprobability", "residualprobability",
            "mitigatedprobability", "targetprobability");
        Add("likelihood_after", "likelihoodafter", "likelihoodaftermitigation", "postmitigationlikelihood", "residuallikelihood",
            "mitigatedlikelihood", "targetlikelihood", "residualscore");
        Add("source", "source", "sources", "evidence", "basis", "sourceofestimate");
        string[] min = ["min", "minimum", "low", "best", "bestcase"];
        string[] likely = ["likely", "mostlikely", "mode", "ml"];
        string[] max = ["max", "maximum", "high", "worst", "worstcase"];
        void Triple(string column, string[] bases, string[] afters)
        {
            foreach (string b in bases)
            {
                foreach (string after in afters)
                {
                    string[] forms(string s) => after.Length == 0
                        ? [b + s, s + b]
                        : [b + s + after, s + b + after, after + b + s, b + after + s, s + b + after];
                    Add(column + "_min", min.SelectMany(forms).ToArray());
                    Add(column + "_likely", likely.SelectMany(forms).ToArray());
                    Add(column + "_max", max.SelectMany(forms).ToArray());
                }
            }
        }
        Triple("cost", ["cost", "costs", "costimpact", "financialimpact", "impact"], [""]);
        Triple("delay", ["delay", "delaymonths", "monthsdelay", "slip"], [""]);
        Triple("cost_after", ["cost", "costs", "costimpact"], ["after", "aftermitigation", "postmitigation", "residual", "mitigated"]);
        Triple("delay_after", ["delay", "delaymonths", "slip"], ["after", "aftermitigation", "postmitigation", "residual", "mitigated"]);
        // A lone "Cost" or "Delay" column is the most likely (or only) figure.
        Add("cost_likely", "cost", "costs", "costimpact", "financialimpact", "impact");
        Add("delay_likely", "delay", "delaymonths", "monthsdelay", "slip");
        Add("cost_after_likely", "costafter", "costaftermitigation", "postmitigationcost", "residualcost", "mitigatedcost");
        Add("delay_after_likely", "delayafter", "delayaftermitigation", "postmitigationdelay", "residualdelay", "mitigateddelay");
        return map;
    }

    /// <summary>Reads the rows of one register into risks, reporting each problem at its cell.</summary>
    private sealed class RegisterRows(ScenarioReader reader, RegisterTable table, IReadOnlyList<double> bands,
        HashSet<string> workstreamIds, Dictionary<string, string> ids, int horizon)
    {
        private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
        private Dictionary<int, RegisterCell> _row = [];
        private int _rowNumber;
        private bool _ok = true;

        public (List<Risk> Risks, bool Ok) Read()
        {
            if (table.Rows.Count == 0)
            {
                reader.RowError(table, 1, "", "the register is empty: the first row holds the column headers, then one risk a row");
                return ([], false);
            }
            var header = table.Rows[0];
            int headerRow = header[0].Row;
            foreach (var cell in header)
            {
                if (!HeaderSynonyms.TryGetValue(HeaderKey(cell.Text), out string? column))
                {
                    continue;
                }
                if (_columns.TryGetValue(column, out int first))
                {
                    reader.CellError(table, cell.Row, cell.Column, column,
                        $"a second '{column}' column ('{Printable(cell.Text)}'); the first is column {RegisterTable.ColumnLetters(first)}");
                    _ok = false;
                    continue;
                }
                _columns[column] = cell.Column;
            }
            string found = string.Join(", ", header.Select(c => $"'{Printable(c.Text)}'"));
            if (!_columns.ContainsKey("id"))
            {
                reader.RowError(table, headerRow, "id", $"no id column (a header such as 'ID' or 'Risk ID'); the headers in row {headerRow} are {found}");
                _ok = false;
            }
            if (!_columns.ContainsKey("probability") && !_columns.ContainsKey("likelihood"))
            {
                reader.RowError(table, headerRow, "probability",
                    $"no probability column (a header 'Probability', or 'Likelihood' for a score from 1 to 5); the headers in row {headerRow} are {found}");
                _ok = false;
            }
            if (!_ok)
            {
                return ([], false);
            }
            var risks = new List<Risk>();
            foreach (var cells in table.Rows.Skip(1))
            {
                _row = cells.Where(c => _columns.ContainsValue(c.Column)).ToDictionary(c => c.Column);
                _rowNumber = cells[0].Row;
                if (_row.Count == 0)
                {
                    continue; // a row of notes in columns the register does not read
                }
                if (ReadRow() is { } risk)
                {
                    risks.Add(risk);
                }
                else
                {
                    _ok = false;
                }
            }
            return (risks, _ok);
        }

        private Risk? ReadRow()
        {
            int errors = reader._errors.Count;
            string? id = ReadId();
            string title = TextOf("title") ?? "";
            double? probability = Probability("probability", "likelihood", required: true);
            var (first, last) = Years();
            var cost = Triple("cost", money: true) ?? (Blank("cost") ? new ConstantDistribution(0) : null);
            var delays = Delays();
            Mitigation? mitigation = ReadRowMitigation(probability, delays is { Count: > 0 });
            if (reader._errors.Count > errors || id is null || probability is null || first is null || last is null || cost is null || delays is null)
            {
                return null;
            }
            if (TextOf("source") is { } source)
            {
                if (source.Length > MaxSourceLength)
                {
                    Error("source", $"a source is text of 1 to {MaxSourceLength} characters");
                    return null;
                }
                reader._sources[id] = source;
            }
            if (TextOf("owner") is { } owner)
            {
                reader._owners[id] = owner;
            }
            return new Risk
            {
                Id = id,
                Name = title,
                Probability = probability.Value,
                FirstYear = first.Value,
                LastYear = last.Value,
                Cost = cost,
                Delays = delays,
                Mitigation = mitigation,
            };
        }

        private string? ReadId()
        {
            if (Cell("id") is not { } cell)
            {
                reader.CellError(table, _rowNumber, _columns["id"], "id", "the id is blank; give each risk an id such as R01");
                return null;
            }
            string id = RegisterId(cell.Text);
            if (!IdPattern().IsMatch(id))
            {
                reader.CellError(table, cell.Row, cell.Column, "id", $"'{Printable(cell.Text)}' cannot be made into an id: use letters and digits, e.g. R01");
                return null;
            }
            string where = table.CellName(cell.Row, cell.Column);
            if (ids.TryGetValue(id, out string? previous))
            {
                reader.CellError(table, cell.Row, cell.Column, "id", $"duplicate id '{id}' (already used by {previous})");
                return null;
            }
            ids[id] = $"{table.File} {where}";
            return id;
        }

        private RegisterCell? Cell(string column) =>
            _columns.TryGetValue(column, out int c) && _row.TryGetValue(c, out var cell) ? cell : null;

        private bool Blank(string column) => Cell(column + "_min") is null && Cell(column + "_likely") is null && Cell(column + "_max") is null;

        private string? TextOf(string column) => Cell(column)?.Text.Trim() is { Length: > 0 } text ? text : null;

        private void Error(string column, string message)
        {
            int c = _columns.TryGetValue(column, out int col) ? col : 1;
            reader.CellError(table, _rowNumber, c, column, message);
        }

        private void Error(RegisterCell cell, string column, string message) => reader.CellError(table, cell.Row, cell.Column, column, message);

        // A probability from its own column (0.15, 15%) or else from a likelihood score through the bands; null with a problem, or when absent and not required.
        private double? Probability(string column, string scoreColumn, bool required)
        {
            if (Cell(column) is { } cell)
            {
                double? p = cell.Number ?? (cell.Text.EndsWith('%') && MoneyParser.TryParseNumber(cell.Text[..^1], out double pct) ? pct / 100
                    : MoneyParser.TryParseNumber(cell.Text, out double v) ? v : null);
                if (p is not double value)
                {
                    Error(cell, column, $"expected a probability such as 0.15 or 15%, found '{Printable(cell.Text)}'");
                    return null;
                }
                if (value is < 0 or > 1)
                {
                    Error(cell, column, $"{Printable(cell.Text)} is not between 0 and 1 (write 15% or 0.15, not 15)");
                    return null;
                }
                return value;
            }
            if (Cell(scoreColumn) is { } score)
            {
                double? s = score.Number ?? (MoneyParser.TryParseNumber(score.Text, out double v) ? v : null);
                if (s is not double value || value != Math.Floor(value) || value is < 1 or > 5)
                {
                    Error(score, scoreColumn, $"expected a likelihood score, a whole number from 1 to 5, found '{Printable(score.Text)}'");
                    return null;
                }
                return bands[(int)value - 1];
            }
            if (required)
            {
                Error(_columns.ContainsKey(column) ? column : scoreColumn, $"no chance given: fill in the {column} (0.15 or 15%) or the {scoreColumn} score (1 to 5)");
            }
            return null;
        }

        private (int? First, int? Last) Years()
        {
            if (Cell("year") is not { } cell)
            {
                return (1, horizon); // no year: any year of the horizon
            }
            var match = YearPattern().Match(cell.Text);
            if (!match.Success
                || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                || !int.TryParse(match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int last))
            {
                Error(cell, "year", $"expected a year such as 2 or a range such as 2-3, found '{Printable(cell.Text)}'");
                return (null, null);
            }
            if (first < 1 || last > horizon || first > last)
            {
                Error(cell, "year", first > last
                    ? $"the range {Printable(cell.Text)} runs backwards"
                    : $"{Printable(cell.Text)} is outside the horizon: years run from 1 to {horizon}");
                return (null, null);
            }
            return (first, last);
        }

        private double? Amount(RegisterCell cell, string column, bool money)
        {
            double? value = cell.Number ?? (money ? (MoneyParser.TryParseMoney(cell.Text, out double m) ? m : null)
                : MoneyParser.TryParseNumber(cell.Text, out double n) ? n : null);
            if (value is not double v)
            {
                Error(cell, column, money
                    ? $"expected an amount of money such as {MoneyParser.AcceptedForms}, found '{Printable(cell.Text)}'"
                    : $"expected a number of months, found '{Printable(cell.Text)}'");
                return null;
            }
            if (Math.Abs(v) > ScenarioRules.MaxMagnitude)
            {
                Error(cell, column, $"{Printable(cell.Text)} is too large: numbers are at most 1e15 in size");
                return null;
            }
            if (!money && v < 0)
            {
                Error(cell, column, $"a delay cannot be negative, found {Printable(cell.Text)}");
                return null;
            }
            return v;
        }

        // min/likely/max as a PERT (λ = 4); the likely figure alone is a fixed figure; all blank is null with no problem.
        private Distribution? Triple(string column, bool money)
        {
            RegisterCell? lo = Cell(column + "_min"), mode = Cell(column + "_likely"), hi = Cell(column + "_max");
            if (lo is null && mode is null && hi is null)
            {
                return null;
            }
            double? a = lo is null ? null : Amount(lo, column + "_min", money);
            double? b = mode is null ? null : Amount(mode, column + "_likely", money);
            double? c = hi is null ? null : Amount(hi, column + "_max", money);
            if ((lo is not null && a is null) || (mode is not null && b is null) || (hi is not null && c is null))
            {
                return null;
            }
            if (mode is null)
            {
                Error(column + "_likely", $"give the most likely {Words(column)} too, or only it for a fixed figure");
                return null;
            }
            if (lo is null && hi is null)
            {
                return new ConstantDistribution(b!.Value);
            }
            if (lo is null || hi is null)
            {
                Error(lo is null ? column + "_min" : column + "_max", $"give both the smallest and the largest {Words(column)}, or neither for a fixed figure");
                return null;
            }
            var problems = new List<ScenarioProblem>();
            var pert = PertDistribution.Create(a!.Value, b!.Value, c!.Value, 4, problems);
            foreach (var problem in problems)
            {
                Error(mode, column, $"{problem.Message}, found [{Printable(lo.Text)}, {Printable(mode.Text)}, {Printable(hi.Text)}]");
            }
            return pert;
        }

        private static string Words(string column) => column.Replace('_', ' ');

        private List<RiskDelay>? Delays()
        {
            var months = Triple("delay", money: false);
            bool delayGiven = !Blank("delay");
            if (Cell("workstream") is not { } cell)
            {
                if (delayGiven)
                {
                    Error("workstream", "a delay is given but no workstream: name the workstream it delays (its id, e.g. ict)");
                    return null;
                }
                return [];
            }
            if (!delayGiven)
            {
                Error("delay_likely", $"workstream {Printable(cell.Text)} is named but no delay is given: fill in the delay in months");
                return null;
            }
            if (months is null)
            {
                return null;
            }
            var delays = new List<RiskDelay>();
            foreach (string part in cell.Text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!workstreamIds.Contains(part))
                {
                    string near = Nearest(part, workstreamIds);
                    Error(cell, "workstream", $"no workstream with id '{Printable(part)}'{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}");
                    return null;
                }
                if (delays.Any(d => d.WorkstreamId == part))
                {
                    Error(cell, "workstream", $"workstream '{part}' is named twice");
                    return null;
                }
                delays.Add(new RiskDelay(part, months));
            }
            return delays;
        }

        private Mitigation? ReadRowMitigation(double? riskProbability, bool riskDelays)
        {
            string[] columns = ["mitigation", "mitigation_cost", "probability_after", "likelihood_after", "cost_after_min", "cost_after_likely",
                "cost_after_max", "delay_after_min", "delay_after_likely", "delay_after_max"];
            if (columns.All(c => Cell(c) is null))
            {
                return null;
            }
            string? action = TextOf("mitigation");
            if (action is null)
            {
                Error("mitigation", "figures after mitigation are given but no mitigation action: say what will be done");
            }
            double? cost = Cell("mitigation_cost") is { } mc ? Amount(mc, "mitigation_cost", money: true) : 0;
            if (cost < 0)
            {
                Error(Cell("mitigation_cost")!, "mitigation_cost", $"{MitigationProblems.CostNegative} found {Printable(Cell("mitigation_cost")!.Text)}");
                cost = null;
            }
            int before = reader._errors.Count;
            double? after = Probability("probability_after", "likelihood_after", required: false);
            if (after is null && reader._errors.Count == before)
            {
                Error(_columns.ContainsKey("probability_after") || !_columns.ContainsKey("likelihood_after") ? "probability_after" : "likelihood_after",
                    "a mitigation needs the chance once mitigated: fill in the probability after (or the likelihood after, 1 to 5)");
            }
            if (after is double pa && riskProbability is double pb && MitigationProblems.Raises(pb, pa) is { } raised)
            {
                Error(Cell("probability_after") ?? Cell("likelihood_after")!, Cell("probability_after") is null ? "likelihood_after" : "probability_after", raised);
                after = null;
            }
            var costAfter = Triple("cost_after", money: true);
            var delayAfter = Triple("delay_after", money: false);
            if (delayAfter is not null && !riskDelays)
            {
                Error("delay_after_likely", MitigationProblems.NoDelays);
                return null;
            }
            bool triplesOk = (costAfter is not null || Blank("cost_after")) && (delayAfter is not null || Blank("delay_after"));
            return action is not null && cost is double c && after is double p && triplesOk
                ? new Mitigation(action, c, p, costAfter, delayAfter)
                : null;
        }
    }
}
