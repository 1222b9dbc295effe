namespace RiskSim.Core.Statistics;

/// <summary>
/// Estimates the reported percentiles of every metric of a run to within 0.05 percentile points of the exact
/// empirical ones, without keeping the trials: a pilot (the first trials) fixes each metric's histogram range
/// and its point masses; every later trial is counted in a fine histogram; where the pilot shows a reported
/// percentile in a crowded region, every value in a narrow band around it is kept; and if a percentile's
/// certified rank error is still too large, an exact second pass re-simulates the same trials and keeps only
/// the values of the few bins concerned.
/// </summary>
/// <remarks>
/// Constants, and why: <see cref="PilotTrials"/> = 65,536 trials give each pilot percentile a standard error of
/// at most 0.5/√65,536 ≈ 0.002 (0.2 points), so a capture band of ±5 standard errors (plus 2 trials) around it
/// holds the run's true percentile except with negligible probability. A bin is "crowded" when the pilot puts
/// more than 0.7 × the tolerated rank error (0.05 points of n) into the three bins around a percentile (the
/// bin and its neighbours): the histogram's certified error for that percentile, the count of one bin, could
/// then exceed the tolerance. Runs of up to <see cref="PilotTrials"/> trials are sorted and read exactly.
/// Thread safety: <see cref="AddToPilot"/> writes disjoint ranges and <see cref="Tally"/> one worker's own
/// tallies, so workers may call them at once; everything else runs on one thread.
/// </remarks>
internal sealed class PercentileEstimator
{
    /// <summary>Largest rank error tolerated for a reported percentile, as a fraction (0.05 percentile points).</summary>
    public const double Tolerance = 0.0005;

    /// <summary>Trials in the pilot that fixes the histogram ranges (the first of the run).</summary>
    public const int PilotSize = 65536;

    private const double CrowdedShare = 0.7;
    private const double CaptureStandardErrors = 5;

    private readonly int _metrics;
    private long _trials;
    private readonly IReadOnlyList<double> _probabilities;
    private readonly IReadOnlyList<int> _decisionMetrics;
    private double[][] _pilot;
    private readonly WorkerTally[] _workers;
    private int _pilotCount;
    private QuantileHistogram? _histogram;
    private double[][]? _exactSorted;
    private CaptureBand[] _bands = [];
    private FineBand[] _fineBands = [];
    private int[][] _bandsOf = [];
    private int[][] _fineBandsOf = [];

    /// <param name="metrics">Metric columns.</param>
    /// <param name="trials">Trials in the run.</param>
    /// <param name="probabilities">Percentiles (fractions) that must be accurate.</param>
    /// <param name="workers">Workers that tally at the same time.</param>
    /// <param name="decisionMetrics">
    /// Metrics whose reserve percentiles (<see cref="DecisionPercentiles"/>) and the ends of their 95% intervals must be
    /// the exact order statistics (the cumulative net savings at a target year); none by default.
    /// </param>
    public PercentileEstimator(int metrics, long trials, IReadOnlyList<double> probabilities, int workers,
        IReadOnlyList<int>? decisionMetrics = null)
    {
        _metrics = metrics;
        _trials = trials;
        _probabilities = probabilities;
        _decisionMetrics = decisionMetrics ?? [];
        PilotTrials = (int)Math.Min(trials, PilotSize);
        _pilot = Enumerable.Range(0, metrics).Select(_ => new double[PilotTrials]).ToArray();
        _workers = Enumerable.Range(0, workers).Select(_ => new WorkerTally()).ToArray();
    }

    /// <summary>The percentiles read exactly, with their interval ends, on the decision metrics: p20, p10 and p5.</summary>
    public static readonly double[] DecisionPercentiles = [0.20, 0.10, 0.05];

    /// <summary>
    /// Ends the run at <paramref name="trials"/> trials (a run that stops early at a checkpoint): only the first
    /// that many trials were tallied, and <see cref="Finish"/> reads their order statistics. The pilot must be
    /// complete and shorter than the run, as it is in any run of more than <see cref="PilotSize"/> trials.
    /// </summary>
    public void StopAt(long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trials, PilotSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trials, _trials);
        _trials = trials;
    }

    /// <summary>Trials in this run's pilot.</summary>
    public int PilotTrials { get; }

    /// <summary>Whether the histogram ranges are fixed, so that trials are tallied as they come.</summary>
    public bool Tallying => _histogram is not null;

    /// <summary>Copies a batch of the pilot's trials (starting at trial <paramref name="firstTrial"/>) into the pilot.</summary>
    public void AddToPilot(long firstTrial, int count, IMetricColumns batch)
    {
        for (int m = 0; m < _metrics; m++)
        {
            batch.Column(m)[..count].CopyTo(_pilot[m].AsSpan((int)firstTrial));
        }
        Interlocked.Add(ref _pilotCount, count);
    }

    /// <summary>Whether the pilot is complete once <paramref name="trialsDone"/> trials have run.</summary>
    public bool PilotComplete(long trialsDone) => !Tallying && (trialsDone >= PilotTrials || trialsDone >= _trials);

    /// <summary>Fixes the histogram ranges, point masses and capture bands from the pilot, then tallies the pilot.</summary>
    public void StartTallying()
    {
        int total = _pilotCount;
        var low = new double[_metrics];
        var scale = new double[_metrics];
        var atoms = new double[_metrics][];
        // When the pilot holds every trial, its sorted values give exact percentiles directly.
        bool all = total == _trials;
        if (all)
        {
            _exactSorted = new double[_metrics][];
        }
        // Each metric's pilot is sorted and read on its own, on every worker thread; the bands are then listed in
        // metric order, so the result never depends on the threads.
        var bandsOf = new CaptureBand[_metrics][];
        var fineBandsOf = new FineBand[_metrics][];
        Parallel.For(0, _metrics, new ParallelOptions { MaxDegreeOfParallelism = _workers.Length }, () => new double[total], (m, _, values) =>
        {
            _pilot[m].AsSpan(0, total).CopyTo(values);
            RadixSort.Sort(values);
            (low[m], scale[m], atoms[m]) = QuantileHistogram.RangeFromPilot(values);
            if (all)
            {
                _exactSorted![m] = (double[])values.Clone();
                (bandsOf[m], fineBandsOf[m]) = ([], []);
            }
            else
            {
                fineBandsOf[m] = CrowdedBands(m, values, low[m], scale[m], atoms[m]).ToArray();
                bandsOf[m] = _decisionMetrics.Contains(m) ? DecisionBands(m, values).ToArray() : [];
            }
            return values;
        }, _ => { });
        _bands = bandsOf.SelectMany(b => b).ToArray();
        _fineBands = fineBandsOf.SelectMany(b => b).ToArray();
        _bandsOf = Enumerable.Range(0, _metrics).Select(m => Enumerable.Range(0, _bands.Length).Where(b => _bands[b].Metric == m).ToArray()).ToArray();
        _fineBandsOf = Enumerable.Range(0, _metrics)
            .Select(m => Enumerable.Range(0, _fineBands.Length).Where(b => _fineBands[b].Metric == m).ToArray()).ToArray();
        _histogram = new QuantileHistogram(low, scale, atoms, counted: false);
        foreach (var worker in _workers)
        {
            worker.Start(_histogram, _bands.Length, _fineBands);
        }
        Tally(0, new PilotColumns(_pilot, total));
        // The pilot's values (one column of up to 65,536 per metric: 135 MB for 258 metrics) are not needed again.
        _pilot = [];
    }

    /// <summary>Counts a batch of trials in worker <paramref name="worker"/>'s tallies.</summary>
    public void Tally(int worker, IMetricColumns batch)
    {
        for (int m = 0; m < _metrics; m++)
        {
            TallyColumn(worker, m, batch.Column(m));
        }
    }

    /// <summary>
    /// Counts one metric's column of a batch in worker <paramref name="worker"/>'s tallies: its histogram, and the
    /// capture bands of that metric (while the column is still in the cache).
    /// </summary>
    public void TallyColumn(int worker, int metric, ReadOnlySpan<double> column)
    {
        var tally = _workers[worker];
        tally.Histogram!.AddAll(metric, column);
        int[] bands = _bandsOf[metric];
        int[] fine = _fineBandsOf[metric];
        if (bands.Length == 0 && fine.Length == 0)
        {
            return;
        }
        var inside = tally.Indices(column.Length);
        foreach (int b in bands)
        {
            var band = _bands[b];
            int count = ColumnKernels.InRange(column, band.Low, band.High, inside, ref tally.BandBelow[b]);
            tally.BandValues[b].Add(column, inside[..count]);
        }
        foreach (int b in fine)
        {
            var band = _fineBands[b];
            var counts = tally.Fine[b];
            int count = ColumnKernels.InRange(column, band.Low, band.High, inside, ref counts.Below);
            for (int k = 0; k < count; k++)
            {
                double v = column[inside[k]];
                int bin = band.BinOf(v);
                counts.Counts[bin]++;
                counts.Min[bin] = Math.Min(counts.Min[bin], v);
                counts.Max[bin] = Math.Max(counts.Max[bin], v);
            }
        }
    }

    // Where the pilot shows a reported percentile in a bin too crowded for the histogram's rank guarantee (a
    // spike of density, e.g. savings just starting to ramp up), the main pass also keeps every value in a band
    // around the pilot's estimate, wide enough to hold the true percentile.
    private IEnumerable<FineBand> CrowdedBands(int metric, double[] sorted, double low, double scale, double[] atoms)
    {
        int n = sorted.Length;
        double width = 1 / scale;
        foreach (double p in _probabilities)
        {
            double q = Percentiles.OfSorted(sorted, p);
            if (Array.IndexOf(atoms, q) >= 0)
            {
                continue;
            }
            double x = (q - low) * scale;
            double binLow = low + (Math.Floor(x) - 1) * width;
            double binHigh = low + (Math.Floor(x) + 2) * width;
            int inside = CountBetween(sorted, binLow, binHigh);
            bool crowded = x < 0 || x >= QuantileHistogram.Bins || inside > CrowdedShare * Tolerance * n * 3;
            if (!crowded)
            {
                continue;
            }
            double delta = CaptureStandardErrors * Math.Sqrt(p * (1 - p) / n) + 2.0 / n;
            yield return FineBand.FromPilot(metric, sorted, Percentiles.OfSorted(sorted, Math.Max(0, p - delta)),
                Percentiles.OfSorted(sorted, Math.Min(1, p + delta)));
        }
    }

    // Around each reserve percentile of a decision metric the main pass keeps every value in a band wide enough for
    // the percentile's 95% interval (1.96 standard errors at the smallest run that tallies, the pilot's size) plus
    // the pilot's own error (5 standard errors), so the interval's ends are read exactly without a second pass.
    private static IEnumerable<CaptureBand> DecisionBands(int metric, double[] sorted)
    {
        int n = sorted.Length;
        foreach (double p in DecisionPercentiles)
        {
            double delta = (CaptureStandardErrors + ConfidenceInterval.Z95) * Math.Sqrt(p * (1 - p) / n) + 2.0 / n;
            yield return new CaptureBand(metric, Percentiles.OfSorted(sorted, Math.Max(0, p - delta)),
                Percentiles.OfSorted(sorted, Math.Min(1, p + delta)));
        }
    }

    private static int CountBetween(double[] sorted, double low, double high)
    {
        int a = Array.BinarySearch(sorted, low);
        int b = Array.BinarySearch(sorted, high);
        a = a < 0 ? ~a : a;
        b = b < 0 ? ~b : b;
        return b - a;
    }

    /// <summary>
    /// Reads every needed order statistic: from the sorted pilot when it held every trial, else from a capture band
    /// or the histogram, and by an exact second pass where the histogram's certified error is above the tolerance.
    /// </summary>
    /// <param name="moments">Each metric's moments (its minimum and maximum bound the outer bins).</param>
    /// <param name="rerun">
    /// Re-simulates every trial of the run (same streams, same values), handing each batch to the callback with its
    /// worker; it stops between batches of work when the run is cancelled.
    /// </param>
    public PercentileEstimates Finish(Moments[] moments, Action<Action<int, IMetricColumns>> rerun)
    {
        var histogram = _workers[0].Histogram!;
        for (int t = 1; t < _workers.Length; t++)
        {
            histogram.Merge(_workers[t].Histogram!);
        }
        var bandValues = new double[_bands.Length][];
        var bandBelow = new long[_bands.Length];
        for (int b = 0; b < _bands.Length; b++)
        {
            bandValues[b] = new double[_workers.Sum(w => w.BandValues[b].Count)];
            int at = 0;
            foreach (var worker in _workers)
            {
                at += worker.BandValues[b].MoveTo(bandValues[b].AsSpan(at));
            }
            Array.Sort(bandValues[b]);
            bandBelow[b] = _workers.Sum(w => w.BandBelow[b]);
        }
        var fine = new FineCounts[_fineBands.Length];
        for (int b = 0; b < fine.Length; b++)
        {
            fine[b] = new FineCounts(_fineBands[b].BinCount);
            foreach (var worker in _workers)
            {
                fine[b].Add(worker.Fine[b]);
            }
        }
        // Everything the workers held is merged: only the merged histogram lives on (in the estimates), so the stages
        // after the statistics do not allocate on top of the workers' tables.
        foreach (var worker in _workers)
        {
            worker.Release(keepHistogram: worker == _workers[0]);
        }

        long n = _trials;
        // Which order statistics each (metric, probability) needs, and where the histogram is not sure enough.
        var orderStats = new Dictionary<(int Metric, long Rank), double>();
        var located = new Dictionary<(int Metric, long Rank), (ExactBin Bin, long Index)>();
        var uncertainBins = new HashSet<ExactBin>();
        long tolerance = (long)Math.Floor(Tolerance * n);
        long worst = 0;
        foreach (var (m, rank, exactOnly) in NeededRanks(n))
        {
            if (orderStats.ContainsKey((m, rank)))
            {
                continue;
            }
            if (_exactSorted is not null)
            {
                orderStats[(m, rank)] = _exactSorted[m][rank];
                continue;
            }
            var (value, slot, index, error) = histogram.Locate(m, rank, moments[m].Min, moments[m].Max);
            var bin = new ExactBin(m, -1, slot);
            if (error > 0 && FromBand(m, rank, bandValues, bandBelow) is double exactValue)
            {
                orderStats[(m, rank)] = exactValue;
                continue;
            }
            // A crowded percentile's fine band, where it holds the rank more tightly than the histogram's bin.
            foreach (int b in _fineBandsOf[m])
            {
                if (error > 0 && fine[b].Locate(rank) is var (bandValue, bandBin, bandIndex, bandError) && bandError < error)
                {
                    (value, bin, index, error) = (bandValue, new ExactBin(m, b, bandBin), bandIndex, bandError);
                }
            }
            orderStats[(m, rank)] = value;
            located[(m, rank)] = (bin, index);
            // A decision figure's order statistics must be exact: any rank error sends its bin to the exact pass.
            if (error > tolerance || (exactOnly && error > 0))
            {
                uncertainBins.Add(bin);
            }
            else
            {
                worst = Math.Max(worst, error);
            }
        }
        bool exactPass = uncertainBins.Count > 0;
        if (exactPass)
        {
            var exact = CollectExact(histogram, uncertainBins, rerun);
            foreach (var (key, (bin, index)) in located)
            {
                if (exact.TryGetValue(bin, out var sorted))
                {
                    orderStats[key] = sorted[index];
                }
            }
        }
        return new PercentileEstimates(n, orderStats, (double)worst / n, exactPass, histogram, _exactSorted, moments);
    }

    /// <summary>
    /// Values the estimator holds for its capture bands once the run is tallied: those kept one by one (the decision
    /// metrics' bands), and the fine bands' counters (each a count, a minimum and a maximum). Neither the counters nor,
    /// for a run without decision metrics, the values grow with the number of trials.
    /// </summary>
    internal (long KeptValues, long FineCounters) HeldByBands() =>
        (_workers.Sum(w => w.BandValues.Sum(v => (long)v.Count)), _workers.Sum(w => w.Fine.Sum(f => (long)f.Counts.Length)));

    // Every order statistic the run reports: the two ranks around each needed percentile of every metric, then on
    // each decision metric the ranks around its reserve percentiles and the ends of their 95% intervals (exact only).
    private IEnumerable<(int Metric, long Rank, bool ExactOnly)> NeededRanks(long n)
    {
        foreach (int m in _decisionMetrics)
        {
            foreach (double p in DecisionPercentiles)
            {
                long k = (long)Math.Floor((n - 1) * p);
                var (lower, upper) = ConfidenceInterval.OrderStatisticRanks(n, p);
                foreach (long rank in new[] { k, Math.Min(k + 1, n - 1), lower, upper })
                {
                    yield return (m, rank, true);
                }
            }
        }
        for (int m = 0; m < _metrics; m++)
        {
            foreach (double p in _probabilities)
            {
                long k = (long)Math.Floor((n - 1) * p);
                for (long rank = k; rank <= Math.Min(k + 1, n - 1); rank++)
                {
                    yield return (m, rank, false);
                }
            }
        }
    }

    private double? FromBand(int metric, long rank, double[][] bandValues, long[] bandBelow)
    {
        for (int b = 0; b < _bands.Length; b++)
        {
            if (_bands[b].Metric == metric && rank >= bandBelow[b] && rank < bandBelow[b] + bandValues[b].Length)
            {
                return bandValues[b][rank - bandBelow[b]];
            }
        }
        return null;
    }

    // Re-simulates every block (same streams, same values) and keeps the values of the few bins (histogram slots or
    // fine-band bins) whose order statistics the counts could not pin down tightly enough.
    private Dictionary<ExactBin, double[]> CollectExact(QuantileHistogram histogram, HashSet<ExactBin> bins,
        Action<Action<int, IMetricColumns>> rerun)
    {
        var byMetric = bins.GroupBy(b => b.Metric).ToDictionary(g => g.Key, g => g.ToArray());
        var keys = bins.ToArray();
        var index = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var found = new List<double>[_workers.Length][];
        for (int t = 0; t < found.Length; t++)
        {
            found[t] = keys.Select(_ => new List<double>()).ToArray();
        }
        rerun((worker, batch) =>
        {
            foreach (var (metric, wanted) in byMetric)
            {
                foreach (double v in batch.Column(metric))
                {
                    int slot = -2;
                    foreach (var bin in wanted)
                    {
                        bool inside;
                        if (bin.Band < 0)
                        {
                            slot = slot == -2 ? histogram.SlotOf(metric, v) : slot;
                            inside = slot == bin.Bin && !histogram.IsAtom(metric, v);
                        }
                        else
                        {
                            var band = _fineBands[bin.Band];
                            inside = v >= band.Low && v <= band.High && band.BinOf(v) == bin.Bin;
                        }
                        if (inside)
                        {
                            found[worker][index[bin]].Add(v);
                        }
                    }
                }
            }
        });
        var result = new Dictionary<ExactBin, double[]>();
        for (int i = 0; i < keys.Length; i++)
        {
            var all = found.SelectMany(f => f[i]).ToArray();
            Array.Sort(all);
            result[keys[i]] = all;
        }
        return result;
    }

    /// <summary>A value range of one metric whose every value the main pass keeps.</summary>
    private readonly record struct CaptureBand(int Metric, double Low, double High);

    /// <summary>Where the exact pass collects values: a histogram slot (<c>Band</c> −1) or a bin of a fine band.</summary>
    private readonly record struct ExactBin(int Metric, int Band, int Bin);

    /// <summary>
    /// A value range of one metric around a crowded percentile, counted in fine bins instead of kept value by value: a
    /// bin per gap between the distinct pilot values inside it, and a bin of its own for each value the pilot holds more
    /// than once. A gap between neighbouring pilot values holds about 1/65,536 of the trials, far below the tolerated
    /// rank error, and each bin's minimum and maximum make a point mass exact.
    /// </summary>
    private sealed class FineBand(int metric, double[] edges)
    {
        public int Metric { get; } = metric;

        /// <summary>Bin i holds [edges[i], edges[i + 1]).</summary>
        public double[] Edges { get; } = edges;

        public double Low => Edges[0];

        /// <summary>The largest value in the band.</summary>
        public double High { get; } = Math.BitDecrement(edges[^1]);

        public int BinCount => Edges.Length - 1;

        /// <summary>The bin of a value in [<see cref="Low"/>, <see cref="High"/>]: the last edge at or below it, found by a binary
        /// search whose steps are selects, not branches on the data (values fall anywhere in the band).</summary>
        public int BinOf(double v)
        {
            double[] edges = Edges;
            int low = 0, n = edges.Length;
            while (n > 1)
            {
                int half = n >> 1;
                low = edges[low + half] <= v ? low + half : low;
                n -= half;
            }
            return low;
        }

        public static FineBand FromPilot(int metric, double[] sorted, double low, double high)
        {
            var edges = new List<double> { low };
            int start = CountBetween(sorted, double.NegativeInfinity, low);
            while (start < sorted.Length && sorted[start] <= high)
            {
                double v = sorted[start];
                int end = start + 1;
                while (end < sorted.Length && sorted[end] == v)
                {
                    end++;
                }
                if (v > edges[^1])
                {
                    edges.Add(v);
                }
                // A repeated value gets a bin of its own.
                if (end - start > 1 && Math.BitIncrement(v) > edges[^1])
                {
                    edges.Add(Math.BitIncrement(v));
                }
                start = end;
            }
            if (Math.BitIncrement(high) > edges[^1])
            {
                edges.Add(Math.BitIncrement(high));
            }
            return new FineBand(metric, edges.ToArray());
        }
    }

    /// <summary>One worker's (or the run's) counts of a fine band: values below it, and each bin's count, minimum and maximum.</summary>
    private sealed class FineCounts
    {
        public FineCounts(int bins)
        {
            Counts = new long[bins];
            Min = new double[bins];
            Max = new double[bins];
            Min.AsSpan().Fill(double.PositiveInfinity);
            Max.AsSpan().Fill(double.NegativeInfinity);
        }

        public long Below;

        public long[] Counts { get; }

        public double[] Min { get; }

        public double[] Max { get; }

        public void Add(FineCounts other)
        {
            Below += other.Below;
            for (int i = 0; i < Counts.Length; i++)
            {
                Counts[i] += other.Counts[i];
                Min[i] = Math.Min(Min[i], other.Min[i]);
                Max[i] = Math.Max(Max[i], other.Max[i]);
            }
        }

        /// <summary>
        /// The order statistic of rank <paramref name="rank"/> if it falls in the band: exact when it is its bin's smallest
        /// or largest value or the bin holds one value only, else interpolated with the bin's count as the rank error.
        /// </summary>
        public (double Value, int Bin, long Index, long Error)? Locate(long rank)
        {
            long before = Below;
            if (rank < before)
            {
                return null;
            }
            for (int i = 0; i < Counts.Length; i++)
            {
                long c = Counts[i];
                if (rank < before + c)
                {
                    long j = rank - before;
                    if (j == 0 || Min[i] == Max[i])
                    {
                        return (Min[i], i, j, 0);
                    }
                    if (j == c - 1)
                    {
                        return (Max[i], i, j, 0);
                    }
                    return (Min[i] + (j + 0.5) / c * (Max[i] - Min[i]), i, j, c);
                }
                before += c;
            }
            return null;
        }
    }

    /// <summary>One worker's histogram, capture-band values and fine-band counts.</summary>
    private sealed class WorkerTally
    {
        private int[] _indices = [];

        public QuantileHistogram? Histogram { get; private set; }

        public BandValues[] BandValues { get; private set; } = [];

        public long[] BandBelow { get; private set; } = [];

        public FineCounts[] Fine { get; private set; } = [];

        public void Start(QuantileHistogram template, int bands, FineBand[] fine)
        {
            Histogram = template.EmptyCopy();
            BandValues = Enumerable.Range(0, bands).Select(_ => new BandValues()).ToArray();
            BandBelow = new long[bands];
            Fine = fine.Select(b => new FineCounts(b.BinCount)).ToArray();
        }

        /// <summary>Drops the band values, fine counts and (unless kept) the histogram once they are merged.</summary>
        public void Release(bool keepHistogram)
        {
            if (!keepHistogram)
            {
                Histogram = null;
            }
            BandValues = [];
            Fine = [];
            _indices = [];
        }

        /// <summary>Scratch for the indices of a column's values inside a band.</summary>
        public Span<int> Indices(int length)
        {
            if (_indices.Length < length)
            {
                _indices = new int[length];
            }
            return _indices;
        }
    }

    /// <summary>
    /// A capture band's values in one worker, in fixed chunks of 8,192 (64 KB, below the large-object threshold): the
    /// store grows without copying and leaves no discarded doubled arrays behind, which at ten million trials would
    /// otherwise pile up in the large-object heap until a full collection.
    /// </summary>
    private sealed class BandValues
    {
        private const int ChunkSize = 8192;
        private readonly List<double[]> _chunks = [];

        public int Count { get; private set; }

        /// <summary>Appends <paramref name="column"/>[i] for each i in <paramref name="indices"/>, in that order.</summary>
        public void Add(ReadOnlySpan<double> column, ReadOnlySpan<int> indices)
        {
            foreach (int i in indices)
            {
                int at = Count++ % ChunkSize;
                if (at == 0)
                {
                    _chunks.Add(new double[ChunkSize]);
                }
                _chunks[^1][at] = column[i];
            }
        }

        /// <summary>Copies the values, in the order they came, to <paramref name="into"/>, lets the chunks go and returns the count.</summary>
        public int MoveTo(Span<double> into)
        {
            int at = 0;
            foreach (var chunk in _chunks)
            {
                int n = Math.Min(ChunkSize, Count - at);
                chunk.AsSpan(0, n).CopyTo(into[at..]);
                at += n;
            }
            _chunks.Clear();
            int count = Count;
            Count = 0;
            return count;
        }
    }

    /// <summary>The pilot's first <c>count</c> trials as columns.</summary>
    private sealed class PilotColumns(double[][] pilot, int count) : IMetricColumns
    {
        public ReadOnlySpan<double> Column(int metric) => pilot[metric].AsSpan(0, count);
    }
}

/// <summary>The order statistics a run needs, read by <see cref="PercentileEstimator.Finish"/>.</summary>
internal sealed class PercentileEstimates(long trials, Dictionary<(int Metric, long Rank), double> orderStats,
    double errorBound, bool exactPass, QuantileHistogram histogram, double[][]? exactSorted, Moments[] moments)
{
    /// <summary>Largest certified rank error of any reported percentile, as a fraction of the trials.</summary>
    public double ErrorBound { get; } = errorBound;

    /// <summary>Whether the exact second pass ran.</summary>
    public bool ExactPass { get; } = exactPass;

    /// <summary>The order statistic of 0-based rank <paramref name="rank"/> of a metric (one of the ranks the run needed).</summary>
    public double OrderStatistic(int metric, long rank) => orderStats[(metric, rank)];

    /// <summary>The type-7 percentile <paramref name="p"/> of a metric (one of the probabilities asked for).</summary>
    public double Percentile(int metric, double p) => Percentiles.Interpolated(trials, p, rank => orderStats[(metric, rank)]);

    /// <summary>
    /// The metric's order statistics at p = 0, 1/(points − 1), …, 1 (nearest rank; exact for small runs, within
    /// one histogram bin otherwise), for drawing a histogram or S-curve.
    /// </summary>
    public IReadOnlyList<double> Quantiles(int metric, int points) => Enumerable.Range(0, points).Select(i =>
    {
        long rank = (long)Math.Round((trials - 1) * (i / (double)(points - 1)));
        return exactSorted is not null
            ? exactSorted[metric][rank]
            : histogram.Locate(metric, rank, moments[metric].Min, moments[metric].Max).Value;
    }).ToArray();
}
