using RiskSim.Core.Engine;

namespace RiskSim.Core.Text;

/// <summary>The plain sentences that say what a mitigation is worth, for the report and the terminal.</summary>
public static class MitigationSentences
{
    /// <summary>
    /// One sentence, e.g. "Mitigating TUPE dispute (cost £40k) lowers the 90% reserve by £210k and raises mean NPV by
    /// £95k: worth £55k net." The reserve clause is left out without a target.
    /// </summary>
    public static string Of(MitigationValue value, string currency = "GBP")
    {
        string Money(double v) => Formats.Money(Math.Abs(v), currency);
        string subject = value.RiskId == MitigationSummary.AllId ? "Taking every mitigation" : $"Mitigating {value.Name}";
        var clauses = new List<string>();
        if (value.Reserve90Change is double reserve)
        {
            clauses.Add(Math.Abs(reserve) < 0.5 ? "leaves the 90% reserve unchanged"
                : reserve < 0 ? $"lowers the 90% reserve by {Money(reserve)}" : $"raises the 90% reserve by {Money(reserve)}");
        }
        double npv = value.MeanNpvChange;
        clauses.Add(Math.Abs(npv) < 0.5 ? "leaves mean NPV unchanged"
            : npv > 0 ? $"raises mean NPV by {Money(npv)}" : $"lowers mean NPV by {Money(npv)}");
        string net = value.NetValue >= 0.5 ? $"worth {Money(value.NetValue)} net"
            : value.NetValue <= -0.5 ? $"a net loss of {Money(value.NetValue)}" : "it pays for itself and no more";
        return $"{subject} (cost {Formats.Money(value.Cost, currency)}) {string.Join(" and ", clauses)}: {net}.";
    }
}
