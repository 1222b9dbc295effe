namespace RiskSim.Core.Engine;

/// <summary>
/// The first trials of a run kept for the sensitivity analysis and the partner-exposure split: every uncertain
/// input's value (as float: ranks need no more), the NPV, each year's cumulative net savings (as float: for
/// medians of groups of trials), and which partners left within the horizon, as each
/// trial itself recorded it.
/// </summary>
internal sealed class SensitivitySample
{
    private readonly CompiledScenario _model;

    public SensitivitySample(CompiledScenario model, int count)
    {
        _model = model;
        Count = count;
        Inputs = model.Uncertain.Select(_ => new float[count]).ToArray();
        Npv = new double[count];
        Exits = new ulong[count];
        Cumulative = Enumerable.Range(0, model.H).Select(_ => new float[count]).ToArray();
    }

    private SensitivitySample(CompiledScenario model, int count, float[][] inputs, double[] npv, ulong[] exits, float[][] cumulative)
    {
        _model = model;
        Count = count;
        Inputs = inputs;
        Npv = npv;
        Exits = exits;
        Cumulative = cumulative;
    }

    /// <summary>The first <paramref name="count"/> trials of this sample (for a run that stopped early), or itself.</summary>
    public SensitivitySample Truncated(int count) => count >= Count ? this
        : new SensitivitySample(_model, count, Inputs.Select(x => x[..count]).ToArray(), Npv[..count], Exits[..count],
            Cumulative.Select(x => x[..count]).ToArray());

    /// <summary>Per year (index 0 = year 1), cumulative net savings at its end in each trial.</summary>
    public float[][] Cumulative { get; }

    /// <summary>Trials kept (the first of the run).</summary>
    public int Count { get; }

    /// <summary>Per uncertain input (in <see cref="CompiledScenario.Uncertain"/> order), its value in each trial.</summary>
    public float[][] Inputs { get; }

    /// <summary>NPV of each trial.</summary>
    public double[] Npv { get; }

    /// <summary>Per trial, bit p set when partner p left within the horizon.</summary>
    public ulong[] Exits { get; }

    /// <summary>Keeps the block's trials that fall among the first <see cref="Count"/>.</summary>
    public void Record(BlockWorkspace w)
    {
        if (w.FirstTrial >= Count)
        {
            return;
        }
        int count = (int)Math.Min(w.Count, Count - w.FirstTrial);
        int offset = (int)w.FirstTrial;
        var uncertain = _model.Uncertain;
        for (int k = 0; k < uncertain.Length; k++)
        {
            var source = w.Input(uncertain[k]);
            var destination = Inputs[k];
            for (int i = 0; i < count; i++)
            {
                destination[offset + i] = (float)source[i];
            }
        }
        w.Metric(_model.Layout.Programme.Npv)[..count].CopyTo(Npv.AsSpan(offset, count));
        for (int t = 0; t < Cumulative.Length; t++)
        {
            var source = w.Metric(_model.Layout.Programme.Cumulative(t + 1));
            var destination = Cumulative[t];
            for (int i = 0; i < count; i++)
            {
                destination[offset + i] = (float)source[i];
            }
        }
        for (int i = 0; i < count; i++)
        {
            ulong mask = 0;
            for (int p = 0; p < _model.Partners.Length; p++)
            {
                mask |= TrialRules.Left(w.ExitMonth[p * w.Size + i]) ? 1UL << p : 0;
            }
            Exits[offset + i] = mask;
        }
    }
}
