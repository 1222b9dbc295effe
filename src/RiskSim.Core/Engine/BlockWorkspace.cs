using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>
/// Memory for one block of trials in structure-of-arrays form (one column per input and metric),
/// allocated once and reused for every block a worker simulates.
/// </summary>
internal sealed class BlockWorkspace : IMetricColumns
{
    public BlockWorkspace(CompiledScenario model, int size)
    {
        Model = model;
        _shape = ShapeOf(model);
        Size = size;
        Uniforms = new double[size];
        Values = new double[model.Inputs.Length * size];
        int maxGroup = model.Copulas.Count == 0 ? 0 : model.Copulas.Max(g => g.Members.Count);
        Normals = new double[maxGroup * size];
        Metrics = new double[model.Layout.Count * size];
        Payback = new int[size];
        PartnerPayback = new int[model.Layout.Partners.Count * size];
        GoLive = new double[model.Workstreams.Length * size];
        ExitMonth = new double[model.Partners.Length * size];
        YearGross = new double[model.H];
        YearCost = new double[model.H];
        Cumulative = new double[model.H + 1];
        ExitTimes = new double[model.Partners.Length];
        ExitLoss = new double[model.Partners.Length];
        ExitPartner = new int[model.Partners.Length];
        Occurred = new bool[model.Risks.Length];
        View = new TrialBlock(this);
        Needed = new int[model.ConditionCount][];
        NeededCount = new int[model.ConditionCount];
        for (int c = 0; c < Needed.Length; c++)
        {
            Needed[c] = new int[size];
        }
        Gathered = new double[size];
        KernelScratch = new double[model.Kernel.ScratchVectors * Lanes512.Width];
        GatheredValues = new double[size];
    }

    private readonly object _shape;

    public CompiledScenario Model { get; private set; }

    /// <summary>
    /// Points this workspace at another compiled scenario of the same shape (every array sized alike), for passes that
    /// simulate one scenario with a risk's figures changed; false, and nothing changed, when the shapes differ.
    /// </summary>
    public bool Rebind(CompiledScenario model)
    {
        if (!ShapeOf(model).Equals(_shape))
        {
            return false;
        }
        Model = model;
        return true;
    }

    // Everything the workspace's array sizes depend on.
    private static object ShapeOf(CompiledScenario model) => (model.Inputs.Length, model.Layout.Count, model.Layout.Partners.Count,
        model.Copulas.Count == 0 ? 0 : model.Copulas.Max(g => g.Members.Count), model.Partners.Length, model.H,
        model.Workstreams.Length, model.Risks.Length, model.ConditionCount, model.Kernel.ScratchVectors);

    public int Size { get; }

    public long FirstTrial { get; set; }

    public int Count { get; set; }

    public long BlockIndex { get; set; }

    public double[] Uniforms { get; }

    public double[] Values { get; }

    public double[] Normals { get; }

    public double[] Metrics { get; }

    public int[] Payback { get; }

    /// <summary>Payback year of partner p in trial i at [p·Size + i] (0: no payback), when the run keeps ledgers.</summary>
    public int[] PartnerPayback { get; }

    public double[] GoLive { get; }

    public double[] ExitMonth { get; }

    // Per-trial scratch.
    public double[] YearGross { get; }

    public double[] YearCost { get; }

    public double[] Cumulative { get; }

    public double[] ExitTimes { get; }

    public double[] ExitLoss { get; }

    public int[] ExitPartner { get; }

    public bool[] Occurred { get; }


    public int TargetMet { get; set; }

    public TrialBlock View { get; }

    /// <summary>Per condition, the trials of the block that need the conditional inputs.</summary>
    public int[][] Needed { get; }

    public int[] NeededCount { get; }

    public double[] Gathered { get; }

    public double[] GatheredValues { get; }

    /// <summary>The vector trial kernels' per-chunk scratch (see <see cref="KernelPlan"/>).</summary>
    public double[] KernelScratch { get; }

    public Span<double> Metric(int metric) => Metrics.AsSpan(metric * Size, Count);

    public Span<double> Input(int input) => Values.AsSpan(input * Size, Count);

    /// <inheritdoc />
    public ReadOnlySpan<double> Column(int metric) => Metric(metric);
}
