using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>
/// Scans through a storage-attached index on tmstmp (Cassandra 5.0): chosen from the schema, proven cheaper with the
/// emulator's count of rows examined, as complete as the ALLOW FILTERING scan, and falling back to it when the index
/// cannot serve.
/// </summary>
public sealed class IndexScanTests
{
    private const string Cassandra5 = "5.0.2";
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static Guid RandomTimeUuid(DateTime instant)
    {
        var node = Guid.NewGuid().ToByteArray().Take(6).ToArray();
        return TimeUuid.FromUnixTicks(instant.Ticks - UnixEpochTicks, node, (ushort)Random.Shared.Next(0, 0x4000));
    }

    /// <summary>Inserts one version per (id, instant), many at once.</summary>
    private static async Task InsertAsync(CassandraNode node, string table, IReadOnlyList<(Guid Id, DateTime At)> versions)
    {
        var insert = await node.Admin.PrepareAsync($"INSERT INTO ks.{table} (id, tmstmp, name) VALUES (?, ?, ?)");
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < versions.Count)
                await node.Admin.ExecuteAsync(insert.Bind(versions[i].Id, RandomTimeUuid(versions[i].At), "v" + i));
        }
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Worker()));
    }

    private static Task CreateIndexAsync(CassandraNode node, string table)
        => node.Admin.ExecuteAsync($"CREATE INDEX {table}_tmstmp_sai ON ks.{table} (tmstmp) USING 'sai'");

    private static long Examined(CassandraNode node, string table) => node.Emulator.RowsOf(CassandraNode.KeyspaceName, table).RowsExamined;

    private static bool IsScan(CqlRequestInfo r) => r.Opcode == CqlOpcode.Execute && r.Query is { } q && q.Contains("token(id) >", StringComparison.Ordinal);

    private static bool IsIndexScan(CqlRequestInfo r) => IsScan(r) && !r.Query!.Contains("ALLOW FILTERING", StringComparison.Ordinal);

    [Fact]
    public async Task A_table_with_an_SAI_index_on_tmstmp_is_listed_as_read_through_it()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        await node.Admin.ExecuteAsync("CREATE INDEX items_tmstmp ON ks.t (tmstmp) USING 'sai'");

        var scan = (await node.TableAsync("t")).Scan!;

        Assert.Equal(TableScanKind.IndexOnTmstmp, scan.Kind);
        Assert.Equal("items_tmstmp", scan.IndexName);
        Assert.Null(scan.CreateIndexStatement);
        Assert.Contains("through the index items_tmstmp", scan.ToString());
    }

    [Fact]
    public async Task On_5_0_a_table_without_the_index_is_listed_as_a_full_scan_with_the_one_statement_that_creates_it()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        // Neither a legacy index nor an SAI index on another column serves the range on tmstmp.
        await node.Admin.ExecuteAsync("CREATE INDEX ON ks.t (name)");
        await node.Admin.ExecuteAsync("CREATE INDEX t_name_sai ON ks.t (name) USING 'sai'");

        var scan = (await node.TableAsync("t")).Scan!;

        Assert.Equal(TableScanKind.FullScan, scan.Kind);
        Assert.Equal("CREATE INDEX t_tmstmp_sai ON ks.t (tmstmp) USING 'sai'", scan.CreateIndexStatement);
        Assert.Null(scan.IndexUnavailableReason);
        Assert.Contains("ALLOW FILTERING", scan.ToString());
    }

    [Fact]
    public async Task On_4_1_a_full_scan_says_that_the_index_needs_5_0_and_gives_no_statement()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");

        var scan = (await node.TableAsync("t")).Scan!;

        Assert.Equal(TableScanKind.FullScan, scan.Kind);
        Assert.Null(scan.CreateIndexStatement);
        Assert.Contains("from 5.0", scan.IndexUnavailableReason);
        Assert.Contains("4.1.5", scan.IndexUnavailableReason);
    }

    [Fact]
    public async Task A_table_outside_the_contract_has_no_scan()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.Admin.ExecuteAsync("CREATE TABLE ks.loose (id uuid PRIMARY KEY, tmstmp timeuuid)");

        var table = await node.TableAsync("loose");

        Assert.False(table.MeetsContract);
        Assert.Null(table.Scan);
    }

    /// <summary>
    /// Tables "indexed" (with the SAI index) and "plain" (without), each with <paramref name="rows"/> old versions and,
    /// for the first <paramref name="recentCount"/> ids, a newer one a minute apart after <paramref name="since"/>.
    /// </summary>
    private static async Task<List<(Guid Id, DateTime At)>> FillIndexedAndPlainAsync(CassandraNode node, int rows, int recentCount, DateTime since)
    {
        await node.CreateContractTableAsync("indexed");
        await node.CreateContractTableAsync("plain");
        await CreateIndexAsync(node, "indexed");
        var old = Enumerable.Range(0, rows).Select(i => (Guid.NewGuid(), Begin.AddSeconds(i))).ToList();
        var recent = old.Take(recentCount).Select((v, i) => (v.Item1, since.AddMinutes(1 + i))).ToList();
        foreach (var table in new[] { "indexed", "plain" })
        {
            await InsertAsync(node, table, old);
            await InsertAsync(node, table, recent);
        }
        return recent;
    }

    [Fact]
    public async Task With_the_index_an_incremental_scan_examines_about_what_changed_and_without_it_every_row()
    {
        const int rows = 10_000;
        const int changed = rows / 1000;
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        var lastRun = Begin.AddDays(1);
        await FillIndexedAndPlainAsync(node, rows, changed, lastRun);
        var range = new TimeRange(lastRun, lastRun.AddDays(1));

        var before = (Indexed: Examined(node, "indexed"), Plain: Examined(node, "plain"));
        var throughIndex = await node.ReadAllAsync(await node.TableAsync("indexed"), range);
        var filtering = await node.ReadAllAsync(await node.TableAsync("plain"), range);
        var examined = (Indexed: Examined(node, "indexed") - before.Indexed, Plain: Examined(node, "plain") - before.Plain);

        Assert.Equal(changed, throughIndex.Count);
        Assert.Equal(changed, filtering.Count);
        Assert.True(examined.Indexed <= 2 * changed, $"the scan through the index examined {examined.Indexed} rows for {changed} changed");
        Assert.True(examined.Plain >= rows, $"the ALLOW FILTERING scan examined {examined.Plain} rows of {rows + changed}");
        Assert.Empty(node.Store.ServerWarnings);
    }

    [Fact]
    public async Task A_comparison_from_a_begin_reads_the_versions_through_the_index_and_examines_about_what_is_newer()
    {
        const int rows = 5_000;
        const int recentCount = 10;
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        var since = Begin.AddDays(1);
        // Ids with a version before and after the bound: the newest (after it) is what counts.
        var recent = await FillIndexedAndPlainAsync(node, rows, recentCount, since);
        var requests = node.Emulator.Requests;
        var scan = new VersionScan { NotBefore = since };

        async Task<List<EntryVersion>> ReadAsync(string table)
        {
            var versions = new List<EntryVersion>();
            await foreach (var v in node.Store.ReadVersionsAsync(await node.TableAsync(table), scan, CancellationToken.None)) versions.Add(v);
            return versions;
        }

        var before = (Indexed: Examined(node, "indexed"), Plain: Examined(node, "plain"));
        var throughIndex = await ReadAsync("indexed");
        var filtering = await ReadAsync("plain");
        var examined = (Indexed: Examined(node, "indexed") - before.Indexed, Plain: Examined(node, "plain") - before.Plain);

        var expected = recent.Select(r => (r.Id, UtcTime.TruncateToMilliseconds(r.At))).OrderBy(r => r).ToList();
        Assert.Equal(expected, throughIndex.Select(v => (v.Id, UtcTime.TruncateToMilliseconds(v.Tmstmp))).OrderBy(v => v));
        Assert.Equal(expected, filtering.Select(v => (v.Id, UtcTime.TruncateToMilliseconds(v.Tmstmp))).OrderBy(v => v));
        Assert.True(examined.Indexed <= 2 * recentCount, $"the version scan through the index examined {examined.Indexed} rows for {recentCount} newer");
        Assert.True(examined.Plain >= rows, $"the ALLOW FILTERING version scan examined {examined.Plain} rows of {rows + recentCount}");
        Assert.Contains(requests.Snapshot(), r => r.Query is { } q && q.Contains("FROM ks.indexed", StringComparison.Ordinal) && q.Contains("tmstmp >= ?", StringComparison.Ordinal)
                                                   && !q.Contains("ALLOW FILTERING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_scan_through_the_index_reads_exactly_what_the_full_scan_reads_at_tick_precision()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5, configure: o => o.PageSize = 7);
        await node.CreateContractTableAsync("t");
        var begin = Begin.AddDays(10).AddTicks(12_345);
        var end = Begin.AddDays(20).AddTicks(6_789);
        var versions = new List<(Guid, DateTime)>();
        foreach (var id in Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()))
            foreach (var at in new[] { begin.AddTicks(-1), begin, begin.AddDays(3).AddTicks(1), end.AddTicks(-1), end, Begin.AddDays(Random.Shared.Next(0, 40)) })
                versions.Add((id, at));
        await InsertAsync(node, "t", versions);
        var range = new TimeRange(begin, end);
        var filtering = await node.ReadAllAsync(await node.TableAsync("t"), range);

        await CreateIndexAsync(node, "t");
        var table = await node.TableAsync("t");
        var throughIndex = await node.ReadAllAsync(table, range);

        Assert.Equal(TableScanKind.IndexOnTmstmp, table.Scan!.Kind);
        Assert.Equal(filtering.Select(e => (e.Id, e.Tmstmp)).OrderBy(v => v), throughIndex.Select(e => (e.Id, e.Tmstmp)).OrderBy(v => v));
        Assert.Equal(throughIndex.Count, throughIndex.Select(e => (e.Id, e.Tmstmp)).Distinct().Count());
        Assert.All(throughIndex, e => Assert.True(e.Tmstmp >= begin && e.Tmstmp < end, $"{e.Tmstmp:o} is outside the range"));
        var scans = node.Emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute && r.Query is { } q && q.Contains("token(id) >", StringComparison.Ordinal)).ToList();
        Assert.Contains(scans, r => !r.Query!.Contains("ALLOW FILTERING", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CqlErrorCode.ReadFailure, "Operation failed - received 0 responses and 1 failures: INDEX_NOT_AVAILABLE from /127.0.0.1:7000")]
    [InlineData(CqlErrorCode.Invalid, "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING")]
    public async Task A_page_the_index_cannot_serve_sends_the_scan_to_ALLOW_FILTERING_with_a_warning_and_nothing_is_lost(CqlErrorCode code, string message)
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5, configure: o => { o.PageSize = 20; o.ScanSplits = 2; o.ReadParallelism = 1; });
        await node.CreateContractTableAsync("t");
        await CreateIndexAsync(node, "t");
        var versions = Enumerable.Range(0, 300).Select(i => (Guid.NewGuid(), Begin.AddMinutes(i))).ToList();
        await InsertAsync(node, "t", versions);
        var seen = 0;
        // The third page read through the index fails: the scan has passed entries on by then.
        node.Emulator.Faults.FailNext(1, code, message, r => IsIndexScan(r) && Interlocked.Increment(ref seen) == 3);

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(Begin, Begin.AddDays(1)));

        Assert.Equal(versions.Select(v => v.Item1).OrderBy(g => g), entries.Select(e => e.Id).OrderBy(g => g));
        var warning = Assert.Single(node.Store.ServerWarnings, w => w.Contains("through its index t_tmstmp_sai", StringComparison.Ordinal));
        Assert.Contains("ALLOW FILTERING instead", warning);
        Assert.Contains(node.Emulator.Requests.Snapshot(), r => r.Opcode == CqlOpcode.Execute && r.Query!.Contains("ALLOW FILTERING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_index_scan_the_cluster_refuses_to_prepare_is_read_with_ALLOW_FILTERING_and_says_so()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        await CreateIndexAsync(node, "t");
        var versions = Enumerable.Range(0, 50).Select(i => (Guid.NewGuid(), Begin.AddMinutes(i))).ToList();
        await InsertAsync(node, "t", versions);
        node.Emulator.Faults.FailNext(1, CqlErrorCode.Invalid, "Cannot execute this query as it might involve data filtering",
            r => r.Opcode == CqlOpcode.Prepare && r.Query is { } q && q.Contains("token(id) >", StringComparison.Ordinal) && !q.Contains("ALLOW FILTERING", StringComparison.Ordinal));

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(Begin, Begin.AddDays(1)));

        Assert.Equal(50, entries.Count);
        Assert.Contains(node.Store.ServerWarnings, w => w.Contains("refused the scan through it", StringComparison.Ordinal) && w.Contains("t_tmstmp_sai", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_allow_filtering_guardrail_off_a_table_with_the_index_is_still_scanned()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        await CreateIndexAsync(node, "t");
        var versions = Enumerable.Range(0, 40).Select(i => (Guid.NewGuid(), Begin.AddMinutes(i))).ToList();
        await InsertAsync(node, "t", versions);
        node.Emulator.Settings.AllowFilteringEnabled = false;

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(Begin, Begin.AddDays(1)));

        Assert.Equal(40, entries.Count);
        Assert.DoesNotContain(node.Store.ServerWarnings, w => w.Contains("ALLOW FILTERING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_the_index_makes_the_next_scan_read_through_it_and_a_second_call_finds_it_there()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        var versions = Enumerable.Range(0, 500).Select(i => (Guid.NewGuid(), Begin.AddMinutes(i))).ToList();
        await InsertAsync(node, "t", versions);

        var created = await node.Store.CreateTmstmpIndexAsync("t", CancellationToken.None);
        var again = await node.Store.CreateTmstmpIndexAsync("t", CancellationToken.None);
        var before = Examined(node, "t");
        var entries = await node.ReadAllAsync(created.Table, new TimeRange(Begin.AddMinutes(490), Begin.AddDays(1)));

        Assert.True(created.Created);
        Assert.Equal("t_tmstmp_sai", created.IndexName);
        Assert.Equal("CREATE INDEX t_tmstmp_sai ON ks.t (tmstmp) USING 'sai'", created.Statement);
        Assert.Null(created.SchemaNote);
        Assert.Equal(TableScanKind.IndexOnTmstmp, created.Table.Scan!.Kind);
        Assert.False(again.Created);
        Assert.Equal("t_tmstmp_sai", again.IndexName);
        Assert.Equal(10, entries.Count);
        Assert.True(Examined(node, "t") - before <= 20, $"examined {Examined(node, "t") - before} rows for 10 in the range");
    }

    [Fact]
    public async Task An_index_created_under_another_name_is_found_and_not_created_twice()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        await node.Admin.ExecuteAsync("CREATE CUSTOM INDEX mine ON ks.t (tmstmp) USING 'StorageAttachedIndex'");

        var result = await node.Store.CreateTmstmpIndexAsync("t", CancellationToken.None);

        Assert.False(result.Created);
        Assert.Equal("mine", result.IndexName);
    }

    [Fact]
    public async Task Creating_the_index_on_4_1_is_refused_as_not_supported_and_creates_nothing()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");

        var error = await Assert.ThrowsAsync<IndexCreationException>(() => node.Store.CreateTmstmpIndexAsync("t", CancellationToken.None));

        Assert.Equal(IndexCreationFailure.NotSupported, error.Failure);
        Assert.Equal("ks.t", error.Table);
        Assert.Contains("4.1.5", error.Message);
        Assert.DoesNotContain(node.Emulator.Requests.Snapshot(), r => r.Query is { } q && q.StartsWith("CREATE INDEX", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Creating_the_index_of_a_missing_table_or_one_outside_the_contract_is_refused()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.Admin.ExecuteAsync("CREATE TABLE ks.loose (id uuid PRIMARY KEY, tmstmp timeuuid)");

        var missing = await Assert.ThrowsAsync<IndexCreationException>(() => node.Store.CreateTmstmpIndexAsync("nothing", CancellationToken.None));
        var loose = await Assert.ThrowsAsync<IndexCreationException>(() => node.Store.CreateTmstmpIndexAsync("loose", CancellationToken.None));

        Assert.Equal(IndexCreationFailure.TableNotFound, missing.Failure);
        Assert.Contains("ks.nothing does not exist", missing.Message);
        Assert.Equal(IndexCreationFailure.OutsideContract, loose.Failure);
        Assert.Contains("primary key", loose.Message);
    }

    [Fact]
    public async Task A_create_statement_Cassandra_refuses_is_reported_with_the_statement()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: Cassandra5);
        await node.CreateContractTableAsync("t");
        // The name the index would take is held by an index on another column.
        await node.Admin.ExecuteAsync("CREATE INDEX t_tmstmp_sai ON ks.t (name) USING 'sai'");

        var error = await Assert.ThrowsAsync<IndexCreationException>(() => node.Store.CreateTmstmpIndexAsync("t", CancellationToken.None));

        Assert.Equal(IndexCreationFailure.Refused, error.Failure);
        Assert.Contains("CREATE INDEX t_tmstmp_sai ON ks.t (tmstmp) USING 'sai'", error.Message);
        Assert.Equal(TableScanKind.FullScan, (await node.TableAsync("t")).Scan!.Kind);
    }
}
