using System;

namespace Synced;

/// <summary>
/// One watermark of a checkpoint as the cmdlets show it: everything of <see cref="Table"/>, in
/// <see cref="Direction"/>, before <see cref="End"/> is synced. A baseline covers the tables its pattern
/// matches that have no watermark of their own yet; the next run turns it into their own watermarks.
/// </summary>
public sealed class Watermark
{
    internal Watermark(string checkpoint, string table, string direction, string? shard, DateTime end, bool baseline)
    {
        Checkpoint = checkpoint;
        Table = table;
        Direction = direction;
        Shard = shard;
        End = end;
        Baseline = baseline;
    }

    /// <summary>The checkpoint it belongs to.</summary>
    public string Checkpoint { get; }

    /// <summary>The table (a pattern for a baseline).</summary>
    public string Table { get; }

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra (Both for a baseline that covers both).</summary>
    public string Direction { get; }

    /// <summary>The part of the table it covers, or null for the whole table.</summary>
    public string? Shard { get; }

    /// <summary>Everything before this instant (UTC) is synced.</summary>
    public DateTime End { get; }

    /// <summary>True for a baseline (tables without a watermark of their own), false for a table's own watermark.</summary>
    public bool Baseline { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Table} ({Direction}): {End:yyyy-MM-ddTHH:mm:ss.ffffffZ}";
}
