using System.Runtime.CompilerServices;

namespace RiskSim.Core.Engine;

/// <summary>
/// One trial's ledger for each partner (each partner's own ledger): every flow of the trial, divided between the partners
/// still in when it falls by its allocation key, so that for every year the partners' gross, costs and net add up
/// to the programme's. One instance per block the reference evaluation evaluates, reused for every trial of the block.
/// </summary>
/// <remarks>
/// A partner is in at time τ while τ &lt; its exit (∞ when it does not leave within the horizon). A flow at τ with
/// weights w gives partner p the part w_p·in_p / Σ w_r·in_r, or w_p / Σ w_r when no partner with weight is in.
/// Savings and implementation costs are integrated exactly between the breakpoints where the allocation or the
/// savings multiplier changes (exits) and the year ends.
/// </remarks>
internal sealed class PartnerLedger
{
    private readonly int _partners;
    private readonly int _h;
    private readonly double[] _shares;

    public PartnerLedger(int partners, int horizon)
    {
        _partners = partners;
        _h = horizon;
        Gross = new double[partners * horizon];
        Costs = new double[partners * horizon];
        ExitYears = new double[partners];
        Cumulative = new double[horizon + 1];
        _shares = new double[partners];
    }

    /// <summary>Gross savings of partner p in year t (0-based) at [p·H + t].</summary>
    public double[] Gross { get; }

    /// <summary>Costs of partner p in year t (0-based) at [p·H + t].</summary>
    public double[] Costs { get; }

    /// <summary>Each partner's exit in years; +∞ when it does not leave within the horizon.</summary>
    public double[] ExitYears { get; }

    /// <summary>Scratch for one partner's cumulative net savings.</summary>
    public double[] Cumulative { get; }

    /// <summary>Starts a trial: nothing booked, nobody has left.</summary>
    public void Begin()
    {
        Array.Clear(Gross);
        Array.Clear(Costs);
        Array.Fill(ExitYears, double.PositiveInfinity);
    }

    /// <summary>Books <paramref name="amount"/> falling at time <paramref name="tau"/> (in year index <paramref name="year"/>) by the key's weights.</summary>
    public void Divide(double amount, double tau, double[] weights, double[] into, int year)
    {
        SharesAt(tau, weights, _shares);
        Book(amount, _shares, into, year);
    }

    /// <summary>
    /// Each partner's part of a flow at time <paramref name="tau"/>: w_p·in_p / Σ w_r·in_r, or w_p / Σ w_r when no
    /// partner with a weight is still in.
    /// </summary>
    private void SharesAt(double tau, double[] weights, double[] shares)
    {
        double inside = 0, all = 0;
        for (int p = 0; p < _partners; p++)
        {
            all += weights[p];
            inside += tau < ExitYears[p] ? weights[p] : 0;
        }
        bool fallback = !(inside > 0);
        double scale = 1 / (fallback ? all : inside);
        for (int p = 0; p < _partners; p++)
        {
            shares[p] = fallback || tau < ExitYears[p] ? weights[p] * scale : 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Book(double amount, double[] shares, double[] into, int year)
    {
        for (int p = 0; p < _partners; p++)
        {
            into[p * _h + year] += amount * shares[p];
        }
    }

    /// <summary>
    /// Books a workstream's savings: the exact integral of saving·ramp·Π(1 − loss) over each stretch between
    /// go-live, the exits and the year ends, each stretch divided by the partners in during it. Stretches of one
    /// year with the same partners in are summed before they are divided, and the parts are worked out again
    /// only after an exit.
    /// </summary>
    /// <param name="goLive">Actual go-live, years.</param>
    /// <param name="saving">Steady-state saving per year.</param>
    /// <param name="ramp">Ramp length, years.</param>
    /// <param name="halfInverseRamp">1/(2·ramp), 0 without a ramp.</param>
    /// <param name="dependsOn">Bit mask of the partners whose exit cuts this workstream's savings.</param>
    /// <param name="exitTimes">Exits within the horizon, sorted.</param>
    /// <param name="exitLoss">Savings lost at each exit.</param>
    /// <param name="exitPartner">Partner of each exit.</param>
    /// <param name="exits">Exits within the horizon.</param>
    /// <param name="weights">The savings key's weights.</param>
    public void AddSavings(double goLive, double saving, double ramp, double halfInverseRamp, ulong dependsOn,
        double[] exitTimes, double[] exitLoss, int[] exitPartner, int exits, double[] weights)
    {
        double horizon = _h;
        double multiplier = 1;
        int k = 0;
        double a = Math.Max(goLive, 0);
        for (; k < exits && exitTimes[k] <= a; k++)
        {
            multiplier *= (dependsOn & (1UL << exitPartner[k])) != 0 ? 1 - exitLoss[k] : 1;
        }
        if (!(a < horizon))
        {
            return;
        }
        SharesAt(a, weights, _shares);
        double rampedA = TrialEvaluator.RampIntegral(a - goLive, ramp, halfInverseRamp);
        double pending = 0;
        int year = (int)a;
        while (a < horizon)
        {
            double b = Math.Min(Math.Floor(a) + 1, horizon);
            bool exitFirst = k < exits && exitTimes[k] < b;
            if (exitFirst)
            {
                b = exitTimes[k];
            }
            double rampedB = TrialEvaluator.RampIntegral(b - goLive, ramp, halfInverseRamp);
            pending += saving * multiplier * (rampedB - rampedA);
            a = b;
            rampedA = rampedB;
            bool crossed = false;
            for (; k < exits && exitTimes[k] <= a; k++)
            {
                multiplier *= (dependsOn & (1UL << exitPartner[k])) != 0 ? 1 - exitLoss[k] : 1;
                crossed = true;
            }
            if (crossed || !exitFirst)
            {
                // The year ends or the partners in change: divide what has built up.
                Book(pending, _shares, Gross, year);
                pending = 0;
                year = (int)a;
                if (crossed && a < horizon)
                {
                    SharesAt(a, weights, _shares);
                }
            }
        }
    }

    /// <summary>
    /// Books a cost spread evenly over [0, <paramref name="until"/>) (the part beyond the horizon dropped), each
    /// stretch between exits and year ends divided by the partners in during it; all at time 0 when <paramref name="until"/> is 0.
    /// </summary>
    public void AddSpread(double total, double until, double[] weights, double[] exitTimes, int exits)
    {
        if (until <= 0)
        {
            Divide(total, 0, weights, Costs, 0);
            return;
        }
        double rate = total / until;
        double end = Math.Min(until, _h);
        double a = 0;
        int k = 0;
        SharesAt(0, weights, _shares);
        while (a < end)
        {
            bool crossed = false;
            for (; k < exits && exitTimes[k] <= a; k++)
            {
                crossed = true;
            }
            if (crossed)
            {
                SharesAt(a, weights, _shares);
            }
            double b = Math.Min(Math.Floor(a) + 1, end);
            if (k < exits && exitTimes[k] < b)
            {
                b = exitTimes[k];
            }
            Book(rate * (b - a), _shares, Costs, (int)a);
            a = b;
        }
    }

    /// <summary>Writes each partner's per-year metrics, NPV, total and payback year for trial <paramref name="trial"/>.</summary>
    public void Finish(BlockWorkspace w, int trial, IReadOnlyList<MetricBlock> ledgers, double[] discount)
    {
        double[] metrics = w.Metrics;
        int size = w.Size;
        double[] cum = Cumulative;
        for (int p = 0; p < _partners; p++)
        {
            var layout = ledgers[p];
            double npv = 0;
            cum[0] = 0;
            for (int t = 0; t < _h; t++)
            {
                double gross = Gross[p * _h + t], cost = Costs[p * _h + t];
                double net = gross - cost;
                cum[t + 1] = cum[t] + net;
                npv += net * discount[t];
                metrics[layout.Gross(t + 1) * size + trial] = gross;
                metrics[layout.Costs(t + 1) * size + trial] = cost;
                metrics[layout.Net(t + 1) * size + trial] = net;
                metrics[layout.Cumulative(t + 1) * size + trial] = cum[t + 1];
            }
            metrics[layout.Npv * size + trial] = npv;
            metrics[layout.Total * size + trial] = cum[_h];
            metrics[layout.PeakFunding * size + trial] = TrialEvaluator.PeakFunding(cum, _h);
            w.PartnerPayback[p * size + trial] = TrialEvaluator.PaybackYear(cum, _h);
        }
    }
}
