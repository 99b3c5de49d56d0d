using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;
using Nest;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Tests.Cassandra;
using Synced.Cql.Types;
using Synced.Emulators.Elasticsearch;
using EsMethod = Elasticsearch.Net.HttpMethod;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// An in-process Elasticsearch emulator on a free loopback port, a store connected to it, and a plain NEST client
/// for setting up and checking documents behind the store's back.
/// </summary>
internal sealed class EmulatedCluster : IAsyncDisposable
{
    private EmulatedCluster(ElasticsearchEmulator emulator, ElasticClient raw)
    {
        Emulator = emulator;
        Raw = raw;
    }

    /// <summary>The 7.x version the Elasticsearch tests run against.</summary>
    public const string Version7 = "7.17.5";

    /// <summary>The 8.x version the Elasticsearch tests run against in their second mode.</summary>
    public const string Version8 = "8.15.0";

    public ElasticsearchEmulator Emulator { get; }

    /// <summary>NEST against the emulator, independent of the store.</summary>
    public ElasticClient Raw { get; }

    public static async Task<EmulatedCluster> StartAsync(string? version = null, string? user = null, string? password = null,
        Action<ElasticsearchEmulatorOptions>? configure = null)
    {
        var options = new ElasticsearchEmulatorOptions { Port = 0, User = user, Password = password };
        if (version is not null) options.Version = version;
        configure?.Invoke(options);
        var emulator = await ElasticsearchEmulator.StartAsync(options);
        var settings = new ConnectionSettings(new SingleNodeConnectionPool(emulator.Uri)).ThrowExceptions(false);
        if (user is not null) settings = settings.BasicAuthentication(user, password);
        if (options.ApiKey is not null)
        {
            var colon = options.ApiKey.IndexOf(':');
            settings = settings.ApiKeyAuthentication(options.ApiKey.Substring(0, colon), options.ApiKey.Substring(colon + 1));
        }
        if (version is not null && version.StartsWith("8.", StringComparison.Ordinal)) settings = settings.EnableApiVersioningHeader();
        return new EmulatedCluster(emulator, new ElasticClient(settings));
    }

    public ElasticsearchConnectionOptions ConnectionOptions(NetworkCredential? credential = null)
    {
        var options = new ElasticsearchConnectionOptions { Credential = credential, RequestTimeout = TimeSpan.FromSeconds(20) };
        options.Uris.Add(Emulator.Uri);
        return options;
    }

    public Task<ElasticsearchStore> ConnectStoreAsync(ElasticsearchStoreOptions options, NetworkCredential? credential = null)
        => ElasticsearchStore.ConnectAsync(ConnectionOptions(credential), options, CancellationToken.None);

    /// <summary>Sends a request with NEST's low-level client and returns status and parsed body (null when empty).</summary>
    public async Task<(int Status, JsonElement? Body)> SendAsync(EsMethod method, string path, string? body = null)
    {
        // The transport wants query parameters apart from the path.
        QueryParameters? parameters = null;
        var question = path.IndexOf('?');
        if (question >= 0)
        {
            parameters = new QueryParameters();
            foreach (var pair in path.Substring(question + 1).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                parameters.QueryString[equals < 0 ? pair : pair.Substring(0, equals)] = equals < 0 ? "" : Uri.UnescapeDataString(pair.AsSpan(equals + 1));
            }
            path = path.Substring(0, question);
        }
        var response = await Raw.LowLevel.DoRequestAsync<StringResponse>(method, path, CancellationToken.None, body is null ? null : PostData.String(body), parameters);
        var status = response.ApiCall.HttpStatusCode ?? throw new InvalidOperationException($"{method} {path}: no answer: {response.ApiCall.OriginalException}");
        JsonElement? parsed = string.IsNullOrEmpty(response.Body) ? null : JsonDocument.Parse(response.Body).RootElement.Clone();
        return (status, parsed);
    }

    /// <summary>The stored source of a document, or null when absent.</summary>
    public async Task<JsonElement?> GetSourceAsync(string index, string id)
    {
        var (status, body) = await SendAsync(EsMethod.GET, $"/{index}/_doc/{Uri.EscapeDataString(id)}");
        if (status == 404) return null;
        if (status != 200) throw new InvalidOperationException($"GET {index}/{id}: HTTP {status}: {body}");
        return body!.Value.GetProperty("_source");
    }

    /// <summary>Writes a document directly (as another writer would), without refresh.</summary>
    public async Task PutAsync(string index, string id, string json)
    {
        var (status, body) = await SendAsync(EsMethod.PUT, $"/{index}/_doc/{Uri.EscapeDataString(id)}", json);
        if (status != 200 && status != 201) throw new InvalidOperationException($"PUT {index}/{id}: HTTP {status}: {body}");
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    /// <summary>A source table as a Cassandra store would describe it.</summary>
    public static TableInfo CassandraTable(string name, params (string Name, string Type)[] columns)
    {
        var list = new List<ColumnInfo> { new("id", CqlType.Uuid), new("tmstmp", CqlType.Timeuuid) };
        foreach (var column in columns) list.Add(new ColumnInfo(column.Name, CqlTypeText.Parse(column.Type)));
        return new TableInfo(name, list, null, "ks." + name);
    }

    public static SyncEntry Entry(string table, Guid id, DateTime tmstmp, params (string Name, object? Value)[] fields)
    {
        var map = new Dictionary<string, object?>();
        foreach (var field in fields) map[field.Name] = field.Value;
        return new SyncEntry(table, id, tmstmp, map);
    }
}
