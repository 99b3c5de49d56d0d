using System;
using System.Collections.Generic;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// The versions the first direction of a run left equal on both sides (written, or found already there), so the
/// second direction can skip reading the newest version of each and writing it back: a version Cassandra holds as
/// a row is never newer than Cassandra's newest, so its upsert would be "not newer" anyway. Keys are exact (table,
/// id, tmstmp at milliseconds, the precision both sides share); once <see cref="Capacity"/> versions are held,
/// further ones are not recorded and take the usual path, so memory stays bounded whatever the table size.
/// </summary>
internal sealed class AlreadySyncedSet
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<(Guid Id, long Milliseconds)>> _byTable = new(StringComparer.OrdinalIgnoreCase);
    private int _count;

    public AlreadySyncedSet(int capacity)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the capacity cannot be negative");
        Capacity = capacity;
    }

    /// <summary>The most versions held.</summary>
    public int Capacity { get; }

    /// <summary>How many versions are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    /// <summary>Records a version; false when the set is full (the version then takes the usual path).</summary>
    public bool Add(string table, Guid id, DateTime tmstmp)
    {
        var key = (id, Milliseconds(tmstmp));
        lock (_gate)
        {
            if (!_byTable.TryGetValue(table, out var versions))
            {
                if (_count >= Capacity) return false;
                _byTable[table] = versions = new HashSet<(Guid, long)>();
            }
            if (versions.Contains(key)) return true;
            if (_count >= Capacity) return false;
            versions.Add(key);
            _count++;
            return true;
        }
    }

    /// <summary>True when the version (at millisecond precision) was recorded.</summary>
    public bool Contains(string table, Guid id, DateTime tmstmp)
    {
        lock (_gate)
            return _byTable.TryGetValue(table, out var versions) && versions.Contains((id, Milliseconds(tmstmp)));
    }

    private static long Milliseconds(DateTime tmstmp) => UtcTime.TruncateToMilliseconds(tmstmp).Ticks;
}
