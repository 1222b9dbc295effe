using System.Runtime.CompilerServices;

namespace RiskSim.Core.Engine;

/// <summary>
/// Evaluates every trial of a block from its sampled inputs (the model of one trial, docs/scenario-format.md): go-live, the exact savings
/// integral through the ramp and partners' exits, costs, net, cumulative, NPV and payback. This is where one
/// trial is computed.
/// </summary>
internal static class TrialEvaluator
{
    /// <summary>
    /// ∫_0^x ramp(u) du with ramp(u) = u/R on [0, R) and 1 after, without branches:
    /// c²/(2R) + max(x − R, 0) with c = clamp(x, 0, R); for R = 0 it is max(x, 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RampIntegral(double x, double ramp, double halfInverseRamp)
    {
        double c = Math.Min(Math.Max(x, 0), ramp);
        return c * c * halfInverseRamp + Math.Max(x - ramp, 0);
    }

    /// <summary>Evaluates each trial of the block into the metric columns.</summary>
    public static void Simulate(BlockWorkspace w, double target, int targetMetric)
    {
        var model = w.Model;
        int n = w.Count, size = w.Size, h = model.H;
        double horizon = h;
        double[] v = w.Values, metrics = w.Metrics, gross = w.YearGross, cost = w.YearCost, cum = w.Cumulative;
        double[] exitTimes = w.ExitTimes, exitLoss = w.ExitLoss;
        int[] exitPartner = w.ExitPartner;
        bool[] occurred = w.Occurred;
        var partners = model.Partners;
        var risks = model.Risks;
        var workstreams = model.Workstreams;
        double[] discount = model.Discount;
        var layout = model.Layout.Programme;
        int targetMet = 0;

        var ledger = w.Ledger;
        for (int i = 0; i < n; i++)
        {
            Array.Clear(gross);
            Array.Clear(cost);
            ledger?.Begin();

            // Partners: exits within the horizon, sorted by time; exit costs at the exit.
            int exits = 0;
            for (int p = 0; p < partners.Length; p++)
            {
                var plan = partners[p];
                if (plan.Notice < 0)
                {
                    w.ExitMonth[p * size + i] = double.NaN;
                    continue;
                }
                double e = v[plan.Notice * size + i] + plan.NoticeYears;
                if (TrialRules.LeavesWithinHorizon(e, horizon))
                {
                    w.ExitMonth[p * size + i] = e * 12;
                    cost[(int)e] += v[plan.ExitCost * size + i];
                    double loss = v[plan.SavingsLost * size + i];
                    int at = exits++;
                    while (at > 0 && exitTimes[at - 1] > e)
                    {
                        exitTimes[at] = exitTimes[at - 1];
                        exitLoss[at] = exitLoss[at - 1];
                        exitPartner[at] = exitPartner[at - 1];
                        at--;
                    }
                    exitTimes[at] = e;
                    exitLoss[at] = loss;
                    exitPartner[at] = p;
                }
                else
                {
                    w.ExitMonth[p * size + i] = double.NaN;
                }
            }

            if (ledger is not null)
            {
                BookExitCosts(ledger, model, v, size, i, exitTimes, exitPartner, exits);
            }

            // Risks: cost in their year when they occur.
            for (int r = 0; r < risks.Length; r++)
            {
                var plan = risks[r];
                bool occurs = TrialRules.RiskOccurred(v[plan.Occurs * size + i]);
                occurred[r] = occurs;
                if (occurs)
                {
                    int year = (int)v[plan.Year * size + i] - 1;
                    double riskCost = v[plan.Cost * size + i];
                    cost[year] += riskCost;
                    // On the partners' ledgers a risk's cost falls at the start of its year.
                    ledger?.Divide(riskCost, year, plan.CostWeights, ledger.Costs, year);
                }
            }

            for (int wi = 0; wi < workstreams.Length; wi++)
            {
                var plan = workstreams[wi];
                double delay = v[plan.Delay * size + i];
                foreach (var (risk, input) in plan.RiskDelays)
                {
                    if (occurred[risk])
                    {
                        delay += v[input * size + i];
                    }
                }
                double goLiveMonths = plan.GoLiveMonths + delay;
                double g = goLiveMonths * (1.0 / 12);
                w.GoLive[wi * size + i] = goLiveMonths;
                double saving = v[plan.Saving * size + i];
                double ramp = plan.RampYears;
                double halfInverseRamp = plan.HalfInverseRamp;

                // Gross saving per year: the exact integral of saving·ramp·Π(1 − loss) between the
                // year ends and the dependent partners' exits, walked in time order.
                double accumulated = 0, previousRamp = 0, multiplier = 1, previousYear = 0;
                double rampedFrom = g + ramp;
                double lastExit = double.NegativeInfinity;
                for (int e = 0; e < exits; e++)
                {
                    if ((plan.DependsOn & (1UL << exitPartner[e])) != 0)
                    {
                        lastExit = exitTimes[e];
                    }
                }
                // Years that end before go-live save nothing; exits in them only lower the multiplier.
                int first = Math.Min(h + 1, (int)g + 1);
                int k = 0;
                for (; k < exits && exitTimes[k] < first - 1; k++)
                {
                    if ((plan.DependsOn & (1UL << exitPartner[k])) != 0)
                    {
                        multiplier *= 1 - exitLoss[k];
                    }
                }
                for (int t = first; t <= h; t++)
                {
                    if (t - 1 >= rampedFrom && t - 1 > lastExit)
                    {
                        // Fully ramped and no exit left: every remaining year gets the same saving.
                        double steady = saving * multiplier;
                        for (; t <= h; t++)
                        {
                            gross[t - 1] += steady;
                        }
                        break;
                    }
                    for (; k < exits && exitTimes[k] < t; k++)
                    {
                        if ((plan.DependsOn & (1UL << exitPartner[k])) != 0)
                        {
                            double atExit = RampIntegral(exitTimes[k] - g, ramp, halfInverseRamp);
                            accumulated += multiplier * (atExit - previousRamp);
                            previousRamp = atExit;
                            multiplier *= 1 - exitLoss[k];
                        }
                    }
                    double atYearEnd = RampIntegral(t - g, ramp, halfInverseRamp);
                    accumulated += multiplier * (atYearEnd - previousRamp);
                    previousRamp = atYearEnd;
                    gross[t - 1] += saving * (accumulated - previousYear);
                    previousYear = accumulated;
                }

                // Implementation cost spread evenly over [0, g); the part after the horizon is dropped.
                double implementation = v[plan.Implementation * size + i];
                if (ledger is not null)
                {
                    ledger.AddSavings(g, saving, ramp, halfInverseRamp, plan.DependsOn, exitTimes, exitLoss, exitPartner, exits, plan.SavingsWeights);
                    ledger.AddSpread(implementation, g, plan.CostsWeights, exitTimes, exits);
                }
                if (g <= 0)
                {
                    cost[0] += implementation;
                }
                else
                {
                    double perYear = implementation / g;
                    for (int t = 0; t < h && t < g; t++)
                    {
                        cost[t] += perYear * (Math.Min(t + 1, g) - t);
                    }
                }

                if (g < horizon)
                {
                    double delayCost = delay * v[plan.DelayCost * size + i];
                    cost[(int)g] += delayCost;
                    ledger?.Divide(delayCost, g, plan.CostsWeights, ledger.Costs, (int)g);
                }
                if (plan.Headcount >= 0)
                {
                    // Redundancy falls at go-live unless the posts go on a date of their own.
                    double at = double.IsNaN(plan.RedundancyAtYears) ? g : plan.RedundancyAtYears;
                    if (at < horizon)
                    {
                        double heads = Math.Max(0, Math.Floor(v[plan.Headcount * size + i] + 0.5));
                        double redundancy = heads * v[plan.CostPerHead * size + i];
                        cost[(int)at] += redundancy;
                        ledger?.Divide(redundancy, at, plan.RedundancyWeights, ledger.Costs, (int)at);
                    }
                }
            }

            double npv = 0;
            cum[0] = 0;
            for (int t = 0; t < h; t++)
            {
                double net = gross[t] - cost[t];
                cum[t + 1] = cum[t] + net;
                npv += net * discount[t];
                metrics[layout.Gross(t + 1) * size + i] = gross[t];
                metrics[layout.Costs(t + 1) * size + i] = cost[t];
                metrics[layout.Net(t + 1) * size + i] = net;
                metrics[layout.Cumulative(t + 1) * size + i] = cum[t + 1];
            }
            metrics[layout.Npv * size + i] = npv;
            metrics[layout.Total * size + i] = cum[h];
            metrics[layout.PeakFunding * size + i] = PeakFunding(cum, h);

            w.Payback[i] = PaybackYear(cum, h);
            ledger?.Finish(w, i, model.Layout.Partners, discount);
            if (targetMetric >= 0 && metrics[targetMetric * size + i] >= target)
            {
                targetMet++;
            }
        }
        w.TargetMet = targetMet;
    }

    // Each exit cost on the partners' ledgers: paid by the leaver, or divided by share among the partners still in
    // at the exit (all partners by share when none is). Every exit time is known first, so "still in" is exact.
    private static void BookExitCosts(PartnerLedger ledger, CompiledScenario model, double[] v, int size, int i,
        double[] exitTimes, int[] exitPartner, int exits)
    {
        for (int k = 0; k < exits; k++)
        {
            ledger.ExitYears[exitPartner[k]] = exitTimes[k];
        }
        for (int k = 0; k < exits; k++)
        {
            int p = exitPartner[k];
            var plan = model.Partners[p];
            double e = exitTimes[k];
            double amount = v[plan.ExitCost * size + i];
            if (plan.ExitCostPaidByRemaining)
            {
                ledger.Divide(amount, e, model.Shares, ledger.Costs, (int)e);
            }
            else
            {
                ledger.Costs[p * model.H + (int)e] += amount;
            }
        }
    }

    /// <summary>
    /// The peak funding requirement: max(0, −min over the year ends 1..h of cumulative net savings). Costs and savings
    /// are booked by year, so the deficit is measured at year ends; a deficit that opens and closes within one year
    /// is not seen.
    /// </summary>
    /// <param name="cumulative">Cumulative net savings at the end of each year, index t for year t (index 0 unused).</param>
    /// <param name="h">Horizon in years.</param>
    internal static double PeakFunding(double[] cumulative, int h)
    {
        double low = 0;
        for (int t = 1; t <= h; t++)
        {
            low = Math.Min(low, cumulative[t]);
        }
        return 0.0 - low; // +0 rather than −0 when there is no deficit
    }

    /// <summary>
    /// The first year from which cumulative net savings stay at or above 0 to the horizon; 0 when they end below 0.
    /// </summary>
    /// <param name="cumulative">Cumulative net savings at the end of each year, index t for year t (index 0 unused).</param>
    /// <param name="h">Horizon in years.</param>
    internal static int PaybackYear(double[] cumulative, int h)
    {
        if (!(cumulative[h] >= 0))
        {
            return 0;
        }
        int payback = h;
        while (payback > 1 && cumulative[payback - 1] >= 0)
        {
            payback--;
        }
        return payback;
    }
}
