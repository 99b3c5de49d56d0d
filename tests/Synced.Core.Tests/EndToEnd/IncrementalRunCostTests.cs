using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Tests.Engine;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.EndToEnd;

/// <summary>
/// What an incremental run costs Cassandra, in the rows its nodes examine (the emulator's system_views.rows_examined):
/// with an SAI index on tmstmp about what changed, without it the whole table; and what the newest-version reads of
/// the way back cost.
/// </summary>
public sealed class IncrementalRunCostTests
{
    private const int Rows = 10_000;
    private const int Changed = Rows / 1000;
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Every id in Cassandra, one version each, an hour ago.</summary>
    private static async Task<List<Guid>> SeedAsync(Sandbox box, bool withIndex)
    {
        await box.CreateCassandraTableAsync("items");
        if (withIndex) await box.Cql.ExecuteAsync($"CREATE INDEX items_tmstmp_sai ON {Sandbox.Keyspace}.items (tmstmp) USING 'sai'");
        var ids = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToList();
        await WriteAsync(box, ids, DateTime.UtcNow.AddHours(-1), "v1");
        return ids;
    }

    private static async Task WriteAsync(Sandbox box, IReadOnlyList<Guid> ids, DateTime at, string name)
    {
        var insert = await box.Cql.PrepareAsync($"INSERT INTO {Sandbox.Keyspace}.items (id, tmstmp, name) VALUES (?, ?, ?)");
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
                await box.Cql.ExecuteAsync(insert.Bind(ids[i], TimeUuid.Create(new DateTimeOffset(at.AddTicks(i * 10L))), name));
        }
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Worker()));
    }

    private static long Examined(Sandbox box) => box.CassandraNode.RowsOf(Sandbox.Keyspace, "items").RowsExamined;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_tenth_of_a_percent_changed_an_incremental_run_examines_what_changed_with_the_index_and_every_row_without(bool withIndex)
    {
        await using var box = await Sandbox.StartAsync(cassandra: SandboxCassandra.Cassandra5);
        var ids = await SeedAsync(box, withIndex);
        var full = await box.RunAsync(configure: r => r.CreateMissing = true);
        Assert.Equal(RunStatus.Succeeded, full.Status);
        await WriteAsync(box, ids.Take(Changed).ToList(), DateTime.UtcNow.AddMilliseconds(-200), "v2");
        var observer = new SyncEngineTests.RecordingObserver();

        var before = Examined(box);
        var incremental = await box.RunAsync(new SyncRequest(box.Configuration()), observer);
        var examined = Examined(box) - before;

        Assert.Equal(RunStatus.Succeeded, incremental.Status);
        var toElasticsearch = incremental.Tables.Single(t => t.Direction == SyncDirection.CassandraToElasticsearch);
        var toCassandra = incremental.Tables.Single(t => t.Direction == SyncDirection.ElasticsearchToCassandra);
        Assert.Equal(Changed, toElasticsearch.Read);
        Assert.Equal(Changed, toElasticsearch.Written);
        // The way back reads the documents just written and skips them: no newest-version read in Cassandra.
        Assert.Equal(Changed, toCassandra.Read);
        Assert.Equal(0, toCassandra.Written);
        if (withIndex)
        {
            Assert.True(examined <= 2 * Changed, $"the incremental run examined {examined:N0} rows for {Changed} changed");
            Assert.Contains(observer.Phases, p => p.Contains("CassandraToElasticsearch items", StringComparison.Ordinal) && p.Contains("through the index items_tmstmp_sai", StringComparison.Ordinal));
        }
        else
        {
            Assert.True(examined >= Rows, $"the incremental run examined {examined:N0} rows of {Rows + Changed:N0}: a full scan reads every row");
            Assert.Contains(observer.Phases, p => p.Contains("CassandraToElasticsearch items", StringComparison.Ordinal)
                                                  && p.Contains("full scan with ALLOW FILTERING", StringComparison.Ordinal)
                                                  && p.Contains("CREATE INDEX items_tmstmp_sai ON app.items (tmstmp) USING 'sai'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Each_entry_coming_back_from_Elasticsearch_costs_one_examined_row_for_its_newest_version()
    {
        await using var box = await Sandbox.StartAsync(cassandra: SandboxCassandra.Cassandra5);
        var ids = await SeedAsync(box, withIndex: true);
        Assert.Equal(RunStatus.Succeeded, (await box.RunAsync(configure: r => r.CreateMissing = true)).Status);
        // Another application changes documents in Elasticsearch: newer than Cassandra's versions.
        var changedAt = DateTime.UtcNow.AddSeconds(-1);
        foreach (var id in ids.Take(Changed)) await box.IndexDocumentAsync("items", id, changedAt, "from elasticsearch", refresh: false);
        await box.SendAsync(System.Net.Http.HttpMethod.Post, $"/{box.IndexOf("items")}/_refresh", null);

        var before = Examined(box);
        var run = await box.RunAsync(SyncDirection.ElasticsearchToCassandra);
        var examined = Examined(box) - before;

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(Changed, run.Tables.Single().Written);
        // One newest-version read per entry (a single partition, newest first, LIMIT 1): one row each.
        Assert.Equal(Changed, examined);
        Assert.Equal("from elasticsearch", (await box.NewestInCassandraAsync("items", ids[0]))!.Value.Name);
    }
}
