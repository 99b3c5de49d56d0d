using System;
using System.Collections.Generic;

namespace Synced.Core.Model;

/// <summary>
/// One version of one entry as it crosses between the stores: the table it belongs to, its id, the time of
/// its change, and its other values by column / field name.
/// </summary>
/// <remarks>
/// Field values are plain .NET values. A store that reads a typed source (Cassandra) yields the typed forms:
/// <see cref="string"/>, <see cref="bool"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="System.Numerics.BigInteger"/>, <see cref="float"/>, <see cref="double"/>,
/// <see cref="decimal"/> or Synced.Cql's exact decimal, <see cref="Guid"/>, <see cref="DateTimeOffset"/>,
/// Synced.Cql's date / time / duration values, <c>byte[]</c>, <see cref="System.Net.IPAddress"/>,
/// lists (<see cref="IReadOnlyList{T}"/> of object), maps (<see cref="IReadOnlyDictionary{TKey,TValue}"/>),
/// tuples (<c>object?[]</c>) and user-defined types (<see cref="IReadOnlyDictionary{TKey,TValue}"/> keyed by
/// field name). A store that reads JSON (Elasticsearch) yields the JSON forms: string, bool, long,
/// <see cref="System.Numerics.BigInteger"/> / <see cref="decimal"/> / double for numbers (never losing digits),
/// lists and string-keyed dictionaries. The target store converts by its own column types.
/// </remarks>
public sealed class SyncEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="table">The table (Cassandra) / type (Elasticsearch) name.</param>
    /// <param name="id">The entry's id (the <c>id</c> column, a version 4 UUID).</param>
    /// <param name="tmstmp">Time of the change, UTC, 100 ns precision.</param>
    /// <param name="fields">Every other value, by column / field name.</param>
    public SyncEntry(string table, Guid id, DateTime tmstmp, IReadOnlyDictionary<string, object?> fields)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Id = id;
        Tmstmp = tmstmp.Kind == DateTimeKind.Utc ? tmstmp : DateTime.SpecifyKind(tmstmp.ToUniversalTime(), DateTimeKind.Utc);
        Fields = fields ?? throw new ArgumentNullException(nameof(fields));
    }

    private SyncEntry(string table, DateTime tmstmp, string sourceKey, string readError)
    {
        Table = table;
        Tmstmp = tmstmp;
        Fields = new Dictionary<string, object?>();
        SourceKey = sourceKey;
        ReadError = readError;
    }

    /// <summary>
    /// An entry the source holds but cannot turn into an entry (e.g. a document without a UUID id). The engine
    /// counts it as failed, so the run reports it and the checkpoint stays; the rest of the table still syncs.
    /// </summary>
    /// <param name="table">The table / type.</param>
    /// <param name="sourceKey">How the source names it (e.g. the document _id), for the report.</param>
    /// <param name="tmstmp">Its time when readable, else null.</param>
    /// <param name="reason">What is wrong with it.</param>
    public static SyncEntry Unreadable(string table, string sourceKey, DateTime? tmstmp, string reason)
        => new(table ?? throw new ArgumentNullException(nameof(table)), tmstmp ?? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            sourceKey ?? string.Empty, string.IsNullOrEmpty(reason) ? "unreadable" : reason);

    /// <summary>Why the source could not read this entry; null for a good entry.</summary>
    public string? ReadError { get; }

    /// <summary>How the source names an unreadable entry (e.g. the document _id); null for a good entry.</summary>
    public string? SourceKey { get; }

    /// <summary>The table (Cassandra) / type (Elasticsearch) name as the source holds it.</summary>
    public string Table { get; }

    /// <summary>The entry's id.</summary>
    public Guid Id { get; }

    /// <summary>Time of the change, UTC; ticks keep the 100 ns precision of a timeuuid.</summary>
    public DateTime Tmstmp { get; }

    /// <summary>The other values by column / field name (no <c>id</c>, no <c>tmstmp</c>).</summary>
    public IReadOnlyDictionary<string, object?> Fields { get; }

    /// <inheritdoc />
    public override string ToString() => ReadError is null ? $"{Table}/{Id}@{Tmstmp:yyyy-MM-ddTHH:mm:ss.fffffffZ}" : $"{Table}/{SourceKey}: {ReadError}";
}
