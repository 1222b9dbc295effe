namespace RiskSim.Core.Statistics;

/// <summary>
/// Merges each block's per-metric moments into the run's in block order (Chan's formula), as soon as every earlier
/// block has arrived, so the result never depends on which worker ran which block and only the blocks that arrived
/// ahead of a slower earlier one are held (not one set per block of the whole run).
/// </summary>
/// <remarks><see cref="Add"/> may be called from several workers at once.</remarks>
internal sealed class OrderedMomentsMerge
{
    private readonly Moments[] _merged;
    private readonly Dictionary<long, Moments[]> _waiting = [];
    private long _next;

    public OrderedMomentsMerge(int metrics)
    {
        _merged = new Moments[metrics];
        _merged.AsSpan().Fill(Moments.Empty);
    }

    /// <summary>Block <paramref name="block"/>'s moments, one per metric; each block is added once.</summary>
    public void Add(long block, Moments[] moments)
    {
        lock (_waiting)
        {
            _waiting.Add(block, moments);
            while (_waiting.Remove(_next, out var ready))
            {
                for (int m = 0; m < _merged.Length; m++)
                {
                    _merged[m].Merge(ready[m]);
                }
                _next++;
            }
        }
    }

    /// <summary>The moments of blocks 0 … <paramref name="blocks"/> − 1, which must all have been added.</summary>
    public Moments[] Result(long blocks)
    {
        lock (_waiting)
        {
            if (_next != blocks)
            {
                throw new InvalidOperationException($"moments of {_next} blocks merged, {blocks} expected");
            }
            return (Moments[])_merged.Clone();
        }
    }
}
