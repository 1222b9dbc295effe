using Parquet;
using Parquet.Schema;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;

namespace RiskSim.IO.Results;

/// <summary>
/// Streams kept trials into <c>trials.parquet</c>, one row group per <see cref="RowGroupSize"/> rows,
/// so memory does not grow with the number of trials.
/// </summary>
/// <remarks>Columns: trial, npv, total_net_savings, payback_year, net_y1..net_yH, every uncertain input
/// by its dotted name, &lt;ws&gt;.go_live_month, &lt;partner&gt;.exit_month (null when no exit within the
/// horizon), &lt;risk&gt;.occurred.</remarks>
public sealed class TrialsParquetSink : ITrialSink, IAsyncDisposable, IDisposable
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 32768;

    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly int _h;
    private readonly int[] _inputs;
    private readonly int[] _partners;
    private readonly int[] _riskOccurs;
    private readonly int _workstreams;
    private readonly int _ledgers;
    private readonly DataField<long> _trial = new("trial");
    private readonly DataField<double> _npv = new("npv");
    private readonly DataField<double> _total = new("total_net_savings");
    private readonly DataField<int?> _payback = new("payback_year");
    private readonly DataField<double>[] _doubleFields;
    private readonly DataField<double?>[] _exitFields;
    private readonly DataField<bool>[] _occurredFields;
    private readonly long[] _trialBuffer = new long[RowGroupSize];
    private readonly double[][] _doubleBuffers;
    private readonly double?[][] _exitBuffers;
    private readonly bool[][] _occurredBuffers;
    private readonly int?[] _paybackBuffer = new int?[RowGroupSize];
    private int _rows;
    private bool _closed;

    /// <summary>Creates <paramref name="path"/> and writes its schema.</summary>
    public TrialsParquetSink(Scenario scenario, string path)
    {
        var inputs = InputCatalog.Of(scenario);
        _h = scenario.HorizonYears;
        _inputs = Enumerable.Range(0, inputs.Count).Where(i => !inputs[i].Distribution.IsConstant).ToArray();
        _partners = Enumerable.Range(0, scenario.Partners.Count).Where(p => scenario.Partners[p].Withdrawal is not null).ToArray();
        _riskOccurs = scenario.Risks.Select(r => inputs.Select((d, i) => (d, i)).First(x => x.d.Name == InputNames.RiskOccurs(r.Id)).i).ToArray();
        _workstreams = scenario.Workstreams.Count;

        // Doubles: npv, total, net per year, inputs, go-live months, each partner's npv and total.
        var doubles = new List<DataField<double>> { _npv, _total };
        doubles.AddRange(Enumerable.Range(1, _h).Select(t => new DataField<double>($"net_y{t}")));
        doubles.AddRange(_inputs.Select(i => new DataField<double>(inputs[i].Name)));
        doubles.AddRange(scenario.Workstreams.Select(w => new DataField<double>(InputNames.GoLiveMonth(w.Id))));
        _ledgers = MetricLayout.For(scenario).Partners.Count;
        for (int p = 0; p < _ledgers; p++)
        {
            doubles.Add(new DataField<double>(scenario.Partners[p].Id + "." + MetricNames.Npv));
            doubles.Add(new DataField<double>(scenario.Partners[p].Id + "." + MetricNames.TotalNetSavings));
        }
        _doubleFields = doubles.ToArray();
        _exitFields = _partners.Select(p => new DataField<double?>(InputNames.ExitMonth(scenario.Partners[p].Id))).ToArray();
        _occurredFields = scenario.Risks.Select(r => new DataField<bool>(InputNames.RiskOccurred(r.Id))).ToArray();
        _doubleBuffers = _doubleFields.Select(_ => new double[RowGroupSize]).ToArray();
        _exitBuffers = _exitFields.Select(_ => new double?[RowGroupSize]).ToArray();
        _occurredBuffers = _occurredFields.Select(_ => new bool[RowGroupSize]).ToArray();

        var fields = new List<Field> { _trial, _npv, _total, _payback };
        fields.AddRange(_doubleFields.Skip(2));
        fields.AddRange(_exitFields);
        fields.AddRange(_occurredFields);
        _stream = File.Create(path);
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), _stream, ResultWriters.Options).GetAwaiter().GetResult();
    }

    /// <summary>Rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <inheritdoc />
    public void Write(TrialBlock block)
    {
        int offset = 0;
        while (offset < block.Count)
        {
            int take = Math.Min(block.Count - offset, RowGroupSize - _rows);
            Copy(block, offset, take);
            offset += take;
            _rows += take;
            if (_rows == RowGroupSize)
            {
                Flush();
            }
        }
    }

    private void Copy(TrialBlock block, int offset, int count)
    {
        int at = _rows;
        for (int i = 0; i < count; i++)
        {
            _trialBuffer[at + i] = block.FirstTrial + offset + i + 1;
            int payback = block.PaybackYear[offset + i];
            _paybackBuffer[at + i] = payback == 0 ? null : payback;
        }
        int column = 0;
        block.Npv.Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
        block.TotalNetSavings.Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
        for (int t = 1; t <= _h; t++)
        {
            block.NetSavings(t).Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
        }
        foreach (int input in _inputs)
        {
            block.Input(input).Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
        }
        for (int w = 0; w < _workstreams; w++)
        {
            block.GoLiveMonth(w).Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
        }
        for (int p = 0; p < _ledgers; p++)
        {
            block.PartnerNpv(p).Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
            block.PartnerTotalNetSavings(p).Slice(offset, count).CopyTo(_doubleBuffers[column++].AsSpan(at));
        }
        for (int k = 0; k < _partners.Length; k++)
        {
            var exits = block.ExitMonth(_partners[k]).Slice(offset, count);
            for (int i = 0; i < count; i++)
            {
                _exitBuffers[k][at + i] = TrialRules.Left(exits[i]) ? exits[i] : null;
            }
        }
        for (int r = 0; r < _riskOccurs.Length; r++)
        {
            var occurs = block.Input(_riskOccurs[r]).Slice(offset, count);
            for (int i = 0; i < count; i++)
            {
                _occurredBuffers[r][at + i] = TrialRules.RiskOccurred(occurs[i]);
            }
        }
    }

    private void Flush()
    {
        if (_rows == 0)
        {
            return;
        }
        int rows = _rows;
        ResultWriters.Sync(async () =>
        {
            using var group = _writer.CreateRowGroup();
            await group.WriteAsync<long>(_trial, _trialBuffer.AsMemory(0, rows));
            await group.WriteAsync<double>(_npv, _doubleBuffers[0].AsMemory(0, rows));
            await group.WriteAsync<double>(_total, _doubleBuffers[1].AsMemory(0, rows));
            await group.WriteAsync<int>(_payback, _paybackBuffer.AsMemory(0, rows));
            for (int c = 2; c < _doubleFields.Length; c++)
            {
                await group.WriteAsync<double>(_doubleFields[c], _doubleBuffers[c].AsMemory(0, rows));
            }
            for (int k = 0; k < _exitFields.Length; k++)
            {
                await group.WriteAsync<double>(_exitFields[k], _exitBuffers[k].AsMemory(0, rows));
            }
            for (int r = 0; r < _occurredFields.Length; r++)
            {
                await group.WriteAsync<bool>(_occurredFields[r], _occurredBuffers[r].AsMemory(0, rows));
            }
        });
        RowsWritten += rows;
        _rows = 0;
    }

    /// <summary>Writes the last partial row group and the file footer.</summary>
    public void Complete()
    {
        if (_closed)
        {
            return;
        }
        Flush();
        _closed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
