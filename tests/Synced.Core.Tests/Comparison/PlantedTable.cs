using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Core.Comparison;

namespace Synced.Core.Tests.Comparison;

/// <summary>
/// A table's contents on both sides, made up from a seed, with differences of every kind planted: the truth that
/// comparison tests check against. Cassandra versions keep sub-millisecond ticks (equal at the millisecond is
/// "no difference"); some ids have older versions too.
/// </summary>
internal sealed class PlantedTable
{
    public static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private PlantedTable(string table) => Table = table;

    public string Table { get; }

    /// <summary>Every Cassandra version (several per id for some).</summary>
    public List<(Guid Id, DateTime Tmstmp)> CassandraVersions { get; } = new();

    /// <summary>The one Elasticsearch document per id (whole milliseconds).</summary>
    public List<(Guid Id, DateTime Tmstmp)> ElasticsearchDocuments { get; } = new();

    public int CassandraIds => CassandraVersions.Select(v => v.Id).Distinct().Count();

    /// <summary>
    /// <paramref name="common"/> ids on both sides plus <paramref name="perKind"/> of each kind of difference
    /// (missing on either side, older on either side by up to <paramref name="olderBy"/>, 5 s by default), tmstmps
    /// spread over <paramref name="spread"/> after T0; one Cassandra id in <paramref name="olderVersionOneIn"/> also has an
    /// older version.
    /// </summary>
    public static PlantedTable Create(string table, int common, int perKind, int seed, TimeSpan? spread = null, TimeSpan? olderBy = null, int olderVersionOneIn = 4)
    {
        var random = new Random(seed);
        var width = (long)(spread ?? TimeSpan.FromDays(1)).TotalMilliseconds;
        var delta = (int)(olderBy ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        var planted = new PlantedTable(table);
        Guid NewId()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's little-endian field layout)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
        DateTime Ms(long ms) => T0.AddTicks(ms * TimeSpan.TicksPerMillisecond);
        void AddCassandra(Guid id, DateTime newestMs)
        {
            // The newest version carries sub-millisecond ticks; some ids also have an older version.
            planted.CassandraVersions.Add((id, newestMs.AddTicks(random.Next(0, 10_000))));
            if (random.Next(olderVersionOneIn) == 0) planted.CassandraVersions.Add((id, newestMs.AddMinutes(-random.Next(1, 600))));
        }

        for (var i = 0; i < common + 2 * perKind; i++)
        {
            var id = NewId();
            var at = Ms(random.NextInt64(10_000, width));
            if (i < common - 2 * perKind)
            {
                AddCassandra(id, at);
                planted.ElasticsearchDocuments.Add((id, at));
            }
            else if (i < common - perKind)
            {
                AddCassandra(id, at); // Elasticsearch older
                planted.ElasticsearchDocuments.Add((id, at.AddMilliseconds(-random.Next(1, delta))));
            }
            else if (i < common)
            {
                AddCassandra(id, at); // Cassandra older
                planted.ElasticsearchDocuments.Add((id, at.AddMilliseconds(random.Next(1, delta))));
            }
            else if (i < common + perKind) AddCassandra(id, at); // missing in Elasticsearch
            else planted.ElasticsearchDocuments.Add((id, at)); // missing in Cassandra
        }
        return planted;
    }

    /// <summary>
    /// The differences by brute force: per id the newest of each side in whole milliseconds; different when one of
    /// them lies in [begin, end) and they differ.
    /// </summary>
    public Dictionary<Guid, Difference> Expected(DateTime? begin = null, DateTime? end = null)
    {
        static DateTime Ms(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        bool In(DateTime? t) => t is { } v && (begin is null || v >= begin) && (end is null || v < end);
        var cassandra = CassandraVersions.GroupBy(v => v.Id).ToDictionary(g => g.Key, g => Ms(g.Max(v => v.Tmstmp)));
        var elasticsearch = ElasticsearchDocuments.ToDictionary(d => d.Id, d => Ms(d.Tmstmp));
        var expected = new Dictionary<Guid, Difference>();
        foreach (var id in cassandra.Keys.Union(elasticsearch.Keys))
        {
            DateTime? c = cassandra.TryGetValue(id, out var cv) ? cv : null;
            DateTime? e = elasticsearch.TryGetValue(id, out var ev) ? ev : null;
            if (!In(c) && !In(e)) continue;
            if (Difference.Classify(Table, id, c, e) is { } difference) expected[id] = difference;
        }
        return expected;
    }
}
