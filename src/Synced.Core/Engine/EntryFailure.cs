using System;
using Synced.Core.Model;

namespace Synced.Core.Engine;

/// <summary>One entry a run could not write: where it was going and why.</summary>
public sealed class EntryFailure
{
    /// <summary>Creates a failure record.</summary>
    public EntryFailure(string table, Guid id, DateTime tmstmp, SyncDirection direction, string reason)
    {
        Table = table;
        Id = id;
        Tmstmp = tmstmp;
        Direction = direction;
        Reason = reason;
    }

    /// <summary>Table / type name.</summary>
    public string Table { get; }

    /// <summary>The entry's id.</summary>
    public Guid Id { get; }

    /// <summary>The version's time.</summary>
    public DateTime Tmstmp { get; }

    /// <summary>Which way it was going.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Why it failed.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table} {Id}: {Reason}";
}
