using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Synced.Cql.Types;

namespace Synced.Run.Bench;

/// <summary>
/// A keyspace and an index of the same name with one table, <c>items</c>, seeded over the wire. Times lie in the
/// past hour so a default run covers them.
/// </summary>
internal sealed class Dataset
{
    private const string Columns = "name text, qty int, price decimal, tags list<text>";
    private readonly EmulatorHost _host;
    private readonly List<Guid> _cassandraIds;

    private Dataset(EmulatorHost host, string keyspace, List<Guid> cassandraIds)
    {
        _host = host;
        Keyspace = keyspace;
        _cassandraIds = cassandraIds;
    }

    public string Keyspace { get; }

    /// <summary>Half the ids in Cassandra (one in ten with a second version), half in Elasticsearch: a both-ways run moves each to the other side.</summary>
    public static async Task<Dataset> LoadSplitAsync(EmulatorHost host, string prefix, int ids)
    {
        var keyspace = prefix + Guid.NewGuid().ToString("N")[..8];
        await CreateKeyspaceAsync(host, keyspace, withIndex: false);
        await CreateIndexAsync(host, keyspace);
        var clock = Stopwatch.StartNew();
        var inCassandra = ids / 2;
        var cassandraIds = Enumerable.Range(0, inCassandra).Select(_ => Guid.NewGuid()).ToList();
        var rows = await InsertCassandraAsync(host, keyspace, cassandraIds, versionsEvery: 10);
        await IndexDocumentsAsync(host, keyspace, ids - inCassandra);
        Console.WriteLine($"  loaded {keyspace}: {rows:N0} rows of {inCassandra:N0} ids into Cassandra, {ids - inCassandra:N0} documents into Elasticsearch in {clock.Elapsed.TotalSeconds:F0} s");
        return new Dataset(host, keyspace, cassandraIds);
    }

    /// <summary>Every id in Cassandra only (one version each); the index is created by the first run (-CreateMissing).</summary>
    public static async Task<Dataset> LoadCassandraAsync(EmulatorHost host, string prefix, int ids, bool withIndex)
    {
        var keyspace = prefix + Guid.NewGuid().ToString("N")[..8];
        await CreateKeyspaceAsync(host, keyspace, withIndex);
        var clock = Stopwatch.StartNew();
        var cassandraIds = Enumerable.Range(0, ids).Select(_ => Guid.NewGuid()).ToList();
        var rows = await InsertCassandraAsync(host, keyspace, cassandraIds, versionsEvery: 0);
        Console.WriteLine($"  loaded {keyspace}: {rows:N0} rows into Cassandra{(withIndex ? " (SAI index on tmstmp)" : "")} in {clock.Elapsed.TotalSeconds:F0} s");
        return new Dataset(host, keyspace, cassandraIds);
    }

    /// <summary>Writes a new version of <paramref name="count"/> ids, now.</summary>
    public async Task ChangeAsync(int count)
    {
        var changed = _cassandraIds.Take(count).ToList();
        var insert = await _host.Cql.PrepareAsync($"INSERT INTO {Keyspace}.items (id, tmstmp, name, qty, price, tags) VALUES (?, ?, ?, ?, ?, ?)");
        await ForEachAsync(changed, id => _host.Cql.ExecuteAsync(insert.Bind(id, TimeUuid.Create(DateTimeOffset.UtcNow), "changed", 7, 1.5m, new List<string> { "c" })));
        // Let the change time fall clearly before the next run's end.
        await Task.Delay(50);
    }

    private static async Task CreateKeyspaceAsync(EmulatorHost host, string keyspace, bool withIndex)
    {
        await host.Cql.ExecuteAsync($"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        await host.Cql.ExecuteAsync($"CREATE TABLE {keyspace}.items (id uuid, tmstmp timeuuid, {Columns}, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");
        if (withIndex) await host.Cql.ExecuteAsync($"CREATE INDEX items_tmstmp ON {keyspace}.items (tmstmp) USING 'sai'");
    }

    private static async Task CreateIndexAsync(EmulatorHost host, string keyspace)
    {
        var mapping = "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},"
            + "\"name\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}},\"qty\":{\"type\":\"integer\"},"
            + "\"price\":{\"type\":\"keyword\"},\"tags\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}}}},"
            + $"\"aliases\":{{\"{keyspace}\":{{}}}}}}";
        using var response = await host.Http.PutAsync($"/{keyspace}-items", new StringContent(mapping, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> InsertCassandraAsync(EmulatorHost host, string keyspace, List<Guid> ids, int versionsEvery)
    {
        var insert = await host.Cql.PrepareAsync($"INSERT INTO {keyspace}.items (id, tmstmp, name, qty, price, tags) VALUES (?, ?, ?, ?, ?, ?)");
        var start = DateTimeOffset.UtcNow.AddMinutes(-50);
        long rows = 0;
        await ForEachAsync(Enumerable.Range(0, ids.Count).ToList(), async i =>
        {
            var when = start.AddTicks(i * 10L);
            await host.Cql.ExecuteAsync(insert.Bind(ids[i], TimeUuid.Create(when), "item " + i, i % 1000, 9.99m + i % 7, new List<string> { "a", "b" }));
            System.Threading.Interlocked.Increment(ref rows);
            if (versionsEvery > 0 && i % versionsEvery == 0)
            {
                await host.Cql.ExecuteAsync(insert.Bind(ids[i], TimeUuid.Create(when.AddSeconds(30)), "item " + i + " v2", i % 1000, 9.99m, new List<string> { "a" }));
                System.Threading.Interlocked.Increment(ref rows);
            }
        });
        return rows;
    }

    private static async Task IndexDocumentsAsync(EmulatorHost host, string keyspace, int count)
    {
        var start = DateTime.UtcNow.AddMinutes(-40);
        const int perBulk = 5000;
        for (var offset = 0; offset < count; offset += perBulk)
        {
            var body = new StringBuilder();
            for (var i = offset; i < Math.Min(count, offset + perBulk); i++)
            {
                var id = Guid.NewGuid();
                body.Append("{\"index\":{\"_index\":\"").Append(keyspace).Append("-items\",\"_id\":\"").Append(id).Append("\"}}\n");
                body.Append("{\"id\":\"").Append(id).Append("\",\"tmstmp\":\"").Append(start.AddTicks(i * 10000L).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                    .Append("\",\"name\":\"doc ").Append(i).Append("\",\"qty\":").Append(i % 1000).Append(",\"price\":\"1.25\",\"tags\":[\"x\"]}\n");
            }
            using var response = await host.Http.PostAsync("/_bulk", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
            response.EnsureSuccessStatusCode();
        }
        using var refresh = await host.Http.PostAsync($"/{keyspace}-items/_refresh", null);
        refresh.EnsureSuccessStatusCode();
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> work, int inFlight = 128)
    {
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = System.Threading.Interlocked.Increment(ref next)) < items.Count) await work(items[i]);
        }
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Worker()));
    }
}
