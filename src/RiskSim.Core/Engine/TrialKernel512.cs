using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M = System.Runtime.Intrinsics.Vector512<double>;
using Ops = RiskSim.Core.Engine.Lanes512;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace RiskSim.Core.Engine;

// Written once for 512-bit vectors: the 256-bit and the scalar kernels are generated from this file by the sed commands
// in TrialKernelSourceTests (which checks that they match it), so every width does the same operations in the same order.
// Every method that is not inlined is compiled fully optimised at its first call: left to tiered compilation, the first
// blocks of a run would go through unoptimised code in which none of the lane helpers is inlined.

/// <summary>
/// Evaluates the trials of a block several at a time, one trial per lane (the model of one trial,
/// docs/scenario-format.md). Branch-free per lane: the savings are the exact integral of ramp × savings multiplier
/// (× each partner's part), written as F(t)·M(t) plus the jumps F(e)·ΔM at the exits before t, where F is the
/// ramp's integral; flows at a point in time are added to their year through masks.
/// </summary>
internal static class TrialKernel512
{
    public const int Width = Ops.Width;

    /// <summary>Evaluates trials [from, from + Width·⌊(to − from)/Width⌋) of the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(BlockWorkspace w, KernelPlan k, int from, int to)
    {
        ref V s = ref MemoryMarshal.GetReference(Ops.View(w.KernelScratch));
        Span<M> inside = stackalloc M[k.P];
        Span<ulong> active = stackalloc ulong[k.H + 1];
        Span<double> pay = stackalloc double[Width];
        for (int i = from; i + Width <= to; i += Width)
        {
            Chunk(w, k, ref s, inside, active, pay, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Ramp(V x, V ramp, V halfInverseRamp)
    {
        V c = Ops.Min(Ops.Max(x, Ops.Splat(0)), ramp);
        return c * c * halfInverseRamp + Ops.Max(x - ramp, Ops.Splat(0));
    }

    /// <summary>Each partner's share of a flow by the key's weights among the partners <paramref name="inside"/>; all by weight when none is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SharesOf(KernelPlan k, ref V s, int into, ReadOnlySpan<M> inside, int key)
    {
        double[] weights = k.Keys[key];
        V sum = Ops.Splat(0);
        for (int p = 0; p < weights.Length; p++)
        {
            sum += Ops.Keep(inside[p], Ops.Splat(weights[p]));
        }
        M fallback = Ops.Not(Ops.Gt(sum, Ops.Splat(0)));
        V scale = Ops.Splat(1) / Ops.Select(fallback, Ops.Splat(k.KeyAll[key]), sum);
        for (int p = 0; p < weights.Length; p++)
        {
            Unsafe.Add(ref s, into + p) = Ops.Keep(Ops.Or(fallback, inside[p]), Ops.Splat(weights[p]) * scale);
        }
    }

    /// <summary>The partners in at τ: every partner whose exit is after τ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InsideAt(KernelPlan k, ref V s, Span<M> inside, V tau)
    {
        for (int p = 0; p < inside.Length; p++)
        {
            int q = k.LeaverOf[p];
            inside[p] = q < 0 ? Ops.True() : Ops.Lt(tau, Unsafe.Add(ref s, k.Exit + q));
        }
    }

    /// <summary>The partners in just before x: every partner whose exit is not before x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InsideBefore(KernelPlan k, ref V s, Span<M> inside, V x)
    {
        for (int p = 0; p < inside.Length; p++)
        {
            int q = k.LeaverOf[p];
            inside[p] = q < 0 ? Ops.True() : Ops.Le(x, Unsafe.Add(ref s, k.Exit + q));
        }
    }

    /// <summary>Whether leaver r leaves before leaver q (exits at the same time in partner order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static M Precedes(KernelPlan k, ref V s, int r, int q) =>
        r < q ? Ops.Le(Unsafe.Add(ref s, k.Exit + r), Unsafe.Add(ref s, k.Exit + q)) : Ops.Lt(Unsafe.Add(ref s, k.Exit + r), Unsafe.Add(ref s, k.Exit + q));

    /// <summary>
    /// Adds a flow at a point in time to its year (<paramref name="year"/>, 0-based; no year matches lanes without
    /// the flow): to the programme's costs, and to the partners' ledgers by the parts in scratch (partner −1), to one
    /// partner, or not at all (partner −2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Book(KernelPlan k, ref V s, V year, V amount, int partner)
    {
        int h = k.H, np = k.P;
        if (partner == -2)
        {
            // Programme only: every year masked, no branch on the draws (adding +0 leaves a sum's bits alone).
            for (int t = 0; t < h; t++)
            {
                Unsafe.Add(ref s, k.Cost + t) += Ops.Keep(Ops.Eq(year, Ops.Splat(t)), amount);
            }
            return;
        }
        for (int t = 0; t < h; t++)
        {
            M m = Ops.Eq(year, Ops.Splat(t));
            if (!Ops.Any(m))
            {
                continue;
            }
            Unsafe.Add(ref s, k.Cost + t) += Ops.Keep(m, amount);
            if (partner == -1)
            {
                for (int p = 0; p < np; p++)
                {
                    Unsafe.Add(ref s, k.LCost + p * h + t) += Ops.Keep(m, Unsafe.Add(ref s, k.Parts + p));
                }
            }
            else if (partner >= 0)
            {
                Unsafe.Add(ref s, k.LCost + partner * h + t) += Ops.Keep(m, amount);
            }
        }
    }

    /// <summary>Divides a flow at τ by a key among the partners in at τ into the parts in scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Divide(KernelPlan k, ref V s, Span<M> inside, V tau, int key, V amount)
    {
        InsideAt(k, ref s, inside, tau);
        SharesOf(k, ref s, k.Shares, inside, key);
        for (int p = 0; p < k.P; p++)
        {
            Unsafe.Add(ref s, k.Parts + p) = amount * Unsafe.Add(ref s, k.Shares + p);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Chunk(BlockWorkspace w, KernelPlan k, ref V s, Span<M> inside, Span<ulong> active, Span<double> pay, int i)
    {
        var model = w.Model;
        int size = w.Size, h = k.H, np = k.P, nq = k.Leavers.Length;
        double[] v = w.Values, metrics = w.Metrics;
        bool ledgers = k.Ledgers;
        V one = Ops.Splat(1), horizon = Ops.Splat(h), nan = Ops.Splat(double.NaN);
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, k.Gross), h).Clear();
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, k.Cost), h).Clear();
        if (ledgers)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, k.LGross), np * h).Clear();
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, k.LCost), np * h).Clear();
        }

        // Partners: the exit time (+∞ when not within the horizon), the savings lost, the year of the exit.
        ulong left = 0;
        for (int p = 0; p < np; p++)
        {
            var plan = model.Partners[p];
            int q = k.LeaverOf[p];
            if (q < 0)
            {
                Ops.Store(nan, ref w.ExitMonth[p * size + i]);
                continue;
            }
            V e = Ops.Load(ref v[plan.Notice * size + i]) + Ops.Splat(plan.NoticeYears);
            M leaves = Ops.Lt(e, horizon);
            if (Ops.Any(leaves))
            {
                left |= 1UL << q;
            }
            V exit = Ops.Select(leaves, e, Ops.Splat(double.PositiveInfinity));
            Unsafe.Add(ref s, k.Exit + q) = exit;
            Unsafe.Add(ref s, k.Loss + q) = Ops.Keep(leaves, Ops.Load(ref v[plan.SavingsLost * size + i]));
            Unsafe.Add(ref s, k.Bucket + q) = Ops.Floor(exit);
            Ops.Store(Ops.Select(leaves, e * Ops.Splat(12), nan), ref w.ExitMonth[p * size + i]);
        }
        if (ledgers)
        {
            // The leavers with an exit in each year (bit q of active[t]: some lane's exit falls in [t − 1, t)).
            active.Clear();
            for (int q = 0; q < nq; q++)
            {
                if ((left >> q & 1) == 0)
                {
                    continue;
                }
                for (int t = 1; t <= h; t++)
                {
                    if (Ops.Any(Ops.Eq(Unsafe.Add(ref s, k.Bucket + q), Ops.Splat(t - 1))))
                    {
                        active[t] |= 1UL << q;
                    }
                }
            }
            Tables(k, ref s, inside, active, left);
        }

        // Exit costs at the exit: paid by the leaver, or divided by share among the partners still in. Without ledgers
        // every leaver is booked, masked to its lanes, so that no branch depends on the draws.
        for (int q = 0; q < nq; q++)
        {
            if (ledgers && (left >> q & 1) == 0)
            {
                continue;
            }
            int partner = k.Leavers[q];
            var plan = model.Partners[partner];
            V exit = Unsafe.Add(ref s, k.Exit + q);
            V amount = Ops.Keep(Ops.Lt(exit, horizon), Ops.Load(ref v[plan.ExitCost * size + i]));
            if (!ledgers)
            {
                Book(k, ref s, Unsafe.Add(ref s, k.Bucket + q), amount, -2);
            }
            else if (plan.ExitCostPaidByRemaining)
            {
                Divide(k, ref s, inside, exit, k.SharesKey, amount);
                Book(k, ref s, Unsafe.Add(ref s, k.Bucket + q), amount, -1);
            }
            else
            {
                Book(k, ref s, Unsafe.Add(ref s, k.Bucket + q), amount, partner);
            }
        }

        // Risks: their cost at the start of their year when they occur.
        for (int r = 0; r < model.Risks.Length; r++)
        {
            var plan = model.Risks[r];
            M occurs = Ops.Ge(Ops.Load(ref v[plan.Occurs * size + i]), Ops.Splat(0.5));
            // Without ledgers a risk that occurs in no lane is booked anyway (all masked): cheaper than a mispredicted branch.
            if (ledgers && !Ops.Any(occurs))
            {
                continue;
            }
            V amount = Ops.Keep(occurs, Ops.Load(ref v[plan.Cost * size + i]));
            V year = Ops.Select(occurs, Ops.Floor(Ops.Load(ref v[plan.Year * size + i])) - one, nan);
            if (ledgers)
            {
                Divide(k, ref s, inside, year, k.RiskKey[r], amount);
                Book(k, ref s, year, amount, -1);
            }
            else
            {
                Book(k, ref s, year, amount, -2);
            }
        }

        for (int wi = 0; wi < model.Workstreams.Length; wi++)
        {
            Workstream(w, k, ref s, inside, active, left, wi, i);
        }

        // The programme's years, NPV, total, peak funding and payback.
        Finish(k, ref s, k.Gross, k.Cost, metrics, model.Layout.Programme, size, i, pay);
        for (int l = 0; l < Width; l++)
        {
            w.Payback[i + l] = (int)pay[l];
        }
        if (ledgers)
        {
            for (int p = 0; p < np; p++)
            {
                Finish(k, ref s, k.LGross + p * h, k.LCost + p * h, metrics, model.Layout.Partners[p], size, i, pay);
                for (int l = 0; l < Width; l++)
                {
                    w.PartnerPayback[p * size + i + l] = (int)pay[l];
                }
            }
        }
    }

    /// <summary>
    /// The ledgers' trial-level share tables of each integrated key: the shares just before each year end, just
    /// before and just after each exit, and ∫_0^t of each partner's share (for spread costs) at each year end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tables(KernelPlan k, ref V s, Span<M> inside, Span<ulong> active, ulong left)
    {
        int h = k.H, np = k.P, nq = k.Leavers.Length;
        for (int j = 0; j < k.IntegratedKeys.Length; j++)
        {
            int key = k.IntegratedKeys[j];
            for (int t = 1; t <= h; t++)
            {
                InsideBefore(k, ref s, inside, Ops.Splat(t));
                SharesOf(k, ref s, k.EndShares + (j * h + t - 1) * np, inside, key);
            }
            for (int q = 0; q < nq; q++)
            {
                if ((left >> q & 1) == 0)
                {
                    continue;
                }
                for (int p = 0; p < np; p++)
                {
                    int r = k.LeaverOf[p];
                    inside[p] = r < 0 || r == q ? Ops.True() : Ops.Not(Precedes(k, ref s, r, q));
                }
                int at = (j * nq + q) * np;
                SharesOf(k, ref s, k.BeforeShares + at, inside, key);
                inside[k.Leavers[q]] = Ops.Not(Ops.True());
                SharesOf(k, ref s, k.AfterShares + at, inside, key);
                V exit = Unsafe.Add(ref s, k.Exit + q);
                for (int p = 0; p < np; p++)
                {
                    Unsafe.Add(ref s, k.SpreadJump + at + p) = exit * (Unsafe.Add(ref s, k.BeforeShares + at + p) - Unsafe.Add(ref s, k.AfterShares + at + p));
                }
            }
            int spread = k.EndSpread + j * (h + 1) * np;
            for (int p = 0; p < np; p++)
            {
                Unsafe.Add(ref s, k.LJumps + p) = Ops.Splat(0);
                Unsafe.Add(ref s, spread + p) = Ops.Splat(0);
            }
            for (int t = 1; t <= h; t++)
            {
                for (ulong bits = active[t]; bits != 0; bits &= bits - 1)
                {
                    int q = System.Numerics.BitOperations.TrailingZeroCount(bits);
                    M m = Ops.Eq(Unsafe.Add(ref s, k.Bucket + q), Ops.Splat(t - 1));
                    int at = k.SpreadJump + (j * nq + q) * np;
                    for (int p = 0; p < np; p++)
                    {
                        Unsafe.Add(ref s, k.LJumps + p) += Ops.Keep(m, Unsafe.Add(ref s, at + p));
                    }
                }
                for (int p = 0; p < np; p++)
                {
                    Unsafe.Add(ref s, spread + t * np + p) = Ops.Splat(t) * Unsafe.Add(ref s, k.EndShares + (j * h + t - 1) * np + p) + Unsafe.Add(ref s, k.LJumps + p);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Workstream(BlockWorkspace w, KernelPlan k, ref V s, Span<M> inside, Span<ulong> active, ulong left, int wi, int i)
    {
        var model = w.Model;
        var plan = model.Workstreams[wi];
        int size = w.Size, h = k.H, np = k.P, nq = k.Leavers.Length;
        double[] v = w.Values;
        bool ledgers = k.Ledgers;
        V zero = Ops.Splat(0), one = Ops.Splat(1);

        V delay = Ops.Load(ref v[plan.Delay * size + i]);
        foreach (var (risk, input) in plan.RiskDelays)
        {
            M occurs = Ops.Ge(Ops.Load(ref v[model.Risks[risk].Occurs * size + i]), Ops.Splat(0.5));
            delay += Ops.Keep(occurs, Ops.Load(ref v[input * size + i]));
        }
        V goLiveMonths = Ops.Splat(plan.GoLiveMonths) + delay;
        V g = goLiveMonths * Ops.Splat(1.0 / 12);
        Ops.Store(goLiveMonths, ref w.GoLive[wi * size + i]);
        V saving = Ops.Load(ref v[plan.Saving * size + i]);
        V ramp = Ops.Splat(plan.RampYears), halfInverseRamp = Ops.Splat(plan.HalfInverseRamp);

        // Savings multiplier factors of the dependent leavers, and the jumps at each exit: F(e)·(M before − M after).
        int[] dependent = k.Dependent[wi];
        ulong dependentBits = 0;
        foreach (int q in dependent)
        {
            dependentBits |= 1UL << q;
            Unsafe.Add(ref s, k.Factor + q) = one - Unsafe.Add(ref s, k.Loss + q);
        }
        // Without ledgers every dependent leaver is worked through, masked to its lanes (a leaver that leaves in no lane
        // multiplies by 1 and adds +0), so the loops run the same way in every chunk.
        ulong cutting = ledgers ? dependentBits & left : dependentBits;
        ulong jumping = ledgers ? left : cutting;
        int savingsTable = ledgers ? k.TableOf[k.SavingsKey[wi]] : -1;
        for (ulong bits = jumping; bits != 0; bits &= bits - 1)
        {
            int q = System.Numerics.BitOperations.TrailingZeroCount(bits);
            V before = one;
            for (ulong rb = cutting; rb != 0; rb &= rb - 1)
            {
                int r = System.Numerics.BitOperations.TrailingZeroCount(rb);
                if (r != q)
                {
                    before *= Ops.Select(Precedes(k, ref s, r, q), Unsafe.Add(ref s, k.Factor + r), one);
                }
            }
            V after = (cutting >> q & 1) != 0 ? before * Unsafe.Add(ref s, k.Factor + q) : before;
            V atExit = Ramp(Unsafe.Add(ref s, k.Exit + q) - g, ramp, halfInverseRamp);
            Unsafe.Add(ref s, k.Jump + q) = atExit * (before - after);
            if (ledgers)
            {
                int at = (savingsTable * nq + q) * np;
                for (int p = 0; p < np; p++)
                {
                    Unsafe.Add(ref s, k.LJump + q * np + p) = atExit * (before * Unsafe.Add(ref s, k.BeforeShares + at + p) - after * Unsafe.Add(ref s, k.AfterShares + at + p));
                }
            }
        }

        // Gross savings per year: saving × (G(t) − G(t − 1)), G(t) = F(t)·M(t) + Σ jumps before t.
        V previous = zero, jumps = zero;
        int exitAt = k.Exit, factorAt = k.Factor, bucketAt = k.Bucket, jumpAt = k.Jump, grossAt = k.Gross, rampedAt = k.Ramped;
        for (int t = 1; t <= h; t++)
        {
            V time = Ops.Splat(t);
            V atEnd = Ramp(time - g, ramp, halfInverseRamp);
            V multiplier = one;
            for (ulong rb = cutting; rb != 0; rb &= rb - 1)
            {
                int r = System.Numerics.BitOperations.TrailingZeroCount(rb);
                multiplier *= Ops.Select(Ops.Lt(Unsafe.Add(ref s, exitAt + r), time), Unsafe.Add(ref s, factorAt + r), one);
            }
            V year = Ops.Splat(t - 1);
            for (ulong bits = cutting; bits != 0; bits &= bits - 1)
            {
                int q = System.Numerics.BitOperations.TrailingZeroCount(bits);
                jumps += Ops.Keep(Ops.Eq(Unsafe.Add(ref s, bucketAt + q), year), Unsafe.Add(ref s, jumpAt + q));
            }
            V ramped = atEnd * multiplier;
            V cumulative = ramped + jumps;
            Unsafe.Add(ref s, grossAt + t - 1) += saving * (cumulative - previous);
            previous = cumulative;
            Unsafe.Add(ref s, rampedAt + t - 1) = ramped;
        }
        if (ledgers)
        {
            // Each partner's part: F(t)·M(t)·(its share just before t) + its part of the jumps before t.
            int sharesAt = k.EndShares + savingsTable * h * np, partJumpAt = k.LJump, partGrossAt = k.LGross;
            for (int p = 0; p < np; p++)
            {
                V previousPart = zero, partJumps = zero;
                for (int t = 1; t <= h; t++)
                {
                    for (ulong bits = active[t]; bits != 0; bits &= bits - 1)
                    {
                        int q = System.Numerics.BitOperations.TrailingZeroCount(bits);
                        partJumps += Ops.Keep(Ops.Eq(Unsafe.Add(ref s, bucketAt + q), Ops.Splat(t - 1)), Unsafe.Add(ref s, partJumpAt + q * np + p));
                    }
                    V part = Unsafe.Add(ref s, rampedAt + t - 1) * Unsafe.Add(ref s, sharesAt + (t - 1) * np + p) + partJumps;
                    Unsafe.Add(ref s, partGrossAt + p * h + t - 1) += saving * (part - previousPart);
                    previousPart = part;
                }
            }
        }

        // Implementation cost spread evenly over [0, g) (all in year 1 when g ≤ 0); the part after the horizon is dropped.
        V implementation = Ops.Load(ref v[plan.Implementation * size + i]);
        M started = Ops.Gt(g, zero);
        V perYear = implementation / g;
        for (int t = 0; t < h; t++)
        {
            V time = Ops.Splat(t);
            M during = Ops.And(started, Ops.Lt(time, g));
            if (t > 0 && !Ops.Any(during))
            {
                break;
            }
            V add = Ops.Keep(during, perYear * (Ops.Min(Ops.Splat(t + 1), g) - time));
            if (t == 0)
            {
                add = Ops.Select(started, add, implementation);
            }
            Unsafe.Add(ref s, k.Cost + t) += add;
        }
        if (ledgers)
        {
            int costs = k.CostsKey[wi];
            M atStart = Ops.Not(started);
            if (Ops.Any(atStart))
            {
                Divide(k, ref s, inside, zero, costs, implementation);
                for (int p = 0; p < np; p++)
                {
                    Unsafe.Add(ref s, k.LCost + p * h) += Ops.Keep(atStart, Unsafe.Add(ref s, k.Parts + p));
                }
            }
            if (Ops.Any(started))
            {
                // ∫_0^min(t, g) of each partner's share, at g from the shares just before g and the exits before g.
                int table = k.TableOf[costs];
                V rate = implementation / g;
                InsideBefore(k, ref s, inside, g);
                SharesOf(k, ref s, k.AtGoLive, inside, costs);
                for (int p = 0; p < np; p++)
                {
                    Unsafe.Add(ref s, k.AtGoLive + p) = g * Unsafe.Add(ref s, k.AtGoLive + p);
                }
                for (ulong bits = left; bits != 0; bits &= bits - 1)
                {
                    int q = System.Numerics.BitOperations.TrailingZeroCount(bits);
                    M before = Ops.Lt(Unsafe.Add(ref s, k.Exit + q), g);
                    if (!Ops.Any(before))
                    {
                        continue;
                    }
                    int at = k.SpreadJump + (table * nq + q) * np;
                    for (int p = 0; p < np; p++)
                    {
                        Unsafe.Add(ref s, k.AtGoLive + p) += Ops.Keep(before, Unsafe.Add(ref s, at + p));
                    }
                }
                int spread = k.EndSpread + table * (h + 1) * np;
                for (int t = 1; t <= h; t++)
                {
                    M low = Ops.And(started, Ops.Le(Ops.Splat(t - 1), g));
                    if (!Ops.Any(low))
                    {
                        break;
                    }
                    M high = Ops.Le(Ops.Splat(t), g);
                    for (int p = 0; p < np; p++)
                    {
                        V upper = Ops.Select(high, Unsafe.Add(ref s, spread + t * np + p), Unsafe.Add(ref s, k.AtGoLive + p));
                        V lower = Ops.Select(low, Unsafe.Add(ref s, spread + (t - 1) * np + p), Unsafe.Add(ref s, k.AtGoLive + p));
                        Unsafe.Add(ref s, k.LCost + p * h + t - 1) += Ops.Keep(low, rate * (upper - lower));
                    }
                }
            }
        }

        // Delay cost at go-live, when go-live falls within the horizon.
        V delayCost = delay * Ops.Load(ref v[plan.DelayCost * size + i]);
        V goLiveYear = Ops.Floor(g);
        if (ledgers)
        {
            Divide(k, ref s, inside, g, k.CostsKey[wi], delayCost);
            Book(k, ref s, goLiveYear, delayCost, -1);
        }
        else
        {
            Book(k, ref s, goLiveYear, delayCost, -2);
        }

        // Redundancy at go-live unless the posts go on a date of their own.
        if (plan.Headcount >= 0 && !(plan.RedundancyAtYears >= h))
        {
            V at = double.IsNaN(plan.RedundancyAtYears) ? g : Ops.Splat(plan.RedundancyAtYears);
            V heads = Ops.Max(zero, Ops.Floor(Ops.Load(ref v[plan.Headcount * size + i]) + Ops.Splat(0.5)));
            V redundancy = heads * Ops.Load(ref v[plan.CostPerHead * size + i]);
            V year = Ops.Floor(at);
            if (ledgers)
            {
                Divide(k, ref s, inside, at, k.RedundancyKey[wi], redundancy);
                Book(k, ref s, year, redundancy, -1);
            }
            else
            {
                Book(k, ref s, year, redundancy, -2);
            }
        }
    }

    /// <summary>Writes one ledger's per-year metrics, NPV, total and peak funding; its payback year per lane into <paramref name="pay"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Finish(KernelPlan k, ref V s, int gross, int costs, double[] metrics, MetricBlock layout, int size, int i, Span<double> pay)
    {
        int h = k.H;
        double[] discount = k.Discount;
        V zero = Ops.Splat(0);
        V npv = zero, cum = zero, low = zero;
        for (int t = 0; t < h; t++)
        {
            V g = Unsafe.Add(ref s, gross + t), c = Unsafe.Add(ref s, costs + t);
            V net = g - c;
            cum += net;
            npv += net * Ops.Splat(discount[t]);
            Unsafe.Add(ref s, k.Cum + t) = cum;
            low = Ops.Min(low, cum);
            Ops.Store(g, ref metrics[layout.Gross(t + 1) * size + i]);
            Ops.Store(c, ref metrics[layout.Costs(t + 1) * size + i]);
            Ops.Store(net, ref metrics[layout.Net(t + 1) * size + i]);
            Ops.Store(cum, ref metrics[layout.Cumulative(t + 1) * size + i]);
        }
        Ops.Store(npv, ref metrics[layout.Npv * size + i]);
        Ops.Store(cum, ref metrics[layout.Total * size + i]);
        Ops.Store(zero - low, ref metrics[layout.PeakFunding * size + i]);
        // Payback: the first year from which the cumulative stays at or above 0 to the horizon; 0 when it ends below 0.
        M staying = Ops.Ge(cum, zero);
        V payback = Ops.Keep(staying, Ops.Splat(h));
        for (int t = h - 1; t >= 1; t--)
        {
            staying = Ops.And(staying, Ops.Ge(Unsafe.Add(ref s, k.Cum + t - 1), zero));
            payback -= Ops.Keep(staying, Ops.Splat(1));
        }
        Ops.Store(payback, ref pay[0]);
    }
}
