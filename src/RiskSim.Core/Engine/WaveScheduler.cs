namespace RiskSim.Core.Engine;

/// <summary>
/// Runs the blocks of a run in waves on all worker threads. A wave is at most two blocks per worker, each on its own
/// reusable workspace (with five partners' ledgers a workspace is about 10 MB: two per worker rather than four take
/// some 50 MB off a run's peak, at the same speed). After a wave the caller sees its blocks in trial order on the
/// calling thread (to stream trials out, build the percentile ranges, report progress). Which worker runs which block
/// never changes a result: everything kept per block is stored by block index, and per-worker tallies are counts.
/// </summary>
internal sealed class WaveScheduler
{
    private long _trials;
    private readonly BlockWorkspace[] _slots;

    /// <param name="model">The compiled scenario.</param>
    /// <param name="options">Trials and threads.</param>
    /// <param name="reuse">Workspaces of an earlier run of a scenario of the same shape to use again (see
    /// <see cref="BlockWorkspace.Rebind"/>); null to allocate them.</param>
    public WaveScheduler(CompiledScenario model, SimulationOptions options, BlockWorkspace[]? reuse = null)
    {
        _trials = options.Trials;
        Blocks = (options.Trials + SimulationOptions.BlockSize - 1) / SimulationOptions.BlockSize;
        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        Threads = (int)Math.Max(1, Math.Min(threads, Blocks));
        int slots = (int)Math.Min(Blocks, Threads * 2);
        _slots = new BlockWorkspace[slots];
        for (int s = 0; s < slots; s++)
        {
            _slots[s] = reuse is not null && s < reuse.Length && reuse[s].Rebind(model) ? reuse[s] : new BlockWorkspace(model, SimulationOptions.BlockSize);
        }
    }

    /// <summary>The workspaces, one per block of a wave.</summary>
    public BlockWorkspace[] Slots => _slots;

    /// <summary>Lets the workspaces go once the run has no block left to run (none can run after this).</summary>
    public void Release() => Array.Clear(_slots);

    /// <summary>Blocks in the run (the last may hold fewer than <see cref="SimulationOptions.BlockSize"/> trials).</summary>
    public long Blocks { get; private set; }

    /// <summary>
    /// Ends the run at <paramref name="trials"/> trials (a run that stops at a checkpoint): later calls run only the
    /// blocks of those trials, exactly as a run of that many trials would.
    /// </summary>
    public void StopAt(long trials)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trials, _trials);
        _trials = trials;
        Blocks = (trials + SimulationOptions.BlockSize - 1) / SimulationOptions.BlockSize;
    }

    /// <summary>Worker threads (never more than the blocks).</summary>
    public int Threads { get; }

    /// <summary>
    /// Runs <paramref name="work"/> on every block (worker index, block) and, after each wave, <paramref name="afterWave"/>
    /// on that wave's blocks in trial order with the number of trials done so far. Stops between waves when cancelled.
    /// </summary>
    public void RunAll(Action<int, BlockWorkspace> work, Action<ArraySegment<BlockWorkspace>, long>? afterWave,
        CancellationToken cancellation) => RunBlocks(0, Blocks, work, afterWave, cancellation);

    /// <summary>As <see cref="RunAll"/>, for blocks <paramref name="first"/> to <paramref name="end"/> − 1 only.</summary>
    public void RunBlocks(long first, long end, Action<int, BlockWorkspace> work, Action<ArraySegment<BlockWorkspace>, long>? afterWave,
        CancellationToken cancellation)
    {
        long next = first;
        end = Math.Min(end, Blocks);
        while (next < end)
        {
            cancellation.ThrowIfCancellationRequested();
            int wave = (int)Math.Min(_slots.Length, end - next);
            RunWave(next, wave, work);
            next += wave;
            afterWave?.Invoke(new ArraySegment<BlockWorkspace>(_slots, 0, wave), Math.Min(_trials, next * SimulationOptions.BlockSize));
        }
    }

    // Points a workspace at block `block`: its trials are BlockSize·block onwards, the last block shorter.
    private void Assign(BlockWorkspace w, long block)
    {
        w.BlockIndex = block;
        w.FirstTrial = block * SimulationOptions.BlockSize;
        w.Count = (int)Math.Min(SimulationOptions.BlockSize, _trials - w.FirstTrial);
    }

    // Runs blocks first .. first + wave − 1 on the slots, shared between the workers, and returns when all are done.
    private void RunWave(long first, int wave, Action<int, BlockWorkspace> work)
    {
        for (int s = 0; s < wave; s++)
        {
            Assign(_slots[s], first + s);
        }
        int cursor = -1;
        void Work(int worker)
        {
            int s;
            while ((s = Interlocked.Increment(ref cursor)) < wave)
            {
                work(worker, _slots[s]);
            }
        }
        int threads = Math.Min(Threads, wave);
        if (threads == 1)
        {
            Work(0);
            return;
        }
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, Work);
    }
}
