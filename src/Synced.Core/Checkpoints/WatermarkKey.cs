using System;
using Synced.Core.Model;

namespace Synced.Core.Checkpoints;

/// <summary>
/// What one watermark of a checkpoint belongs to: a table, one direction and, when a later layout splits a
/// table's work (e.g. the token ring across machines), a shard. Table names compare case-insensitively, as
/// table and index names do.
/// </summary>
public readonly struct WatermarkKey : IEquatable<WatermarkKey>
{
    /// <summary>Creates a key.</summary>
    /// <param name="table">The table (Cassandra) / type (Elasticsearch) name.</param>
    /// <param name="direction">CassandraToElasticsearch or ElasticsearchToCassandra (never Both).</param>
    /// <param name="shard">A part of the table's work with its own watermark, or null for the whole table.</param>
    public WatermarkKey(string table, SyncDirection direction, string? shard = null)
    {
        if (string.IsNullOrWhiteSpace(table)) throw new ArgumentException("a watermark needs a table name", nameof(table));
        if (direction is not (SyncDirection.CassandraToElasticsearch or SyncDirection.ElasticsearchToCassandra))
            throw new ArgumentException("a watermark belongs to one direction: CassandraToElasticsearch or ElasticsearchToCassandra", nameof(direction));
        if (shard is not null && string.IsNullOrWhiteSpace(shard)) throw new ArgumentException("a shard name cannot be empty", nameof(shard));
        Table = table.Trim().ToLowerInvariant();
        Direction = direction;
        Shard = shard?.Trim();
    }

    /// <summary>The table name, lower case.</summary>
    public string Table { get; }

    /// <summary>The direction.</summary>
    public SyncDirection Direction { get; }

    /// <summary>The shard, or null for the whole table.</summary>
    public string? Shard { get; }

    /// <inheritdoc />
    public bool Equals(WatermarkKey other)
        => string.Equals(Table, other.Table, StringComparison.Ordinal) && Direction == other.Direction && string.Equals(Shard, other.Shard, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WatermarkKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((Table?.GetHashCode() ?? 0) * 31 + (int)Direction) * 31 + (Shard?.GetHashCode() ?? 0);

    /// <summary>True when both keys name the same table, direction and shard.</summary>
    public static bool operator ==(WatermarkKey left, WatermarkKey right) => left.Equals(right);

    /// <summary>True when the keys differ in table, direction or shard.</summary>
    public static bool operator !=(WatermarkKey left, WatermarkKey right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Shard is null ? $"{Table} ({Direction})" : $"{Table} ({Direction}, shard {Shard})";
}
