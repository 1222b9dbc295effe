using RiskSim.Core.Sampling;

namespace RiskSim.Core.Engine;

/// <summary>
/// Draws every input of a block of trials, column by column, each from its own random stream (seed, input
/// name, block), so results never depend on threads and adding an input leaves the others' draws alone.
/// </summary>
internal static class InputSampler
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
                UniformColumn.Fill(seed, model.Keys[i], (ulong)w.BlockIndex, u);
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
                count += TrialRules.RiskOccurred(v[occurs + i]) ? 1 : 0;
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
                count += TrialRules.LeavesWithinHorizon(v[notice + i] + plan.NoticeYears, horizon) ? 1 : 0;
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
            var column = eps.AsSpan(j * size, n);
            UniformColumn.Fill(seed, model.Keys[group.Members[j]], (ulong)w.BlockIndex, column);
            ColumnMath.NormalInvCdf(column, column);
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
            // z = Σ_b F[a, b]·ε_b, summed in the order b = 0, 1, … from +0.
            u.Clear();
            for (int b = 0; b < k; b++)
            {
                ColumnMath.AddScaled(eps.AsSpan(b * size, n), u, f[a * k + b]);
            }
            // Keep the uniform strictly inside (0, 1) so inverse CDFs stay finite.
            ColumnMath.NormalCdf(u, u, 1e-300, 1 - 1e-16);
            dist.Quantiles(u, w.Input(input));
        }
    }
}
