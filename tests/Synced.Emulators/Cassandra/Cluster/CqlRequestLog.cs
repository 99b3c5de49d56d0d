using System.Collections.Generic;

namespace Synced.Emulators.Cassandra;

/// <summary>The most recent requests the cluster served (a bounded record, oldest dropped first).</summary>
public sealed class CqlRequestLog
{
    private readonly object _gate = new();
    private readonly Queue<CqlRequestRecord> _records = new();

    /// <summary>How many records are kept.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>A copy of the records, oldest first.</summary>
    public IReadOnlyList<CqlRequestRecord> Snapshot()
    {
        lock (_gate) return _records.ToArray();
    }

    /// <summary>Forgets every record (e.g. after a test's setup).</summary>
    public void Clear()
    {
        lock (_gate) _records.Clear();
    }

    internal void Add(CqlRequestRecord record)
    {
        lock (_gate)
        {
            _records.Enqueue(record);
            while (_records.Count > Capacity) _records.Dequeue();
        }
    }
}
