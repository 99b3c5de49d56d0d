using System;
using Synced.Core.Model;

namespace Synced.Core.Comparison;

/// <summary>What a repair did with one table in one direction.</summary>
public sealed class RepairTableResult
{
    /// <summary>Creates an empty result.</summary>
    public RepairTableResult(string table, SyncDirection direction)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Direction = direction;
    }

    /// <summary>The table / type.</summary>
    public string Table { get; }

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra: from the side that is newer.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Differences handed to the repair.</summary>
    public long Differences { get; internal set; }

    /// <summary>Newest versions read from the newer side.</summary>
    public long Read { get; internal set; }

    /// <summary>Versions written to the older side.</summary>
    public long Written { get; internal set; }

    /// <summary>Versions that would be written (-WhatIf).</summary>
    public long WouldWrite { get; internal set; }

    /// <summary>Versions the other side already held in the same or a newer version by the time of the write.</summary>
    public long SkippedNotNewer { get; internal set; }

    /// <summary>Differences that could not be repaired.</summary>
    public long Failed { get; internal set; }

    /// <summary>Time spent writing this table in this direction.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Written} written, {Failed} failed";
}
