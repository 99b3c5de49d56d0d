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
/// <remarks>
/// Compact: a version takes 24 bytes (its id and its millisecond) in open-addressed tables, 256 per table of the
/// source chosen by the id's first byte (ids are random), each small enough to stay off the large-object heap and to
/// grow without copying much: at the default capacity the set takes 8 to 12 MB, where hash sets of tuples took 14 MB
/// and left as much again behind on the large-object heap each time they grew.
/// </remarks>
internal sealed class AlreadySyncedSet
{
    private readonly object _gate = new();
    private volatile bool _frozen;
    private readonly Dictionary<string, VersionTable[]> _byTable = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>
    /// Ends the recording: the first direction is over, and the second only asks, without taking the lock (which,
    /// on a busy machine, a reader would otherwise wait on whenever the thread that held it was descheduled).
    /// Versions offered afterwards are not recorded.
    /// </summary>
    public void Freeze()
    {
        lock (_gate) _frozen = true;
    }

    /// <summary>Records a version; false when the set is full or frozen (the version then takes the usual path).</summary>
    public bool Add(string table, Guid id, DateTime tmstmp)
    {
        var key = new Version(id, Milliseconds(tmstmp));
        lock (_gate) return AddHeld(table, key);
    }

    /// <summary>Records the versions of a batch under one acquisition of the lock; returns how many are held.</summary>
    public int AddAll(string table, IReadOnlyList<(Guid Id, DateTime Tmstmp)> versions)
    {
        var held = 0;
        lock (_gate)
            for (var i = 0; i < versions.Count; i++)
                if (AddHeld(table, new Version(versions[i].Id, Milliseconds(versions[i].Tmstmp)))) held++;
        return held;
    }

    private bool AddHeld(string table, Version key)
    {
        if (_frozen) return false;
        if (!_byTable.TryGetValue(table, out var tables))
        {
            if (_count >= Capacity) return false;
            _byTable[table] = tables = new VersionTable[256];
        }
        ref var chunk = ref tables[key.Chunk];
        if (chunk is not null && chunk.Contains(key)) return true;
        if (_count >= Capacity) return false;
        (chunk ??= new VersionTable()).Add(key);
        _count++;
        return true;
    }

    /// <summary>True when the version (at millisecond precision) was recorded.</summary>
    public bool Contains(string table, Guid id, DateTime tmstmp)
    {
        var key = new Version(id, Milliseconds(tmstmp));
        if (_frozen) return Holds(table, key);
        lock (_gate) return Holds(table, key);
    }

    private bool Holds(string table, Version key)
    {
        return _byTable.TryGetValue(table, out var tables) && tables[key.Chunk] is { } chunk && chunk.Contains(key);
    }

    /// <summary>A version's key: the ticks of its millisecond plus one, so zero marks a free slot.</summary>
    private static long Milliseconds(DateTime tmstmp) => UtcTime.TruncateToMilliseconds(tmstmp).Ticks + 1;

    private readonly struct Version
    {
        public readonly Guid Id;
        public readonly long Ticks;

        public Version(Guid id, long ticks)
        {
            Id = id;
            Ticks = ticks;
        }

        public bool IsFree => Ticks == 0;

        /// <summary>Which of a table's 256 tables holds it.</summary>
        public int Chunk => Id.GetHashCode() & 0xFF;

        /// <summary>Where its probe starts (the hash's other bits, mixed with the time).</summary>
        public int Hash => (Id.GetHashCode() >> 8) ^ (int)Ticks ^ (int)(Ticks >> 32);

        public bool Is(Version other) => Ticks == other.Ticks && Id == other.Id;
    }

    /// <summary>An open-addressed set of versions (linear probing, at most three quarters full, growing by half).</summary>
    private sealed class VersionTable
    {
        private Version[] _slots = new Version[16];
        private int _count;

        public bool Contains(Version key)
        {
            var slots = _slots;
            for (var at = Start(key, slots.Length); ; at = at + 1 == slots.Length ? 0 : at + 1)
            {
                var slot = slots[at];
                if (slot.IsFree) return false;
                if (slot.Is(key)) return true;
            }
        }

        /// <summary>Adds a version not held yet.</summary>
        public void Add(Version key)
        {
            if ((_count + 1) * 4 > _slots.Length * 3) Grow();
            Place(_slots, key);
            _count++;
        }

        private void Grow()
        {
            var larger = new Version[_slots.Length + _slots.Length / 2];
            foreach (var slot in _slots)
                if (!slot.IsFree) Place(larger, slot);
            _slots = larger;
        }

        private static int Start(Version key, int length) => (int)((uint)key.Hash % (uint)length);

        private static void Place(Version[] slots, Version key)
        {
            var at = Start(key, slots.Length);
            while (!slots[at].IsFree) at = at + 1 == slots.Length ? 0 : at + 1;
            slots[at] = key;
        }
    }
}
