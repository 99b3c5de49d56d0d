using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>
/// The inserts of an upsert: entries of one primary replica go together in an unlogged batch, small enough that
/// Cassandra does not warn (at most 10 partitions, under 5 KiB), and each lands as its own version row.
/// </summary>
public sealed class InsertBatchTests
{
    private static readonly DateTime T0 = new(2015, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    private static SyncEntry Entry(Guid id, string name) => new("t", id, T0, new Dictionary<string, object?> { ["name"] = name });

    private static List<CqlRequestRecord> Writes(CassandraEmulator emulator)
        => emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Batch || r.Opcode == CqlOpcode.Execute && r.Query!.StartsWith("INSERT", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Entries_are_inserted_ten_to_an_unlogged_batch_and_the_node_does_not_warn()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var ids = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();
        node.Emulator.Requests.Clear();

        var outcomes = await node.UpsertAsync(table, ids.Select((id, i) => Entry(id, "n" + i)).ToList());

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        var writes = Writes(node.Emulator);
        Assert.Equal(3, writes.Count);
        Assert.All(writes, w => Assert.Equal(CqlOpcode.Batch, w.Opcode));
        Assert.Equal(new[] { 5, 10, 10 }, writes.Select(w => w.Tokens.Count).OrderBy(n => n));
        Assert.Empty(node.Store.ServerWarnings);
        var stored = await node.VersionsAsync("t");
        Assert.Equal(ids.OrderBy(g => g), stored.Select(v => v.Id).OrderBy(g => g));
        Assert.Equal("n7", (await node.Store.ReadNewestEntriesAsync(table, new[] { ids[7] }, CancellationToken.None))[0]!.Fields["name"]);
    }

    [Fact]
    public async Task Large_entries_share_a_batch_only_while_it_stays_under_the_size_warning_and_a_very_large_one_goes_alone()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var ids = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        node.Emulator.Requests.Clear();

        // Six entries of 1.5 KB (two fit under 4 KiB, three do not) and one of 10 KB.
        var outcomes = await node.UpsertAsync(table, ids.Select((id, i) => Entry(id, new string((char)('a' + i), i == 6 ? 10_000 : 1_500))).ToList());

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        var writes = Writes(node.Emulator);
        Assert.Equal(3, writes.Count(w => w.Opcode == CqlOpcode.Batch && w.Tokens.Count == 2));
        Assert.Single(writes, w => w.Opcode == CqlOpcode.Execute);
        Assert.Empty(node.Store.ServerWarnings);
        Assert.Equal(7, (await node.VersionsAsync("t")).Count);
    }

    [Fact]
    public async Task With_a_batch_size_of_one_every_entry_is_inserted_on_its_own()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.InsertBatchSize = 1);
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        node.Emulator.Requests.Clear();

        var outcomes = await node.UpsertAsync(table, Enumerable.Range(0, 4).Select(i => Entry(Guid.NewGuid(), "n" + i)).ToList());

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        Assert.Equal(4, Writes(node.Emulator).Count(w => w.Opcode == CqlOpcode.Execute));
        Assert.DoesNotContain(Writes(node.Emulator), w => w.Opcode == CqlOpcode.Batch);
    }

    [Fact]
    public async Task On_a_cluster_each_batch_holds_partitions_of_one_node_and_is_sent_to_that_node()
    {
        // One replica per partition: a batch coordinated by a node that does not hold all its partitions would show here.
        await using var node = await CassandraNode.StartAsync(nodes: 3);
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        node.Emulator.Requests.Clear();

        var outcomes = await node.UpsertAsync(table, Enumerable.Range(0, 120).Select(i => Entry(Guid.NewGuid(), "n" + i)).ToList());

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        var batches = node.Emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Batch).ToList();
        Assert.InRange(batches.Count, 12, 20); // 120 entries over three nodes, at most ten a batch
        Assert.All(batches, b => Assert.True(b.CoordinatorWasReplica && b.Replicas.Count == 1, $"{b} was not written by its coordinator alone"));
    }

    [Fact]
    public void The_batch_size_is_checked()
    {
        var options = new CassandraStoreOptions { InsertBatchSize = 0 };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("InsertBatchSize", error.Message);
    }
}
