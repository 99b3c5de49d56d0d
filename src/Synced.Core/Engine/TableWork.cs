using System;
using Synced.Core.Model;

namespace Synced.Core.Engine;

/// <summary>
/// What writing one table in one direction did: entries read from the source, written to the target (or that
/// would be), already there in the same or a newer version, failed, and the time it took. What a run and a repair
/// did with a table are this, and more.
/// </summary>
public abstract class TableWork
{
    /// <summary>Creates the counts of a table and direction, all zero.</summary>
    protected TableWork(string table, SyncDirection direction)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Direction = direction;
    }

    /// <summary>Table / type name.</summary>
    public string Table { get; }

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Entries read from the source.</summary>
    public long Read { get; internal set; }

    /// <summary>Entries written to the target.</summary>
    public long Written { get; internal set; }

    /// <summary>Entries that would be written (a dry run).</summary>
    public long WouldWrite { get; internal set; }

    /// <summary>Entries the target already held in the same or a newer version.</summary>
    public long SkippedNotNewer { get; internal set; }

    /// <summary>Entries that could not be written.</summary>
    public long Failed { get; internal set; }

    /// <summary>Time spent on the table in this direction.</summary>
    public TimeSpan Duration { get; internal set; }
}
