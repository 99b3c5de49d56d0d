using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Tests.EndToEnd;
using Synced.Cql;
using Synced.Cql.Types;

namespace Synced.Core.Tests.Comparison;

/// <summary>Loads many rows and documents into the sandbox's emulators quickly, as other applications write them.</summary>
internal static class EmulatorLoader
{
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Inserts versions (id, tmstmp) into <c>app.&lt;table&gt;</c> with prepared statements, many at once.</summary>
    public static async Task LoadCassandraAsync(Sandbox box, string table, IReadOnlyList<(Guid Id, DateTime Tmstmp)> versions, int concurrency = 128)
    {
        var insert = await box.Cql.PrepareAsync($"INSERT INTO {Sandbox.Keyspace}.{table} (id, tmstmp, name) VALUES (?, ?, ?)");
        using var gate = new SemaphoreSlim(concurrency);
        var pending = new List<Task>(versions.Count);
        var node = new byte[] { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab };
        for (var i = 0; i < versions.Count; i++)
        {
            var (id, tmstmp) = versions[i];
            var version = TimeUuid.FromUnixTicks(tmstmp.Ticks - UnixEpochTicks, node, (ushort)(i & 0x3FFF));
            await gate.WaitAsync();
            pending.Add(InsertAsync(box.Cql, insert.Bind(id, version, "c" + i), gate));
        }
        await Task.WhenAll(pending);
    }

    private static async Task InsertAsync(CqlSession cql, BoundStatement statement, SemaphoreSlim gate)
    {
        try
        {
            await cql.ExecuteAsync(statement);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Indexes documents (id, tmstmp in whole milliseconds) into the table's index with <c>_bulk</c>, then refreshes.</summary>
    public static async Task LoadElasticsearchAsync(Sandbox box, string table, IReadOnlyList<(Guid Id, DateTime Tmstmp)> documents, int perRequest = 5000)
    {
        var index = box.IndexOf(table);
        for (var start = 0; start < documents.Count; start += perRequest)
        {
            var body = new StringBuilder();
            foreach (var (id, tmstmp) in documents.Skip(start).Take(perRequest))
            {
                body.Append("{\"index\":{\"_index\":\"").Append(index).Append("\",\"_id\":\"").Append(box.DocumentIdOf(table, id)).Append("\"}}\n");
                body.Append("{\"id\":\"").Append(id).Append("\",\"tmstmp\":\"").Append(tmstmp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                    .Append("\",\"name\":\"e\"}\n");
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "/_bulk") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson") };
            using var response = await box.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || text.Contains("\"errors\":true"))
                throw new InvalidOperationException($"_bulk failed: {(int)response.StatusCode} {text.Substring(0, Math.Min(500, text.Length))}");
        }
        await box.SendAsync(HttpMethod.Post, $"/{index}/_refresh", null);
    }
}
