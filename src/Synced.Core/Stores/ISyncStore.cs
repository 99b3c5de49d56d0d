using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Stores;

/// <summary>
/// One side of a sync (a Cassandra keyspace or an Elasticsearch index), behind the three operations the
/// algorithm needs. The engine knows nothing of CQL or HTTP.
/// </summary>
public interface ISyncStore : IAsyncDisposable
{
    /// <summary>Human name of the side for messages, e.g. <c>Cassandra</c>.</summary>
    string Name { get; }

    /// <summary>The finest time this store keeps in tmstmp.</summary>
    TimestampPrecision Precision { get; }

    /// <summary>Every table / type the store holds, each saying whether it meets the data contract and why not.</summary>
    Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams the entries of <paramref name="table"/> whose tmstmp lies in <paramref name="range"/>, in no
    /// particular order, several versions of one id included. Never holds the table in memory.
    /// </summary>
    IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each entry of <paramref name="batch"/> whose tmstmp is newer than the version the store holds for
    /// its id (compared at the coarser precision of both sides; equal is not newer). Returns one outcome per
    /// entry, in batch order. A failure of one entry never fails the others.
    /// </summary>
    /// <param name="table">The target table, as returned by <see cref="ListTablesAsync"/> or <see cref="CreateTableAsync"/>.</param>
    /// <param name="batch">Entries, at most one per id.</param>
    /// <param name="context">Source precision and dry-run switch.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the table / index for a source table that the target lacks (from the source's columns) and
    /// returns its description. Throws <see cref="NotSupportedException"/> when the store cannot derive one.
    /// </summary>
    Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every id of <paramref name="table"/> that <paramref name="scan"/> selects, each once, with the tmstmp
    /// of its newest version and nothing else (no other values are read), in no particular order. Entries the store
    /// holds but cannot read as one come as <see cref="EntryVersion.Unreadable"/>. Never holds the table in memory. A
    /// read that fails (or that the cluster answers only in part) throws the store's own exception: what was yielded
    /// before it is not the whole table.
    /// </summary>
    IAsyncEnumerable<EntryVersion> ReadVersionsAsync(TableInfo table, VersionScan scan, CancellationToken cancellationToken);

    /// <summary>
    /// The tmstmp of the newest version of each of <paramref name="ids"/> (null where the store has none), in the
    /// order of <paramref name="ids"/>; reads no other values.
    /// </summary>
    Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The newest version of each of <paramref name="ids"/> with all its values (null where the store has none), in
    /// the order of <paramref name="ids"/>; an entry that cannot be read as one comes with its
    /// <see cref="SyncEntry.ReadError"/>.
    /// </summary>
    Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken);
}
