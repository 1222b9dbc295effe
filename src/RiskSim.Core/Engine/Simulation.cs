using System.Diagnostics;
using RiskSim.Core.Model;
using RiskSim.Core.Statistics;

namespace RiskSim.Core.Engine;

/// <summary>What to simulate and how.</summary>
/// <param name="Trials">Number of trials, ≥ 1.</param>
/// <param name="Seed">Master seed; with the scenario and trial count it fixes every result.</param>
/// <param name="Threads">Worker threads; 0 means all cores. Never changes the results.</param>
/// <param name="KeepTrials">How many of the first trials go to the trial sink (0 = none).</param>
/// <param name="PairedTrials">How many of the first trials keep their NPV and cumulative net savings at the
/// target year (the last year without a target) in the result, for paired comparisons (0 = none).</param>
public sealed record SimulationOptions(long Trials, ulong Seed, int Threads = 0, long KeepTrials = 0, long PairedTrials = 0)
{
    /// <summary>Trials per block: the unit of random streams, parallel work and ordered output.</summary>
    public const int BlockSize = 4096;

    /// <summary>Most trials the sensitivity analysis ranks (the first ones of the run).</summary>
    public const int SensitivityTrials = 200_000;
}

/// <summary>Runs a scenario: the parallel, deterministic Monte Carlo engine.</summary>
public static class Simulation
{
    /// <summary>Largest rank error tolerated for a reported percentile, as a fraction (0.05 percentile points).</summary>
    public const double PercentileTolerance = 0.0005;

    /// <summary>Simulates <paramref name="scenario"/> and summarises the result.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Trials, seed, threads and how many trials to stream out.</param>
    /// <param name="sink">Receives the first <see cref="SimulationOptions.KeepTrials"/> trials in order; may be null.</param>
    /// <param name="progress">Told the number of trials done after each wave of blocks; may be null.</param>
    /// <param name="cancellation">Stops the run between waves (throws <see cref="OperationCanceledException"/>).</param>
    public static RunResult Run(Scenario scenario, SimulationOptions options, ITrialSink? sink = null,
        IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trials, 1);
        var model = new CompiledScenario(scenario);
        var run = new RunState(model, options, sink);
        var clock = Stopwatch.StartNew();
        run.SimulateAll(progress, cancellation);
        var simulated = clock.Elapsed;
        clock.Restart();
        var summary = run.Summarise(out double errorBound, out bool exactPass, out var decision, cancellation);
        var statistics = clock.Elapsed;
        clock.Restart();
        var sensitivity = run.Sensitivity();
        var exposures = run.PartnerExposures(decision);
        return new RunResult
        {
            Scenario = scenario,
            Trials = options.Trials,
            Seed = options.Seed,
            Threads = run.Threads,
            Summary = summary,
            Decision = decision,
            Sensitivity = sensitivity,
            NpvQuantiles = run.NpvQuantiles,
            PairedNpv = run.PairedNpv,
            PairedCumulative = run.PairedCumulative,
            Plan = PlanOf(model),
            PartnerExposures = exposures,
            SensitivityTrials = run.SensitivityCount,
            PercentileErrorBound = errorBound * 100,
            ExactPercentilePass = exactPass,
            Timings = new RunTimings(simulated, statistics, clock.Elapsed),
        };
    }

    /// <summary>All mutable state of one run; lives only inside <see cref="Run"/>.</summary>
    private sealed class RunState
    {
        private const int PilotTrials = 65536;
        private readonly CompiledScenario _model;
        private readonly SimulationOptions _options;
        private readonly ITrialSink? _sink;
        private readonly long _blocks;
        private readonly BlockWorkspace[] _slots;
        private readonly Moments[][] _blockMoments;
        private readonly long[] _targetMet;
        private readonly Worker[] _workers;
        private readonly double _target;
        private readonly int _targetMetric;
        private readonly float[][] _sensitivityInputs;
        private readonly double[] _sensitivityNpv;
        private QuantileHistogram? _histogram;
        private double[][]? _exactSorted;
        private readonly double[][] _pilot;
        private int _pilotCount;
        private readonly List<double> _probabilities;
        private readonly long _fullTrials;
        private readonly int _pairedMetric;
        private CaptureBand[] _bands = [];

        public RunState(CompiledScenario model, SimulationOptions options, ITrialSink? sink)
        {
            _model = model;
            _options = options;
            _sink = sink;
            _blocks = (options.Trials + SimulationOptions.BlockSize - 1) / SimulationOptions.BlockSize;
            int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
            Threads = (int)Math.Max(1, Math.Min(threads, _blocks));
            int slots = (int)Math.Min(_blocks, Threads * 4);
            _slots = new BlockWorkspace[slots];
            for (int s = 0; s < slots; s++)
            {
                _slots[s] = new BlockWorkspace(model, SimulationOptions.BlockSize);
            }
            _blockMoments = new Moments[_blocks][];
            _targetMet = new long[_blocks];
            _workers = new Worker[Threads];
            if (model.Scenario.Target is { } target)
            {
                _target = target.CumulativeNetSavings;
                _targetMetric = model.CumulativeMetric(target.ByYear);
            }
            else
            {
                _targetMetric = -1;
            }
            _probabilities = new List<double>(Percentiles.Reported);
            if (model.Scenario.Target is not null)
            {
                _probabilities.Add(0.20);
            }
            SensitivityCount = (int)Math.Min(options.Trials, SimulationOptions.SensitivityTrials);
            _fullTrials = Math.Max(SensitivityCount, options.KeepTrials);
            int paired = (int)Math.Min(options.Trials, Math.Min(options.PairedTrials, int.MaxValue));
            PairedNpv = new double[paired];
            PairedCumulative = new double[paired];
            _pairedMetric = _targetMetric >= 0 ? _targetMetric : model.CumulativeMetric(model.H);
            _sensitivityInputs = model.Uncertain.Select(_ => new float[SensitivityCount]).ToArray();
            _sensitivityNpv = new double[SensitivityCount];
            int pilot = (int)Math.Min(options.Trials, PilotTrials);
            _pilot = Enumerable.Range(0, model.MetricCount).Select(_ => new double[pilot]).ToArray();
        }

        public int Threads { get; }

        public int SensitivityCount { get; }

        public double[] PairedNpv { get; }

        public double[] PairedCumulative { get; }

        public IReadOnlyList<double> NpvQuantiles { get; private set; } = [];

        public IReadOnlyList<PartnerExposure> PartnerExposures(DecisionFigures decision)
        {
            var model = _model;
            var result = new List<PartnerExposure>();
            int count = SensitivityCount;
            for (int p = 0; p < model.Partners.Length; p++)
            {
                var plan = model.Partners[p];
                if (plan.Notice < 0)
                {
                    continue;
                }
                int k = Array.IndexOf(model.Uncertain, plan.Notice);
                double constant = model.Inputs[plan.Notice].Distribution.SupportMin;
                var exit = new List<double>();
                var stay = new List<double>();
                for (int i = 0; i < count; i++)
                {
                    double notice = k >= 0 ? _sensitivityInputs[k][i] : constant;
                    (notice + plan.NoticeYears < model.H ? exit : stay).Add(_sensitivityNpv[i]);
                }
                exit.Sort();
                stay.Sort();
                var partner = model.Scenario.Partners[p];
                double probability = decision.PartnerExits.First(x => x.PartnerId == partner.Id).ProbabilityOfExit;
                result.Add(new PartnerExposure(partner.Id, partner.Name, probability, exit.Count,
                    Percentiles.OfSorted(exit, 0.5), Percentiles.OfSorted(stay, 0.5),
                    exit.Count > 0 ? exit.Average() : double.NaN, stay.Count > 0 ? stay.Average() : double.NaN));
            }
            return result;
        }

        public void SimulateAll(IProgress<long>? progress, CancellationToken cancellation)
        {
            for (int t = 0; t < _workers.Length; t++)
            {
                _workers[t] = new Worker(_model);
            }
            long next = 0;
            while (next < _blocks)
            {
                cancellation.ThrowIfCancellationRequested();
                int wave = (int)Math.Min(_slots.Length, _blocks - next);
                bool tally = _histogram is not null;
                RunWave(next, wave, (worker, w) => SimulateBlock(worker, w, tally));
                next += wave;
                if (_histogram is null && (next * SimulationOptions.BlockSize >= _pilot[0].Length || next == _blocks))
                {
                    // The pilot (the first trials) fixes the histogram ranges; then its values are tallied.
                    _histogram = PilotHistogram();
                    foreach (var worker in _workers)
                    {
                        worker.StartTally(_histogram, _bands.Length);
                    }
                    TallyMetrics(_workers[0], (m, _) => _pilot[m].AsSpan(0, _pilotCount));
                    // Blocks of this wave beyond the pilot were held back until the ranges were known.
                    for (int s = 0; s < wave; s++)
                    {
                        var w = _slots[s];
                        if (w.FirstTrial >= _pilot[0].Length)
                        {
                            TallyMetrics(_workers[0], (m, _) => w.Metric(m));
                        }
                    }
                }
                for (int s = 0; s < wave && _sink is not null; s++)
                {
                    var w = _slots[s];
                    if (w.FirstTrial >= _options.KeepTrials)
                    {
                        break;
                    }
                    int count = w.Count;
                    w.Count = (int)Math.Min(count, _options.KeepTrials - w.FirstTrial);
                    _sink.Write(w.View);
                    w.Count = count;
                }
                progress?.Report(Math.Min(_options.Trials, next * SimulationOptions.BlockSize));
            }
        }

        // Points a workspace at block `block`: its trials are BlockSize·block onwards, the last block shorter.
        private void AssignBlock(BlockWorkspace w, long block)
        {
            w.BlockIndex = block;
            w.FirstTrial = block * SimulationOptions.BlockSize;
            w.Count = (int)Math.Min(SimulationOptions.BlockSize, _options.Trials - w.FirstTrial);
        }

        // Runs blocks first .. first + wave − 1 on the workspace slots, shared between the workers
        // (worker t owns its tallies), and returns when all are done.
        private void RunWave(long first, int wave, Action<int, BlockWorkspace> work)
        {
            for (int s = 0; s < wave; s++)
            {
                AssignBlock(_slots[s], first + s);
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

        private void SimulateBlock(int worker, BlockWorkspace w, bool tally)
        {
            BlockSimulator.SampleInputs(w, _options.Seed, w.FirstTrial < _fullTrials);
            BlockSimulator.Simulate(w, _target, _targetMetric);
            Record(w);
            TallyCounts(_workers[worker], w);
            if (tally)
            {
                TallyMetrics(_workers[worker], (m, _) => w.Metric(m));
            }
            else if (w.FirstTrial < _pilot[0].Length)
            {
                for (int m = 0; m < _model.MetricCount; m++)
                {
                    w.Metric(m).CopyTo(_pilot[m].AsSpan((int)w.FirstTrial));
                }
                Interlocked.Add(ref _pilotCount, w.Count);
            }
        }

        // Per-block results kept by block index, so merging order never depends on scheduling.
        private void Record(BlockWorkspace w)
        {
            var moments = new Moments[_model.MetricCount];
            for (int m = 0; m < moments.Length; m++)
            {
                moments[m] = Moments.Of(w.Metric(m));
            }
            _blockMoments[w.BlockIndex] = moments;
            _targetMet[w.BlockIndex] = w.TargetMet;
            if (w.FirstTrial < PairedNpv.Length)
            {
                int count = (int)Math.Min(w.Count, PairedNpv.Length - w.FirstTrial);
                w.Metric(_model.NpvMetric)[..count].CopyTo(PairedNpv.AsSpan((int)w.FirstTrial, count));
                w.Metric(_pairedMetric)[..count].CopyTo(PairedCumulative.AsSpan((int)w.FirstTrial, count));
            }
            if (w.FirstTrial < SensitivityCount)
            {
                int count = (int)Math.Min(w.Count, SensitivityCount - w.FirstTrial);
                int offset = (int)w.FirstTrial;
                var uncertain = _model.Uncertain;
                for (int k = 0; k < uncertain.Length; k++)
                {
                    var source = w.Input(uncertain[k]);
                    var destination = _sensitivityInputs[k];
                    for (int i = 0; i < count; i++)
                    {
                        destination[offset + i] = (float)source[i];
                    }
                }
                w.Metric(_model.NpvMetric)[..count].CopyTo(_sensitivityNpv.AsSpan(offset, count));
            }
        }

        private delegate ReadOnlySpan<double> MetricColumn(int metric, int unused);

        private void TallyMetrics(Worker worker, MetricColumn column)
        {
            var h = worker.Histogram!;
            for (int m = 0; m < h.Metrics; m++)
            {
                h.AddAll(m, column(m, 0));
            }
            for (int b = 0; b < _bands.Length; b++)
            {
                var band = _bands[b];
                var values = worker.BandValues[b];
                long below = 0;
                foreach (double v in column(band.Metric, 0))
                {
                    if (v < band.Low)
                    {
                        below++;
                    }
                    else if (v <= band.High)
                    {
                        values.Add(v);
                    }
                }
                worker.BandBelow[b] += below;
            }
        }

        private static void TallyCounts(Worker worker, BlockWorkspace w)
        {
            foreach (int p in w.Payback.AsSpan(0, w.Count))
            {
                worker.Payback[p]++;
            }
            for (int p = 0; p < worker.Exits.Length; p++)
            {
                foreach (double e in w.ExitMonth.AsSpan(p * w.Size, w.Count))
                {
                    if (!double.IsNaN(e))
                    {
                        worker.Exits[p]++;
                    }
                }
            }
            for (int r = 0; r < worker.Occurrences.Length; r++)
            {
                foreach (double o in w.Input(w.Model.Risks[r].Occurs))
                {
                    if (o >= 0.5)
                    {
                        worker.Occurrences[r]++;
                    }
                }
            }
        }

        private QuantileHistogram PilotHistogram()
        {
            int metrics = _model.MetricCount;
            var low = new double[metrics];
            var scale = new double[metrics];
            var atoms = new double[metrics][];
            int total = _pilotCount;
            // When the pilot holds every trial, its sorted values give exact percentiles directly.
            bool all = total == _options.Trials;
            if (all)
            {
                _exactSorted = new double[metrics][];
            }
            var values = new double[total];
            var bands = new List<CaptureBand>();
            for (int m = 0; m < metrics; m++)
            {
                _pilot[m].AsSpan(0, total).CopyTo(values);
                Array.Sort(values);
                (low[m], scale[m], atoms[m]) = QuantileHistogram.RangeFromPilot(values);
                if (all)
                {
                    _exactSorted![m] = (double[])values.Clone();
                }
                else
                {
                    bands.AddRange(CrowdedBands(m, values, low[m], scale[m], atoms[m]));
                }
            }
            _bands = bands.ToArray();
            return new QuantileHistogram(low, scale, atoms);
        }

        // Where the pilot shows a reported percentile in a bin too crowded for the histogram's rank
        // guarantee (a spike of density, e.g. savings just starting to ramp up), the main pass also keeps
        // every value in a band around the pilot's estimate, wide enough to hold the true percentile.
        private IEnumerable<CaptureBand> CrowdedBands(int metric, double[] sorted, double low, double scale, double[] atoms)
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
                bool crowded = x < 0 || x >= QuantileHistogram.Bins || inside > 0.7 * PercentileTolerance * n * 3;
                if (!crowded)
                {
                    continue;
                }
                double delta = 5 * Math.Sqrt(p * (1 - p) / n) + 2.0 / n;
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

        public IReadOnlyList<SummaryRow> Summarise(out double errorBound, out bool exactPass,
            out DecisionFigures decision, CancellationToken cancellation)
        {
            var model = _model;
            var histogram = _workers[0].Histogram!;
            for (int t = 1; t < _workers.Length; t++)
            {
                histogram.Merge(_workers[t].Histogram!);
            }
            var bandValues = new double[_bands.Length][];
            var bandBelow = new long[_bands.Length];
            for (int b = 0; b < _bands.Length; b++)
            {
                bandValues[b] = _workers.SelectMany(w => w.BandValues[b]).ToArray();
                Array.Sort(bandValues[b]);
                bandBelow[b] = _workers.Sum(w => w.BandBelow[b]);
            }
            var moments = new Moments[model.MetricCount];
            for (int m = 0; m < moments.Length; m++)
            {
                moments[m] = Moments.Empty;
            }
            foreach (var block in _blockMoments)
            {
                for (int m = 0; m < moments.Length; m++)
                {
                    moments[m].Merge(block[m]);
                }
            }

            long n = _options.Trials;
            var probabilities = new List<double>(Percentiles.Reported);
            if (model.Scenario.Target is not null)
            {
                probabilities.Add(0.20);
            }

            // Which order statistics each (metric, probability) needs, and where the histogram is not sure enough.
            var orderStats = new Dictionary<(int Metric, long Rank), double>();
            var located = new Dictionary<(int Metric, long Rank), (int Slot, long Index)>();
            var uncertainBins = new HashSet<(int Metric, int Slot)>();
            long tolerance = (long)Math.Floor(PercentileTolerance * n);
            long worst = 0;
            for (int m = 0; m < model.MetricCount; m++)
            {
                foreach (double p in probabilities)
                {
                    long k = (long)Math.Floor((n - 1) * p);
                    for (long rank = k; rank <= Math.Min(k + 1, n - 1); rank++)
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
                        if (error > 0 && FromBand(m, rank, bandValues, bandBelow) is double exactValue)
                        {
                            orderStats[(m, rank)] = exactValue;
                            continue;
                        }
                        orderStats[(m, rank)] = value;
                        located[(m, rank)] = (slot, index);
                        if (error > tolerance)
                        {
                            uncertainBins.Add((m, slot));
                        }
                        else
                        {
                            worst = Math.Max(worst, error);
                        }
                    }
                }
            }
            exactPass = uncertainBins.Count > 0;
            if (exactPass)
            {
                var exact = CollectExact(histogram, uncertainBins, cancellation);
                foreach (var (key, (slot, index)) in located)
                {
                    if (exact.TryGetValue((key.Metric, slot), out var sorted))
                    {
                        orderStats[key] = sorted[index];
                    }
                }
            }
            errorBound = (double)worst / n;
            NpvQuantiles = Enumerable.Range(0, 201).Select(i =>
            {
                long rank = (long)Math.Round((n - 1) * (i / 200.0));
                int npv = model.NpvMetric;
                return _exactSorted is not null
                    ? _exactSorted[npv][rank]
                    : histogram.Locate(npv, rank, moments[npv].Min, moments[npv].Max).Value;
            }).ToArray();

            double Percentile(int metric, double p) => Percentiles.Interpolated(n, p, rank => orderStats[(metric, rank)]);

            SummaryRow Row(string name, int? year, int metric)
            {
                var mo = moments[metric];
                var q = Percentiles.Reported.Select(p => Percentile(metric, p)).ToArray();
                return new SummaryRow(name, year, mo.Count, mo.Mean, mo.Sd, mo.Min, mo.Max, q[0], q[1], q[2], q[3], q[4], q[5], q[6]);
            }

            int H = model.H;
            var rows = new List<SummaryRow>();
            string[] names = [MetricNames.GrossSavings, MetricNames.Costs, MetricNames.NetSavings, MetricNames.CumulativeNetSavings];
            for (int kind = 0; kind < names.Length; kind++)
            {
                for (int t = 1; t <= H; t++)
                {
                    rows.Add(Row(names[kind], t, kind * H + t - 1));
                }
            }
            rows.Add(Row(MetricNames.Npv, null, model.NpvMetric));
            rows.Add(Row(MetricNames.TotalNetSavings, null, model.TotalMetric));

            var payback = new long[H + 1];
            foreach (var w in _workers)
            {
                for (int t = 0; t <= H; t++)
                {
                    payback[t] += w.Payback[t];
                }
            }
            rows.Add(PaybackRow(payback));

            var scenario = model.Scenario;
            double? pTarget = null, p20 = null, p10 = null, p5 = null;
            if (scenario.Target is { } target)
            {
                pTarget = (double)_targetMet.Sum() / n;
                int metric = model.CumulativeMetric(target.ByYear);
                p20 = Percentile(metric, 0.20);
                p10 = Percentile(metric, 0.10);
                p5 = Percentile(metric, 0.05);
            }
            double? Reserve(double? p) => p is double v ? Math.Max(0, scenario.Target!.CumulativeNetSavings - v) : null;
            var exits = new List<PartnerExitFigure>();
            for (int p = 0; p < scenario.Partners.Count; p++)
            {
                // Every partner is listed; one without a withdrawal risk has probability 0.
                long count = _workers.Sum(w => w.Exits[p]);
                exits.Add(new PartnerExitFigure(scenario.Partners[p].Id, scenario.Partners[p].Name, (double)count / n));
            }
            var risks = scenario.Risks.Select((r, i) =>
                new RiskFrequencyFigure(r.Id, r.Name, (double)_workers.Sum(w => w.Occurrences[i]) / n)).ToList();
            decision = new DecisionFigures(scenario.Target, pTarget, p20, p10, p5,
                Reserve(p20), Reserve(p10), Reserve(p5), (double)(n - payback[0]) / n, exits, risks);
            return rows;
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

        // Payback years are whole numbers: exact statistics from their counts.
        private static SummaryRow PaybackRow(long[] counts)
        {
            long n = 0;
            double sum = 0;
            for (int t = 1; t < counts.Length; t++)
            {
                n += counts[t];
                sum += (double)t * counts[t];
            }
            if (n == 0)
            {
                return new SummaryRow(MetricNames.PaybackYear, null, 0, double.NaN, double.NaN, double.NaN, double.NaN,
                    double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            }
            double mean = sum / n, m2 = 0;
            int min = 0, max = 0;
            for (int t = 1; t < counts.Length; t++)
            {
                if (counts[t] > 0)
                {
                    m2 += counts[t] * (t - mean) * (t - mean);
                    min = min == 0 ? t : min;
                    max = t;
                }
            }
            double OrderStat(long rank)
            {
                long seen = 0;
                for (int t = 1; t < counts.Length; t++)
                {
                    seen += counts[t];
                    if (rank < seen)
                    {
                        return t;
                    }
                }
                return max;
            }
            double Q(double p) => Percentiles.Interpolated(n, p, OrderStat);
            double sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
            return new SummaryRow(MetricNames.PaybackYear, null, n, mean, sd, min, max,
                Q(0.05), Q(0.10), Q(0.25), Q(0.50), Q(0.75), Q(0.90), Q(0.95));
        }

        // Re-simulates every block (same streams, same values) and keeps the values of the few bins
        // whose order statistics the histogram could not pin down tightly enough.
        private Dictionary<(int Metric, int Slot), double[]> CollectExact(QuantileHistogram histogram,
            HashSet<(int Metric, int Slot)> bins, CancellationToken cancellation)
        {
            var byMetric = bins.GroupBy(b => b.Metric).ToDictionary(g => g.Key, g => g.Select(b => b.Slot).ToHashSet());
            var found = new List<double>[Threads][];
            var keys = bins.ToArray();
            var index = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            for (int t = 0; t < Threads; t++)
            {
                found[t] = keys.Select(_ => new List<double>()).ToArray();
            }
            long next = 0;
            while (next < _blocks)
            {
                cancellation.ThrowIfCancellationRequested();
                int wave = (int)Math.Min(_slots.Length, _blocks - next);
                RunWave(next, wave, (worker, w) =>
                {
                    BlockSimulator.SampleInputs(w, _options.Seed, full: false);
                    BlockSimulator.Simulate(w, _target, _targetMetric);
                    foreach (var (metric, slots) in byMetric)
                    {
                        foreach (double v in w.Metric(metric))
                        {
                            int slot = histogram.SlotOf(metric, v);
                            if (slots.Contains(slot) && !histogram.IsAtom(metric, v))
                            {
                                found[worker][index[(metric, slot)]].Add(v);
                            }
                        }
                    }
                });
                next += wave;
            }
            var result = new Dictionary<(int, int), double[]>();
            for (int i = 0; i < keys.Length; i++)
            {
                var all = found.SelectMany(f => f[i]).ToArray();
                Array.Sort(all);
                result[keys[i]] = all;
            }
            return result;
        }

        public IReadOnlyList<SensitivityRow> Sensitivity()
        {
            var model = _model;
            int count = SensitivityCount;
            var npvRanks = new double[count];
            Ranks(_sensitivityNpv.AsSpan(0, count), new double[count], new int[count], npvRanks);
            var rho = new double[model.Uncertain.Length];
            // One set of buffers per worker, reused for every input, so ranking allocates nothing per input.
            int workers = Math.Min(Threads, Math.Max(1, rho.Length));
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
            {
                var keys = new double[count];
                var order = new int[count];
                var ranks = new double[count];
                for (int k = t; k < rho.Length; k += workers)
                {
                    var source = _sensitivityInputs[k];
                    var values = ranks.AsSpan();
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = source[i];
                    }
                    Ranks(values, keys, order, ranks);
                    rho[k] = Pearson(ranks, npvRanks);
                }
            });
            double total = rho.Sum(r => r * r);
            return model.Uncertain
                .Select((input, k) => new SensitivityRow(model.Inputs[input].Name, model.Inputs[input].Role,
                    model.Inputs[input].Owner, rho[k], total > 0 ? rho[k] * rho[k] / total : 0))
                .OrderByDescending(r => r.Share)
                .ThenBy(r => r.Input, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>The deterministic most-likely case (see <see cref="PlanCase"/>).</summary>
    private static PlanCase PlanOf(CompiledScenario model)
    {
        var w = new BlockWorkspace(model, 1) { Count = 1 };
        for (int i = 0; i < model.Inputs.Length; i++)
        {
            w.Values[i] = model.Inputs[i].Distribution.MostLikely;
        }
        BlockSimulator.Simulate(w, 0, -1);
        int h = model.H;
        double[] Column(int kind) => Enumerable.Range(0, h).Select(t => w.Metrics[kind * h + t]).ToArray();
        return new PlanCase(Column(0), Column(1), Column(2), Column(3), w.Metrics[model.NpvMetric],
            w.Payback[0] == 0 ? null : w.Payback[0]);
    }

    /// <summary>Average ranks (1-based), ties sharing the mean of their positions.</summary>
    internal static double[] Ranks(ReadOnlySpan<double> values)
    {
        var ranks = new double[values.Length];
        Ranks(values, new double[values.Length], new int[values.Length], ranks);
        return ranks;
    }

    /// <summary>Average ranks into <paramref name="ranks"/>, using caller-owned buffers (values may alias ranks).</summary>
    internal static void Ranks(ReadOnlySpan<double> values, double[] keys, int[] order, double[] ranks)
    {
        int n = values.Length;
        values.CopyTo(keys);
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        Array.Sort(keys, order, 0, n);
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            double rank = (start + end + 1) / 2.0;
            for (int j = start; j < end; j++)
            {
                ranks[order[j]] = rank;
            }
            start = end;
        }
    }

    /// <summary>Pearson correlation; 0 when either side is constant.</summary>
    internal static double Pearson(double[] a, double[] b)
    {
        int n = a.Length;
        if (n < 2)
        {
            return 0;
        }
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    /// <summary>A value range of one metric whose every value the main pass keeps.</summary>
    private readonly record struct CaptureBand(int Metric, double Low, double High);

    private sealed class Worker(CompiledScenario model)
    {
        public QuantileHistogram? Histogram { get; private set; }

        public List<double>[] BandValues { get; private set; } = [];

        public long[] BandBelow { get; private set; } = [];

        public long[] Payback { get; } = new long[model.H + 1];

        public long[] Exits { get; } = new long[model.Partners.Length];

        public long[] Occurrences { get; } = new long[model.Risks.Length];

        public void StartTally(QuantileHistogram template, int bands)
        {
            Histogram = template.EmptyCopy();
            BandValues = Enumerable.Range(0, bands).Select(_ => new List<double>()).ToArray();
            BandBelow = new long[bands];
        }
    }
}
