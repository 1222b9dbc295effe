namespace RiskSim.Core.Engine;

/// <summary>
/// Read-only view of one block of simulated trials, handed to an <see cref="ITrialSink"/> in trial
/// order. Valid only during the call: the engine reuses the memory for the next block.
/// </summary>
public sealed class TrialBlock
{
    private readonly BlockWorkspace _w;

    internal TrialBlock(BlockWorkspace workspace) => _w = workspace;

    /// <summary>Index (0-based) of the first trial in the block.</summary>
    public long FirstTrial => _w.FirstTrial;

    /// <summary>Trials in the block.</summary>
    public int Count => _w.Count;

    /// <summary>Where each metric sits: use its columns with <see cref="Metric"/>.</summary>
    public MetricLayout Layout => _w.Model.Layout;

    /// <summary>Values of metric column <paramref name="column"/> (see <see cref="Layout"/>) per trial.</summary>
    public ReadOnlySpan<double> Metric(int column) => _w.Metric(column);

    /// <summary>Net present value per trial.</summary>
    public ReadOnlySpan<double> Npv => _w.Metric(_w.Model.Layout.Programme.Npv);

    /// <summary>Total net savings over the horizon per trial.</summary>
    public ReadOnlySpan<double> TotalNetSavings => _w.Metric(_w.Model.Layout.Programme.Total);

    /// <summary>Payback year per trial, 0 when the trial does not pay back within the horizon.</summary>
    public ReadOnlySpan<int> PaybackYear => _w.Payback.AsSpan(0, _w.Count);

    /// <summary>Net savings of year <paramref name="year"/> (1-based) per trial.</summary>
    public ReadOnlySpan<double> NetSavings(int year) => _w.Metric(_w.Model.Layout.Programme.Net(year));

    /// <summary>NPV of partner <paramref name="partner"/>'s own ledger per trial (runs of two or more partners).</summary>
    public ReadOnlySpan<double> PartnerNpv(int partner) => _w.Metric(_w.Model.Layout.Partners[partner].Npv);

    /// <summary>Total net savings of partner <paramref name="partner"/>'s own ledger per trial.</summary>
    public ReadOnlySpan<double> PartnerTotalNetSavings(int partner) => _w.Metric(_w.Model.Layout.Partners[partner].Total);

    /// <summary>Sampled value of input <paramref name="input"/> (index in the scenario's input catalogue).</summary>
    public ReadOnlySpan<double> Input(int input) => _w.Values.AsSpan(input * _w.Size, _w.Count);

    /// <summary>Actual go-live (months from start) of workstream <paramref name="workstream"/>.</summary>
    public ReadOnlySpan<double> GoLiveMonth(int workstream) => _w.GoLive.AsSpan(workstream * _w.Size, _w.Count);

    /// <summary>Exit month of partner <paramref name="partner"/>; NaN when it does not leave within the horizon.</summary>
    public ReadOnlySpan<double> ExitMonth(int partner) => _w.ExitMonth.AsSpan(partner * _w.Size, _w.Count);
}

/// <summary>Receives the kept trials of a run, block by block, in trial order.</summary>
public interface ITrialSink
{
    /// <summary>Consumes one block; called from one thread at a time, in order of <see cref="TrialBlock.FirstTrial"/>.</summary>
    void Write(TrialBlock block);
}
