using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Checkpoints;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;

namespace Synced.Core.Tests.EndToEnd;

/// <summary>
/// Both emulators, keyspace <c>app</c> and index <c>app</c>, the two real stores, and a real runner over a
/// checkpoint directory of its own. Helpers write and read each side directly (CQL and REST), as other
/// applications would.
/// </summary>
internal sealed class Sandbox : IAsyncDisposable
{
    public const string Keyspace = "app";
    public const string Index = "app";
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly string _stateDirectory;

    private Sandbox(CassandraEmulator cassandraNode, ElasticsearchEmulator elasticsearchNode, CqlSession cql, HttpClient http,
        CassandraStore cassandra, ElasticsearchStore elasticsearch, string stateDirectory, IndexLayout layout)
    {
        CassandraNode = cassandraNode;
        ElasticsearchNode = elasticsearchNode;
        Cql = cql;
        Http = http;
        Cassandra = cassandra;
        Elasticsearch = elasticsearch;
        _stateDirectory = stateDirectory;
        Layout = layout;
        Checkpoints = new CheckpointStore(stateDirectory);
        Runner = new SyncRunner(Checkpoints, () => Clock?.Invoke() ?? DateTime.UtcNow);
    }

    public CassandraEmulator CassandraNode { get; }
    public ElasticsearchEmulator ElasticsearchNode { get; }
    public CqlSession Cql { get; }
    public HttpClient Http { get; }
    public CassandraStore Cassandra { get; }
    public ElasticsearchStore Elasticsearch { get; }
    public CheckpointStore Checkpoints { get; }
    public SyncRunner Runner { get; }
    public IndexLayout Layout { get; }

    /// <summary>The runner's clock; null for the real one.</summary>
    public Func<DateTime>? Clock { get; set; }

    /// <summary>
    /// Starts both emulators; Elasticsearch plays <paramref name="elasticsearchVersion"/> (7.17 unless given),
    /// Cassandra is <paramref name="cassandra"/> (one 4.1 node unless given).
    /// </summary>
    public static async Task<Sandbox> StartAsync(IndexLayout layout = IndexLayout.PerTable, string? elasticsearchVersion = null, SandboxCassandra? cassandra = null)
    {
        cassandra ??= SandboxCassandra.SingleNode;
        var cassandraOptions = new CassandraEmulatorOptions { Port = 0, Nodes = cassandra.Nodes };
        if (cassandra.Version is not null) cassandraOptions.CassandraVersion = cassandra.Version;
        cassandraOptions.Settings.SchemaPropagationDelay = cassandra.SchemaPropagationDelay;
        var cassandraNode = await CassandraEmulator.StartAsync(cassandraOptions);
        var elasticsearchNode = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions
        {
            Port = 0,
            Version = elasticsearchVersion ?? SandboxVersions.Elasticsearch7,
        });
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{cassandraNode.EndPoint.Port}");
        var cql = await CqlSession.ConnectAsync(cluster);
        await cql.ExecuteAsync($"CREATE KEYSPACE {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': {cassandra.ReplicationFactor}}}");
        var storeOptions = new CassandraStoreOptions { Port = cassandraNode.EndPoint.Port, Consistency = cassandra.Consistency };
        storeOptions.ContactPoints.Add("127.0.0.1");
        // A scan whose replicas are gone asks again after short pauses: a test of a cluster without quorum fails in well under a second.
        storeOptions.ScanRetryDelay = TimeSpan.FromMilliseconds(10);
        var cassandraStore = await CassandraStore.ConnectAsync(storeOptions, Keyspace, CancellationToken.None);
        var connection = new ElasticsearchConnectionOptions();
        connection.Uris.Add(elasticsearchNode.Uri);
        var elasticsearch = await ElasticsearchStore.ConnectAsync(connection, new ElasticsearchStoreOptions
        {
            Index = Index,
            Layout = layout,
            // Rejected items are retried a little, quickly: a test that rejects an item for good fails it in milliseconds.
            MaxRejectionRetries = 1,
            RejectionBackoff = TimeSpan.FromMilliseconds(5),
        }, CancellationToken.None);
        var state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "synced-e2e-" + Guid.NewGuid().ToString("N"))).FullName;
        var http = new HttpClient { BaseAddress = elasticsearchNode.Uri };
        return new Sandbox(cassandraNode, elasticsearchNode, cql, http, cassandraStore, elasticsearch, state, layout);
    }

    // ---- runs ----

    public SyncConfiguration Configuration()
        => new(Keyspace, Index, new[] { "127.0.0.1" }, CassandraNode.EndPoint.Port, new[] { ElasticsearchNode.Uri });

    public Task<SyncResult> RunAsync(SyncRequest request, ISyncObserver? observer = null)
        => Runner.RunAsync(request, Cassandra, Elasticsearch, observer, CancellationToken.None);

    public Task<SyncResult> RunAsync(SyncDirection direction = SyncDirection.Both, Action<SyncRequest>? configure = null, params string[] tables)
    {
        var request = new SyncRequest(Configuration())
        {
            Direction = direction,
            Tables = tables.Length == 0 ? TableSelection.All : new TableSelection(tables, null),
        };
        configure?.Invoke(request);
        return RunAsync(request);
    }

    // ---- Cassandra side ----

    public Task CreateCassandraTableAsync(string table, string columns = "name text")
        => Cql.ExecuteAsync($"CREATE TABLE {Keyspace}.{table} (id uuid, tmstmp timeuuid, {columns}, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");

    /// <summary>Inserts a version as an application does: a timeuuid of that tick with its own clock sequence and node.</summary>
    public Task InsertCassandraAsync(string table, Guid id, DateTime tmstmp, string name)
    {
        var node = Guid.NewGuid().ToByteArray().Take(6).ToArray();
        var version = TimeUuid.FromUnixTicks(tmstmp.Ticks - UnixEpochTicks, node, (ushort)Random.Shared.Next(0, 0x4000));
        return Cql.ExecuteAsync($"INSERT INTO {Keyspace}.{table} (id, tmstmp, name) VALUES (?, ?, ?)", id, version, name);
    }

    /// <summary>The newest version of an id in Cassandra: its instant and name; null when there is none.</summary>
    public async Task<(DateTime Tmstmp, string? Name)?> NewestInCassandraAsync(string table, Guid id)
    {
        await foreach (var row in Cql.QueryAsync($"SELECT tmstmp, name FROM {Keyspace}.{table} WHERE id = ? ORDER BY tmstmp DESC LIMIT 1", id))
            return (new DateTime(TimeUuid.GetUnixTicks(row.GetGuid(0)) + UnixEpochTicks, DateTimeKind.Utc), row.GetString(1));
        return null;
    }

    public async Task<int> CassandraVersionCountAsync(string table, Guid id)
    {
        var count = 0;
        await foreach (var _ in Cql.QueryAsync($"SELECT tmstmp FROM {Keyspace}.{table} WHERE id = ?", id)) count++;
        return count;
    }

    public async Task<int> CassandraRowCountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in Cql.QueryAsync($"SELECT id FROM {Keyspace}.{table}")) count++;
        return count;
    }

    public async Task<bool> CassandraHasTableAsync(string table)
        => (await Cassandra.ListTablesAsync(CancellationToken.None)).Any(t => t.Name == table);

    // ---- Elasticsearch side ----

    public string IndexOf(string table) => Layout == IndexLayout.PerTable ? $"{Index}-{table}" : Index;

    public string DocumentIdOf(string table, Guid id) => Layout == IndexLayout.PerTable ? id.ToString() : $"{table}:{id}";

    /// <summary>Creates the index of a table with a contract mapping (per-table: in the alias), as an existing deployment has it.</summary>
    public async Task CreateElasticsearchIndexAsync(string table, string refreshInterval = "1s")
    {
        var discriminator = Layout == IndexLayout.SingleIndex ? "\"table\":{\"type\":\"keyword\"}," : "";
        var alias = Layout == IndexLayout.PerTable ? $",\"aliases\":{{\"{Index}\":{{}}}}" : "";
        var body = $"{{\"settings\":{{\"refresh_interval\":\"{refreshInterval}\"}},\"mappings\":{{\"properties\":{{{discriminator}" +
                   "\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\"}," +
                   $"\"name\":{{\"type\":\"text\",\"fields\":{{\"keyword\":{{\"type\":\"keyword\",\"ignore_above\":256}}}}}}}}}}{alias}}}";
        await SendAsync(HttpMethod.Put, "/" + IndexOf(table), body);
    }

    public Task IndexDocumentAsync(string table, Guid id, DateTime tmstmp, string name, bool refresh = true)
    {
        var discriminator = Layout == IndexLayout.SingleIndex ? $"\"table\":\"{table}\"," : "";
        var body = $"{{{discriminator}\"id\":\"{id}\",\"tmstmp\":\"{tmstmp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"name\":\"{name}\"}}";
        return SendAsync(HttpMethod.Put, $"/{IndexOf(table)}/_doc/{Uri.EscapeDataString(DocumentIdOf(table, id))}{(refresh ? "?refresh=true" : "")}", body);
    }

    /// <summary>The document of an id: its tmstmp and name; null when there is none.</summary>
    public async Task<(DateTime Tmstmp, string? Name)?> DocumentAsync(string table, Guid id)
    {
        using var source = await SourceAsync(table, id);
        if (source is null) return null;
        var root = source.RootElement;
        var tmstmp = DateTimeOffset.Parse(root.GetProperty("tmstmp").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
        return (tmstmp, root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null);
    }

    public async Task<JsonDocument?> SourceAsync(string table, Guid id)
    {
        var response = await Http.GetAsync($"/{IndexOf(table)}/_doc/{Uri.EscapeDataString(DocumentIdOf(table, id))}");
        if ((int)response.StatusCode == 404) return null;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET document: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        if (!document.RootElement.GetProperty("found").GetBoolean()) return null;
        return JsonDocument.Parse(document.RootElement.GetProperty("_source").GetRawText());
    }

    public async Task<long> DocumentCountAsync(string table)
    {
        await SendAsync(HttpMethod.Post, $"/{IndexOf(table)}/_refresh", null);
        var query = Layout == IndexLayout.SingleIndex ? $"{{\"query\":{{\"term\":{{\"table\":\"{table}\"}}}}}}" : "{\"query\":{\"match_all\":{}}}";
        using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Post, $"/{IndexOf(table)}/_count", query));
        return document.RootElement.GetProperty("count").GetInt64();
    }

    public async Task<bool> IndexExistsAsync(string index)
        => (await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/" + index))).IsSuccessStatusCode;

    public async Task<string> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Cassandra.DisposeAsync();
        await Elasticsearch.DisposeAsync();
        await Cql.DisposeAsync();
        await Synced.Core.Tests.Cassandra.CassandraNode.StopAsync(CassandraNode);
        await ElasticsearchNode.DisposeAsync();
        try { Directory.Delete(_stateDirectory, recursive: true); } catch (IOException) { }
    }
}
