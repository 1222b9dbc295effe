using System.Runtime.CompilerServices;

namespace RiskSim.Core.Engine;

/// <summary>
/// The trial-by-trial evaluation the vector kernels replaced, kept as the reference they are checked against: each
/// trial's exits sorted, the savings integral walked exit by exit and year by year, each flow booked on the partners'
/// ledgers by <see cref="PartnerLedger"/>. Same model, same rules; the kernels agree with it to rounding.
/// </summary>
internal static class ReferenceTrialEvaluator
{
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

        // The partners' ledgers for one trial at a time, reused for every trial of the block; each call has its own,
        // so blocks can be evaluated on several threads at once.
        var ledger = model.HasLedgers ? new PartnerLedger(model.Partners.Length, h) : null;
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
                            double atExit = TrialEvaluator.RampIntegral(exitTimes[k] - g, ramp, halfInverseRamp);
                            accumulated += multiplier * (atExit - previousRamp);
                            previousRamp = atExit;
                            multiplier *= 1 - exitLoss[k];
                        }
                    }
                    double atYearEnd = TrialEvaluator.RampIntegral(t - g, ramp, halfInverseRamp);
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
            metrics[layout.PeakFunding * size + i] = TrialEvaluator.PeakFunding(cum, h);

            w.Payback[i] = TrialEvaluator.PaybackYear(cum, h);
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

}
