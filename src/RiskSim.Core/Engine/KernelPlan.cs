namespace RiskSim.Core.Engine;

/// <summary>
/// A compiled scenario laid out for the vector trial kernels: the partners that can leave, the distinct allocation
/// keys, each workstream's dependent leavers, and where each per-chunk quantity sits in the kernel's scratch
/// (counted in vectors of the widest width, so one scratch array serves every width).
/// </summary>
internal sealed class KernelPlan
{
    public KernelPlan(CompiledScenario model)
    {
        H = model.H;
        P = model.Partners.Length;
        Ledgers = model.HasLedgers;
        Discount = model.Discount;
        Leavers = Enumerable.Range(0, P).Where(p => model.Partners[p].Notice >= 0).ToArray();
        if (Leavers.Length > 64)
        {
            throw new NotSupportedException("The trial kernel handles at most 64 partners that can leave.");
        }
        LeaverOf = new int[P];
        Array.Fill(LeaverOf, -1);
        for (int q = 0; q < Leavers.Length; q++)
        {
            LeaverOf[Leavers[q]] = q;
        }

        var keys = new List<double[]>();
        int Key(double[] weights)
        {
            for (int k = 0; k < keys.Count; k++)
            {
                if (keys[k].AsSpan().SequenceEqual(weights))
                {
                    return k;
                }
            }
            keys.Add(weights);
            return keys.Count - 1;
        }
        SharesKey = Key(model.Shares);
        var ws = model.Workstreams;
        SavingsKey = ws.Select(w => Key(w.SavingsWeights)).ToArray();
        CostsKey = ws.Select(w => Key(w.CostsWeights)).ToArray();
        RedundancyKey = ws.Select(w => Key(w.RedundancyWeights)).ToArray();
        RiskKey = model.Risks.Select(r => Key(r.CostWeights)).ToArray();
        Keys = keys.ToArray();
        KeyAll = Keys.Select(k =>
        {
            double all = 0;
            foreach (double x in k)
            {
                all += x;
            }
            return all;
        }).ToArray();
        // Keys whose trial-level tables (shares at the year ends and either side of each exit) the ledgers read.
        IntegratedKeys = SavingsKey.Concat(CostsKey).Distinct().Order().ToArray();
        TableOf = new int[Keys.Length];
        Array.Fill(TableOf, -1);
        for (int j = 0; j < IntegratedKeys.Length; j++)
        {
            TableOf[IntegratedKeys[j]] = j;
        }
        Dependent = ws.Select(w => Enumerable.Range(0, Leavers.Length)
            .Where(q => (w.DependsOn & (1UL << Leavers[q])) != 0).ToArray()).ToArray();

        int nq = Leavers.Length, h = H, p = P, k = IntegratedKeys.Length;
        int at = 0;
        int Take(int n)
        {
            int start = at;
            at += n;
            return start;
        }
        Gross = Take(h);
        Cost = Take(h);
        Cum = Take(h);
        Exit = Take(nq);
        Loss = Take(nq);
        Bucket = Take(nq);
        Factor = Take(nq);
        Before = Take(nq);
        After = Take(nq);
        Jump = Take(nq);
        Ramped = Take(h);
        if (Ledgers)
        {
            LGross = Take(p * h);
            LCost = Take(p * h);
            LJump = Take(nq * p);
            LJumps = Take(p);
            Parts = Take(p);
            Shares = Take(p);
            AtGoLive = Take(p);
            EndShares = Take(k * h * p);
            BeforeShares = Take(k * nq * p);
            AfterShares = Take(k * nq * p);
            EndSpread = Take(k * (h + 1) * p);
            SpreadJump = Take(k * nq * p);
        }
        ScratchVectors = at;
    }

    public int H { get; }

    /// <summary>Partners.</summary>
    public int P { get; }

    public bool Ledgers { get; }

    public double[] Discount { get; }

    /// <summary>Partner index of each partner that can leave (leaver q).</summary>
    public int[] Leavers { get; }

    /// <summary>Leaver index of each partner; −1 for a partner that cannot leave.</summary>
    public int[] LeaverOf { get; }

    /// <summary>The distinct allocation keys (weights per partner).</summary>
    public double[][] Keys { get; }

    /// <summary>Σ of each key's weights, summed in partner order.</summary>
    public double[] KeyAll { get; }

    public int SharesKey { get; }

    public int[] SavingsKey { get; }

    public int[] CostsKey { get; }

    public int[] RedundancyKey { get; }

    public int[] RiskKey { get; }

    /// <summary>Keys used by savings and spread costs, which get trial-level share tables.</summary>
    public int[] IntegratedKeys { get; }

    /// <summary>Table index of each key (−1: none).</summary>
    public int[] TableOf { get; }

    /// <summary>Per workstream, the leavers whose exit cuts its savings.</summary>
    public int[][] Dependent { get; }

    // Scratch offsets, in vectors.
    public int Gross { get; }

    public int Cost { get; }

    public int Cum { get; }

    public int Exit { get; }

    public int Loss { get; }

    public int Bucket { get; }

    public int Factor { get; }

    public int Before { get; }

    public int After { get; }

    public int Jump { get; }

    /// <summary>F(t)·M(t) of the workstream at each year end.</summary>
    public int Ramped { get; }

    public int LGross { get; }

    public int LCost { get; }

    public int LJump { get; }

    public int LJumps { get; }

    public int Parts { get; }

    public int Shares { get; }

    public int AtGoLive { get; }

    public int EndShares { get; }

    public int BeforeShares { get; }

    public int AfterShares { get; }

    public int EndSpread { get; }

    public int SpreadJump { get; }

    /// <summary>Scratch length in vectors of the widest width.</summary>
    public int ScratchVectors { get; }
}
