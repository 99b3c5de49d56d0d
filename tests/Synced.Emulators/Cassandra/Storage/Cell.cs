namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// One column value of a row with its write timestamp and expiry. Immutable; a write replaces the cell with
/// the winner of <see cref="Reconcile"/>.
/// </summary>
internal sealed class Cell
{
    public const int NoExpiry = int.MaxValue;

    public Cell(byte[]? value, long timestamp, int ttl, int localDeletionTime)
    {
        Value = value;
        Timestamp = timestamp;
        Ttl = ttl;
        LocalDeletionTime = localDeletionTime;
    }

    /// <summary>Serialized value; null for a tombstone.</summary>
    public byte[]? Value { get; }
    /// <summary>Write time in microseconds since the epoch.</summary>
    public long Timestamp { get; }
    /// <summary>Time to live in seconds, 0 when the cell does not expire.</summary>
    public int Ttl { get; }
    /// <summary>For an expiring cell the second it expires; for a tombstone the second it was written.</summary>
    public int LocalDeletionTime { get; }

    public bool IsTombstone => Value is null;

    public bool IsLive(int nowInSeconds) => Value is not null && (Ttl == 0 || LocalDeletionTime > nowInSeconds);

    public static Cell Live(byte[] value, long timestamp, int ttl, int nowInSeconds)
        => new(value, timestamp, ttl, ttl > 0 ? nowInSeconds + ttl : NoExpiry);

    public static Cell Tombstone(long timestamp, int nowInSeconds) => new(null, timestamp, 0, nowInSeconds);

    /// <summary>
    /// Cassandra's last-write-wins: the higher timestamp wins; on a tie a tombstone beats a live cell, then the
    /// greater value (unsigned byte order) wins, then the later expiry.
    /// </summary>
    public static Cell Reconcile(Cell? existing, Cell incoming)
    {
        if (existing is null) return incoming;
        if (existing.Timestamp != incoming.Timestamp) return existing.Timestamp > incoming.Timestamp ? existing : incoming;
        if (existing.IsTombstone != incoming.IsTombstone) return existing.IsTombstone ? existing : incoming;
        if (existing.IsTombstone) return existing.LocalDeletionTime >= incoming.LocalDeletionTime ? existing : incoming;
        var c = System.MemoryExtensions.SequenceCompareTo<byte>(existing.Value, incoming.Value);
        if (c != 0) return c > 0 ? existing : incoming;
        return existing.LocalDeletionTime >= incoming.LocalDeletionTime ? existing : incoming;
    }
}
