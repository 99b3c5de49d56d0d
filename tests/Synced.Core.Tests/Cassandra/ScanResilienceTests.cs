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
/// A scan goes on through what a real cluster does mid-scan (nodes lost, paging states refused, reads that time
/// out) and reads every version exactly once; what it cannot get past fails the table with what to do.
/// </summary>
public sealed class ScanResilienceTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Range = new(Begin, Begin.AddMonths(1));
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>A node owning the whole ring with one token: a scan of one sub-range.</summary>
    private static readonly string[] OneToken = { "0" };

    /// <summary>One sub-range, read alone, in small pages: the faults below hit a known page of it.</summary>
    private static void OneSubRange(CassandraStoreOptions options)
    {
        options.ScanSplits = 1;
        options.ReadParallelism = 1;
        options.PageSize = 7;
        options.ScanRetryDelay = TimeSpan.FromMilliseconds(10);
    }

    /// <summary>A table of <paramref name="ids"/> ids with <paramref name="versions"/> versions each; returns every (id, tick).</summary>
    private static async Task<HashSet<(Guid, long)>> FillAsync(CassandraNode node, int ids, int versions)
    {
        await node.CreateContractTableAsync("t");
        var written = new HashSet<(Guid, long)>();
        for (var i = 0; i < ids; i++)
        {
            var id = Guid.NewGuid();
            for (var v = 0; v < versions; v++)
            {
                var at = Begin.AddMinutes(i).AddTicks(v * 11 + 1);
                await node.Admin.ExecuteAsync("INSERT INTO ks.t (id, tmstmp, name) VALUES (?, ?, ?)",
                    id, TimeUuid.FromUnixTicks(at.Ticks - UnixEpochTicks, new byte[] { 1, 2, 3, 4, 5, 6 }, 7), $"{i}/{v}");
                written.Add((id, at.Ticks));
            }
        }
        return written;
    }

    /// <summary>Counts the scan's EXECUTEs (never fails one itself).</summary>
    private static Func<int> CountScanRequests(CassandraEmulator emulator)
    {
        var count = 0;
        emulator.Faults.AddLatency(TimeSpan.Zero, r => { if (IsScan(r)) Interlocked.Increment(ref count); return false; });
        return () => Volatile.Read(ref count);
    }

    private static bool IsScan(CqlRequestInfo request) => request.Opcode == CqlOpcode.Execute && request.Query!.Contains("token(id) >", StringComparison.Ordinal);

    /// <summary>Fails scan EXECUTEs number <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> - 1 (1-based).</summary>
    private static void FailScanRequests(CassandraEmulator emulator, int from, int count, CqlErrorCode code, string message)
    {
        var seen = 0;
        emulator.Faults.FailNext(count, code, message, r => IsScan(r) && Interlocked.Increment(ref seen) >= from);
    }

    private static void AssertReadOnce(HashSet<(Guid, long)> written, List<SyncEntry> entries)
    {
        var read = entries.Select(e => (e.Id, e.Tmstmp.Ticks)).ToList();
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(written.OrderBy(w => w), read.OrderBy(r => r));
    }

    private static async Task<List<EntryVersion>> ReadVersionsAsync(CassandraNode node, TableInfo table, VersionScan scan)
    {
        var versions = new List<EntryVersion>();
        await foreach (var version in node.Store.ReadVersionsAsync(table, scan, CancellationToken.None)) versions.Add(version);
        return versions;
    }

    /// <summary>Each id once, with its newest version.</summary>
    private static void AssertNewestOnce(HashSet<(Guid, long)> written, List<EntryVersion> versions)
    {
        var expected = written.GroupBy(w => w.Item1).Select(g => (g.Key, g.Max(w => w.Item2))).OrderBy(v => v).ToList();
        Assert.Equal(versions.Count, versions.Select(v => v.Id).Distinct().Count());
        Assert.Equal(expected, versions.Select(v => (v.Id, v.Tmstmp.Ticks)).OrderBy(v => v));
    }

    [Theory]
    [InlineData(CqlErrorCode.ReadTimeout, "Operation timed out - received only 0 responses.", false)]
    [InlineData(CqlErrorCode.ReadFailure, "Operation failed - received 0 responses and 1 failures: READ_TOO_MANY_TOMBSTONES", false)]
    [InlineData(CqlErrorCode.ReadTimeout, "Operation timed out - received only 0 responses.", true)]
    public async Task A_version_scan_whose_range_read_times_out_mid_scan_reads_on_in_smaller_ranges_and_gives_each_id_once(CqlErrorCode code, string message, bool notBefore)
    {
        await using var node = await CassandraNode.StartAsync(OneToken, OneSubRange);
        // Three versions per id in pages of 7: pages end inside partitions, so the halves restart inside one.
        var written = await FillAsync(node, 30, 3);
        var table = await node.TableAsync("t");
        var requests = CountScanRequests(node.Emulator);
        FailScanRequests(node.Emulator, from: 3, count: 2, code, message);

        var versions = await ReadVersionsAsync(node, table, new VersionScan { NotBefore = notBefore ? Begin : null });

        AssertNewestOnce(written, versions);
        // 90 rows in pages of 7 and two failed pages: more requests than the pages of one pass, as the halves restart.
        Assert.True(requests() >= 13 + 2, $"{requests()} scan requests");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_lost_with_its_node_mid_scan_is_asked_again_from_its_paging_state_and_nothing_is_read_twice(bool versionScan)
    {
        await using var node = await CassandraNode.StartAsync(OneToken, OneSubRange);
        var written = await FillAsync(node, 40, 2);
        var table = await node.TableAsync("t");
        var requests = CountScanRequests(node.Emulator);
        // Page 3 fails on every attempt the client makes (1 + 3 retries) and once more: the store asks again.
        FailScanRequests(node.Emulator, from: 3, count: 5, CqlErrorCode.Unavailable, "Cannot achieve consistency level ONE");

        if (versionScan) AssertNewestOnce(written, await ReadVersionsAsync(node, table, VersionScan.All));
        else AssertReadOnce(written, await node.ReadAllAsync(table, Range));
        // 80 rows in pages of 7: 12 pages (the last one may be an empty one), plus the 5 failed attempts. A restart
        // from the beginning of the range would have taken at least 2 more.
        Assert.InRange(requests(), 12 + 5, 13 + 5);
    }

    [Fact]
    public async Task A_refused_paging_state_restarts_the_range_at_the_last_token_read_without_reading_a_version_twice()
    {
        await using var node = await CassandraNode.StartAsync(OneToken, OneSubRange);
        // Three versions per id in pages of 7: pages end inside partitions, so the restart must skip part of one.
        var written = await FillAsync(node, 30, 3);
        var table = await node.TableAsync("t");
        FailScanRequests(node.Emulator, from: 4, count: 4, CqlErrorCode.Overloaded, "too many requests");
        var refused = 0;
        node.Emulator.Faults.FailNext(1, CqlErrorCode.ProtocolError, "Invalid value for the paging state",
            r => IsScan(r) && Interlocked.Increment(ref refused) == 8);

        var entries = await node.ReadAllAsync(table, Range);

        AssertReadOnce(written, entries);
    }

    [Theory]
    [InlineData(CqlErrorCode.ReadTimeout, "Operation timed out - received only 0 responses.")]
    [InlineData(CqlErrorCode.ReadFailure, "Operation failed - received 0 responses and 1 failures: READ_TOO_MANY_TOMBSTONES")]
    public async Task A_range_read_that_times_out_mid_scan_is_read_on_in_smaller_ranges(CqlErrorCode code, string message)
    {
        await using var node = await CassandraNode.StartAsync(OneToken, OneSubRange);
        var written = await FillAsync(node, 40, 2);
        var table = await node.TableAsync("t");
        // Page 3 of the whole range, then the first page of its first half.
        FailScanRequests(node.Emulator, from: 3, count: 2, code, message);

        var entries = await node.ReadAllAsync(table, Range);

        AssertReadOnce(written, entries);
    }

    [Fact]
    public async Task A_range_read_the_client_gives_up_on_is_read_in_smaller_ranges()
    {
        await using var node = await CassandraNode.StartAsync(OneToken, o => { OneSubRange(o); o.RequestTimeout = TimeSpan.FromMilliseconds(400); });
        var written = await FillAsync(node, 20, 1);
        var table = await node.TableAsync("t");
        var seen = 0;
        node.Emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(1500), r => IsScan(r) && Interlocked.Increment(ref seen) == 2, count: 1);

        var entries = await node.ReadAllAsync(table, Range);

        AssertReadOnce(written, entries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_range_that_keeps_timing_out_fails_the_table_at_the_floor_naming_the_table_the_tokens_and_what_to_do(bool versionScan)
    {
        await using var node = await CassandraNode.StartAsync(OneToken, o => { OneSubRange(o); o.TimeoutSplitDepth = 2; });
        await FillAsync(node, 10, 1);
        var table = await node.TableAsync("t");
        var requests = CountScanRequests(node.Emulator);
        node.Emulator.Faults.FailNext(1000, CqlErrorCode.ReadTimeout, "Operation timed out - received only 0 responses.", IsScan);

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => versionScan ? (Task)ReadVersionsAsync(node, table, VersionScan.All) : node.ReadAllAsync(table, Range));

        Assert.Contains("scanning ks.t", error.Message);
        Assert.Contains("still timed out after splitting it 2 time(s)", error.Message);
        Assert.Contains("tokens (", error.Message);
        Assert.Contains("range_request_timeout", error.Message);
        // The whole range, its first half, the first quarter: then the floor.
        Assert.Equal(3, requests());
    }

    [Fact]
    public async Task Pages_lost_more_often_than_the_store_retries_fail_the_table_saying_what_to_check()
    {
        await using var node = await CassandraNode.StartAsync(OneToken, o => { OneSubRange(o); o.ScanRetries = 1; });
        await FillAsync(node, 10, 1);
        var table = await node.TableAsync("t");
        node.Emulator.Faults.FailNext(1000, CqlErrorCode.Unavailable, "Cannot achieve consistency level ONE", IsScan);

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => node.ReadAllAsync(table, Range));

        Assert.Contains("scanning ks.t (tokens (", error.Message);
        Assert.Contains("failed 2 times in a row", error.Message);
        Assert.Contains("enough replicas", error.Message);
    }

    [Theory]
    [InlineData(CqlOpcode.Prepare)]
    [InlineData(CqlOpcode.Execute)]
    public async Task The_allow_filtering_guardrail_refusing_the_scan_is_reported_with_the_setting_to_change(CqlOpcode refusedAt)
    {
        await using var node = await CassandraNode.StartAsync(OneToken, OneSubRange);
        await FillAsync(node, 3, 1);
        var table = await node.TableAsync("t");
        node.Emulator.Faults.FailNext(10, CqlErrorCode.Invalid, "Guardrail allow_filtering violated: Querying with ALLOW FILTERING is not allowed",
            r => r.Opcode == refusedAt && r.Query!.Contains("ALLOW FILTERING", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => node.ReadAllAsync(table, Range));

        Assert.Contains("ks.t cannot be scanned", error.Message);
        Assert.Contains("allow_filtering guardrail", error.Message);
        Assert.Contains("allow_filtering_enabled: true", error.Message);
        Assert.Contains("cassandra.yaml", error.Message);
    }
}
