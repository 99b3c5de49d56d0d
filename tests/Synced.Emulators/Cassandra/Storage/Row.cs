using System;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// A clustering row: its clustering values, the primary key liveness written by INSERT, a row deletion and one
/// cell slot per regular/static column. Mutated only under its table's write lock.
/// </summary>
internal sealed class Row
{
    public Row(byte[][] clustering, int cellCount)
    {
        Clustering = clustering;
        Cells = new Cell?[cellCount];
    }

    public byte[][] Clustering { get; }
    public Cell?[] Cells { get; }

    /// <summary>Timestamp of the INSERT that made the primary key live; MinValue when none.</summary>
    public long MarkerTimestamp { get; private set; } = long.MinValue;
    public int MarkerTtl { get; private set; }
    public int MarkerExpiry { get; private set; } = Cell.NoExpiry;
    public long DeletionTimestamp { get; private set; } = long.MinValue;

    public void WriteMarker(long timestamp, int ttl, int nowInSeconds)
    {
        var expiry = ttl > 0 ? nowInSeconds + ttl : Cell.NoExpiry;
        if (timestamp < MarkerTimestamp) return;
        if (timestamp == MarkerTimestamp)
        {
            // On a tie an expiring marker beats a non-expiring one, then the later expiry wins (LivenessInfo.supersedes).
            var newExpiring = ttl > 0;
            var oldExpiring = MarkerTtl > 0;
            if (newExpiring != oldExpiring ? !newExpiring : expiry <= MarkerExpiry) return;
        }
        MarkerTimestamp = timestamp;
        MarkerTtl = ttl;
        MarkerExpiry = expiry;
    }

    /// <summary>Takes over another row's primary key liveness and deletion (when a table's layout changes).</summary>
    public void CopyLivenessFrom(Row other)
    {
        MarkerTimestamp = other.MarkerTimestamp;
        MarkerTtl = other.MarkerTtl;
        MarkerExpiry = other.MarkerExpiry;
        DeletionTimestamp = other.DeletionTimestamp;
    }

    public void Delete(long timestamp)
    {
        if (timestamp > DeletionTimestamp) DeletionTimestamp = timestamp;
    }

    public void Write(int index, Cell cell) => Cells[index] = Cell.Reconcile(Cells[index], cell);

    public bool MarkerLive(long deletion, int now) => MarkerTimestamp != long.MinValue && MarkerTimestamp > deletion && MarkerExpiry > now;

    /// <summary>Cells of the row that are tombstones or have expired (what a read counts as tombstone cells).</summary>
    public int DeadCells(long deletion, int now)
    {
        var dead = 0;
        foreach (var cell in Cells)
            if (cell is not null && cell.Timestamp > deletion && !cell.IsLive(now)) dead++;
        return dead;
    }

    public Cell? LiveCell(int index, long deletion, int now)
    {
        var cell = Cells[index];
        return cell is not null && cell.Timestamp > deletion && cell.IsLive(now) ? cell : null;
    }

    /// <summary>Whether the row exists at <paramref name="now"/> given the deletions that cover it.</summary>
    public bool IsLive(long deletion, int now, Schema.TableSchema table)
    {
        if (MarkerLive(deletion, now)) return true;
        foreach (var column in table.Others)
            if (column.Kind == Schema.ColumnKind.Regular && LiveCell(column.CellIndex, deletion, now) is not null)
                return true;
        return false;
    }

    public long EffectiveDeletion(long outer) => Math.Max(outer, DeletionTimestamp);
}
