using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>A write evaluated but not yet applied: its table, the partitions it touches with their data size, and how to apply it.</summary>
internal sealed class PendingMutation
{
    private readonly Func<StatementResult> _apply;

    public PendingMutation(TableSchema table, IReadOnlyList<MutatedPartition> partitions, Func<StatementResult> apply)
    {
        Table = table;
        Partitions = partitions;
        _apply = apply;
    }

    public TableSchema Table { get; }
    /// <summary>Each partition written: its token, its key, and the bytes written to it.</summary>
    public IReadOnlyList<MutatedPartition> Partitions { get; }
    public IEnumerable<long> Tokens => Partitions.Select(p => p.Token);
    public long DataSize => Partitions.Sum(p => p.DataSize);

    public StatementResult Apply() => _apply();
}
