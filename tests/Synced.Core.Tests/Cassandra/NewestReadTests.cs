using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>
/// The newest-version reads of an upsert (and of compare and repair): several ids per request on a table kept newest
/// first, one id per request otherwise, and a failed group read again id by id so a failure stays with its id.
/// </summary>
public sealed class NewestReadTests
{
    private static readonly DateTime T0 = new(2015, 1, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly byte[] Node = { 1, 2, 3, 4, 5, 6 };

    private static SyncEntry Entry(Guid id, DateTime at, string name = "v") => new("t", id, at, new Dictionary<string, object?> { ["name"] = name });

    private static Guid Version(DateTime at) => TimeUuid.FromUnixTicks(at.Ticks - UnixEpochTicks, Node, 7);

    /// <summary>Stores an older and a newer version of each id: the newer one, at <paramref name="newest"/>, is what upserts compare with.</summary>
    private static async Task StoreTwoVersionsAsync(CqlSession admin, string table, IEnumerable<Guid> ids, DateTime newest)
    {
        var insert = await admin.PrepareAsync($"INSERT INTO ks.{table} (id, tmstmp, name) VALUES (?, ?, ?)");
        foreach (var id in ids)
        {
            await admin.ExecuteAsync(insert.Bind(id, Version(newest.AddHours(-1)), "older"));
            await admin.ExecuteAsync(insert.Bind(id, Version(newest), "newest"));
        }
    }

    private static List<CqlRequestRecord> Reads(CassandraEmulator emulator)
        => emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute && r.Query!.StartsWith("SELECT", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_table_kept_newest_first_has_the_newest_versions_of_a_batch_read_a_hundred_ids_per_request()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var stored = Enumerable.Range(0, 240).Select(_ => Guid.NewGuid()).ToList();
        await StoreTwoVersionsAsync(node.Admin, "t", stored, T0);
        var absent = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        node.Emulator.Requests.Clear();

        // Even ids come newer than the newest stored version, odd ones between the two stored versions: the older
        // stored version must not be what they are compared with.
        var batch = stored.Select((id, i) => Entry(id, i % 2 == 0 ? T0.AddMilliseconds(1) : T0.AddMinutes(-30))).Concat(absent.Select(id => Entry(id, T0))).ToList();
        var outcomes = await node.UpsertAsync(table, batch);

        for (var i = 0; i < stored.Count; i++)
            Assert.Equal(i % 2 == 0 ? UpsertOutcomeKind.Written : UpsertOutcomeKind.SkippedNotNewer, outcomes[i].Kind);
        Assert.All(outcomes.Skip(stored.Count), o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        var reads = Reads(node.Emulator);
        Assert.Equal(3, reads.Count); // 250 ids, at most 100 a request
        Assert.All(reads, r => Assert.Contains("IN ? PER PARTITION LIMIT 1", r.Query));
    }

    [Fact]
    public async Task A_table_kept_oldest_first_is_read_id_by_id_and_its_newest_version_is_still_the_one_compared()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.Admin.ExecuteAsync("CREATE TABLE ks.t (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp ASC)");
        var table = await node.TableAsync("t");
        var (between, newer) = (Guid.NewGuid(), Guid.NewGuid());
        await StoreTwoVersionsAsync(node.Admin, "t", new[] { between, newer }, T0);
        node.Emulator.Requests.Clear();

        var outcomes = await node.UpsertAsync(table, new[] { Entry(between, T0.AddMinutes(-30)), Entry(newer, T0.AddSeconds(1)) });

        Assert.Equal(new[] { UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        var reads = Reads(node.Emulator);
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Contains("WHERE id = ? ORDER BY tmstmp DESC LIMIT 1", r.Query));
    }

    [Fact]
    public async Task A_group_read_that_fails_is_read_again_id_by_id_so_a_failure_stays_with_its_id()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.UpsertConcurrency = 1);
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await StoreTwoVersionsAsync(node.Admin, "t", ids, T0);
        // Prepared beforehand, so the faults below meet the reads and not their preparation.
        await node.UpsertAsync(table, new[] { Entry(Guid.NewGuid(), T0), Entry(Guid.NewGuid(), T0) });
        await node.Store.ReadNewestVersionsAsync(table, new[] { Guid.NewGuid() }, CancellationToken.None);
        node.Emulator.Faults.FailNextMatching("IN ?", CqlErrorCode.ReadFailure, "a replica failed", count: 1);
        node.Emulator.Faults.FailNextMatching("WHERE id = ?", CqlErrorCode.Invalid, "this id cannot be read", count: 1);

        var outcomes = await node.UpsertAsync(table, ids.Select(id => Entry(id, T0.AddSeconds(1))).ToList());

        var failed = Assert.Single(outcomes, o => o.Kind == UpsertOutcomeKind.Failed);
        Assert.Contains($"table ks.t, id {failed.Id}", failed.Reason);
        Assert.Contains("this id cannot be read", failed.Reason);
        Assert.Equal(4, outcomes.Count(o => o.Kind == UpsertOutcomeKind.Written));
        // Nothing was written for the id whose stored version could not be read.
        Assert.Equal(2, (await node.VersionsAsync("t")).Count(v => v.Id == failed.Id));
    }

    [Fact]
    public async Task A_cluster_that_refuses_per_partition_limit_has_its_ids_read_one_by_one()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        await StoreTwoVersionsAsync(node.Admin, "t", ids, T0);
        // As Cassandra before 3.6 answers a statement it cannot parse.
        node.Emulator.Faults.FailNext(1, CqlErrorCode.SyntaxError, "line 1:80 mismatched input 'PER' expecting EOF",
            r => r.Opcode == CqlOpcode.Prepare && r.Query!.Contains("PER PARTITION LIMIT"));
        node.Emulator.Requests.Clear();

        var outcomes = await node.UpsertAsync(table, ids.Select((id, i) => Entry(id, i < 2 ? T0 : T0.AddSeconds(1))).ToList());
        var newest = await node.Store.ReadNewestVersionsAsync(table, ids, CancellationToken.None);

        Assert.Equal(new[] { UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.Written, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Equal(new DateTime?[] { T0, T0, T0.AddSeconds(1), T0.AddSeconds(1) }, newest);
        Assert.All(Reads(node.Emulator), r => Assert.Contains("WHERE id = ?", r.Query));
    }

    [Fact]
    public async Task Repeated_and_absent_ids_are_each_answered_at_their_place()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var (a, b, absent) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await StoreTwoVersionsAsync(node.Admin, "t", new[] { a }, T0);
        await StoreTwoVersionsAsync(node.Admin, "t", new[] { b }, T0.AddDays(1));

        var versions = await node.Store.ReadNewestVersionsAsync(table, new[] { a, absent, b, a }, CancellationToken.None);
        var entries = await node.Store.ReadNewestEntriesAsync(table, new[] { b, absent, a }, CancellationToken.None);

        Assert.Equal(new DateTime?[] { T0, null, T0.AddDays(1), T0 }, versions);
        Assert.Equal(b, entries[0]!.Id);
        Assert.Equal(T0.AddDays(1), entries[0]!.Tmstmp);
        Assert.Equal("newest", entries[0]!.Fields["name"]);
        Assert.Null(entries[1]);
        Assert.Equal(a, entries[2]!.Id);
        Assert.Equal(T0, entries[2]!.Tmstmp);
    }

    [Fact]
    public async Task On_a_cluster_each_group_holds_ids_of_one_node_and_is_sent_to_that_node()
    {
        // One replica per id: a group read by a node that does not hold all its ids would show here.
        await using var node = await CassandraNode.StartAsync(nodes: 3);
        await node.CreateContractTableAsync("t");
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        await StoreTwoVersionsAsync(node.Admin, "t", ids, T0);
        var table = await node.TableAsync("t");
        node.Emulator.Requests.Clear();

        var newest = await node.Store.ReadNewestVersionsAsync(table, ids, CancellationToken.None);

        Assert.All(newest, v => Assert.Equal(T0, v));
        var reads = Reads(node.Emulator);
        Assert.InRange(reads.Count, 3, 9); // three nodes, about 100 ids each: one to three requests per node
        Assert.All(reads, r => Assert.Contains("IN ?", r.Query));
        Assert.All(reads, r => Assert.True(r.CoordinatorWasReplica && r.Replicas.Count == 1, $"{r} was not served by its coordinator alone"));
    }

    [Fact]
    public void The_group_size_is_checked()
    {
        var options = new CassandraStoreOptions { NewestReadGroupSize = 0 };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("NewestReadGroupSize", error.Message);
    }
}
