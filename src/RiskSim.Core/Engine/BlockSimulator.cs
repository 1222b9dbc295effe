using System.Runtime.CompilerServices;
using RiskSim.Core.Sampling;

namespace RiskSim.Core.Engine;

/// <summary>Draws the inputs of a block and evaluates every trial in it (SPEC section 4).</summary>
internal static class BlockSimulator
{
    /// <summary>Fills every input column of the block from its own stream (seed, input name, block).</summary>
    /// <param name="w">The block.</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="full">
    /// True to evaluate every input for every trial (trials kept for output or sensitivity); false to
    /// skip the quantiles of conditional inputs where the trial never reads them (left as NaN). The
    /// uniforms are drawn either way, so every value a trial reads is identical in both modes.
    /// </param>
    public static void SampleInputs(BlockWorkspace w, ulong seed, bool full = true)
    {
        var model = w.Model;
        int n = w.Count;
        var u = w.Uniforms.AsSpan(0, n);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < model.Inputs.Length; i++)
            {
                var dist = model.Inputs[i].Distribution;
                bool conditional = !full && model.ConditionOf[i] >= 0;
                if (conditional != (pass == 1))
                {
                    continue;
                }
                if (dist.IsConstant)
                {
                    w.Input(i).Fill(dist.SupportMin);
                    continue;
                }
                if (model.InCopula[i])
                {
                    continue;
                }
                var stream = new RandomStream(seed, model.Keys[i], (ulong)w.BlockIndex);
                stream.Fill(u);
                if (conditional)
                {
                    SampleWhereNeeded(w, model.ConditionOf[i], dist, u, w.Input(i));
                }
                else
                {
                    dist.Quantiles(u, w.Input(i));
                }
            }
            if (pass == 0)
            {
                foreach (var group in model.Copulas)
                {
                    SampleCopula(w, seed, group, u);
                }
                if (!full)
                {
                    FindNeeded(w);
                }
            }
        }
    }

    // Which trials read the conditional inputs: those where the risk occurs or the partner leaves in time.
    private static void FindNeeded(BlockWorkspace w)
    {
        var model = w.Model;
        int n = w.Count, size = w.Size;
        double[] v = w.Values;
        for (int r = 0; r < model.Risks.Length; r++)
        {
            int[] needed = w.Needed[r];
            int count = 0, occurs = model.Risks[r].Occurs * size;
            for (int i = 0; i < n; i++)
            {
                needed[count] = i;
                count += v[occurs + i] >= 0.5 ? 1 : 0;
            }
            w.NeededCount[r] = count;
        }
        double horizon = model.H;
        for (int p = 0; p < model.Partners.Length; p++)
        {
            var plan = model.Partners[p];
            int c = model.Risks.Length + p;
            if (plan.Notice < 0)
            {
                w.NeededCount[c] = 0;
                continue;
            }
            int[] needed = w.Needed[c];
            int count = 0, notice = plan.Notice * size;
            for (int i = 0; i < n; i++)
            {
                needed[count] = i;
                count += v[notice + i] + plan.NoticeYears < horizon ? 1 : 0;
            }
            w.NeededCount[c] = count;
        }
    }

    private static void SampleWhereNeeded(BlockWorkspace w, int condition, Model.Distribution dist,
        ReadOnlySpan<double> u, Span<double> values)
    {
        int count = w.NeededCount[condition];
        int[] needed = w.Needed[condition];
        var gathered = w.Gathered.AsSpan(0, count);
        var results = w.GatheredValues.AsSpan(0, count);
        for (int k = 0; k < count; k++)
        {
            gathered[k] = u[needed[k]];
        }
        dist.Quantiles(gathered, results);
        values.Fill(double.NaN);
        for (int k = 0; k < count; k++)
        {
            values[needed[k]] = results[k];
        }
    }

    private static void SampleCopula(BlockWorkspace w, ulong seed, GaussianCopula group, Span<double> u)
    {
        var model = w.Model;
        int n = w.Count, k = group.Members.Count, size = w.Size;
        double[] eps = w.Normals;
        for (int j = 0; j < k; j++)
        {
            var stream = new RandomStream(seed, model.Keys[group.Members[j]], (ulong)w.BlockIndex);
            var column = eps.AsSpan(j * size, n);
            for (int t = 0; t < n; t++)
            {
                column[t] = NormalMath.InvCdf(stream.NextOpenUnit());
            }
        }
        double[] f = group.Factor;
        for (int a = 0; a < k; a++)
        {
            int input = group.Members[a];
            var dist = model.Inputs[input].Distribution;
            if (dist.IsConstant)
            {
                continue;
            }
            for (int t = 0; t < n; t++)
            {
                double z = 0;
                for (int b = 0; b < k; b++)
                {
                    z += f[a * k + b] * eps[b * size + t];
                }
                // Keep the uniform strictly inside (0, 1) so inverse CDFs stay finite.
                u[t] = Math.Clamp(NormalMath.Cdf(z), 1e-300, 1 - 1e-16);
            }
            dist.Quantiles(u, w.Input(input));
        }
    }

    /// <summary>
    /// ∫_0^x ramp(u) du with ramp(u) = u/R on [0, R) and 1 after, without branches:
    /// c²/(2R) + max(x − R, 0) with c = clamp(x, 0, R); for R = 0 it is max(x, 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double RampIntegral(double x, double ramp, double halfInverseRamp)
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
        int targetMet = 0;

        for (int i = 0; i < n; i++)
        {
            Array.Clear(gross);
            Array.Clear(cost);

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
                if (e < horizon)
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

            // Risks: cost in their year when they occur.
            for (int r = 0; r < risks.Length; r++)
            {
                var plan = risks[r];
                bool occurs = v[plan.Occurs * size + i] >= 0.5;
                occurred[r] = occurs;
                if (occurs)
                {
                    cost[(int)v[plan.Year * size + i] - 1] += v[plan.Cost * size + i];
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
                    cost[(int)g] += delay * v[plan.DelayCost * size + i];
                }
                if (plan.Headcount >= 0)
                {
                    // Redundancy falls at go-live unless the posts go on a date of their own.
                    double at = double.IsNaN(plan.RedundancyAtYears) ? g : plan.RedundancyAtYears;
                    if (at < horizon)
                    {
                        double heads = Math.Max(0, Math.Floor(v[plan.Headcount * size + i] + 0.5));
                        cost[(int)at] += heads * v[plan.CostPerHead * size + i];
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
                metrics[t * size + i] = gross[t];
                metrics[(h + t) * size + i] = cost[t];
                metrics[(2 * h + t) * size + i] = net;
                metrics[(3 * h + t) * size + i] = cum[t + 1];
            }
            metrics[4 * h * size + i] = npv;
            metrics[(4 * h + 1) * size + i] = cum[h];

            int payback = 0;
            if (cum[h] >= 0)
            {
                payback = h;
                while (payback > 1 && cum[payback - 1] >= 0)
                {
                    payback--;
                }
            }
            w.Payback[i] = payback;
            if (targetMetric >= 0 && metrics[targetMetric * size + i] >= target)
            {
                targetMet++;
            }
        }
        w.TargetMet = targetMet;
    }
}
