using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class FailureTests
{
    private static readonly DateTime T0 = new(2015, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_sub_range_query_that_fails_ends_the_scan_with_the_table_the_tokens_and_the_cause()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.ScanSplits = 4);
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        await node.UpsertAsync(table, new[] { new SyncEntry("t", Guid.NewGuid(), T0, new Dictionary<string, object?> { ["name"] = "x" }) });
        Assert.Single(await node.ReadAllAsync(table, new TimeRange(T0.AddDays(-1), T0.AddDays(1)))); // prepared now
        node.Emulator.Faults.FailNextMatching("token(id)", CqlErrorCode.Invalid, "the disk is on fire", count: 100);

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => node.ReadAllAsync(table, new TimeRange(T0.AddDays(-1), T0.AddDays(1))));

        Assert.Contains("scanning ks.t (tokens (", error.Message);
        Assert.Contains("the disk is on fire", error.Message);
    }

    [Fact]
    public async Task A_write_the_node_refuses_fails_that_entry_only()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.UpsertConcurrency = 1);
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var earlier = Guid.NewGuid();
        await node.UpsertAsync(table, new[] { new SyncEntry("t", earlier, T0, new Dictionary<string, object?> { ["name"] = "prepared" }) });
        // Twice: the batch of both entries is refused, then the first entry when it is written again on its own.
        node.Emulator.Faults.FailNextMatching("INSERT INTO", CqlErrorCode.Invalid, "write refused", count: 2);

        var outcomes = await node.UpsertAsync(table, new[]
        {
            new SyncEntry("t", first, T0, new Dictionary<string, object?> { ["name"] = "a" }),
            new SyncEntry("t", second, T0, new Dictionary<string, object?> { ["name"] = "b" }),
        });

        Assert.Equal(new[] { UpsertOutcomeKind.Failed, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Contains($"table ks.t, id {first}", outcomes[0].Reason);
        Assert.Contains("write refused", outcomes[0].Reason);
        Assert.Equal(new[] { earlier, second }.OrderBy(g => g), (await node.VersionsAsync("t")).Select(v => v.Id).OrderBy(g => g));
    }

    [Fact]
    public async Task An_entry_larger_than_a_node_accepts_fails_alone_with_the_limit_named_and_the_rest_is_written()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => { o.UpsertConcurrency = 4; o.MaxRequestSize = 64 * 1024; });
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var (small, large, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var outcomes = await node.UpsertAsync(table, new[]
        {
            new SyncEntry("t", small, T0, new Dictionary<string, object?> { ["name"] = "small" }),
            new SyncEntry("t", large, T0, new Dictionary<string, object?> { ["name"] = new string('x', 100 * 1024) }),
            new SyncEntry("t", other, T0, new Dictionary<string, object?> { ["name"] = "other" }),
        });

        Assert.Equal(new[] { UpsertOutcomeKind.Written, UpsertOutcomeKind.Failed, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Contains($"table ks.t, id {large}", outcomes[1].Reason);
        Assert.Contains("over the 65536 bytes a Cassandra node accepts", outcomes[1].Reason);
        Assert.Contains("native_transport_max_frame_size", outcomes[1].Reason);
        Assert.Contains("max_mutation_size", outcomes[1].Reason);
        Assert.Equal(new[] { small, other }.OrderBy(g => g), (await node.VersionsAsync("t")).Select(v => v.Id).OrderBy(g => g));
    }

    [Fact]
    public async Task A_mutation_the_node_refuses_as_oversized_fails_that_entry_with_the_setting_to_change()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.UpsertConcurrency = 1);
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var (large, other) = (Guid.NewGuid(), Guid.NewGuid());
        await node.UpsertAsync(table, new[] { new SyncEntry("t", Guid.NewGuid(), T0, new Dictionary<string, object?> { ["name"] = "prepared" }) });
        // Twice: the batch holding the large entry, then the large entry on its own.
        node.Emulator.Faults.FailNextMatching("INSERT INTO", CqlErrorCode.Invalid, $"Rejected an oversized mutation (17825792/16777216) for keyspace: ks. Top keys are: t.{large}", count: 2);

        var outcomes = await node.UpsertAsync(table, new[]
        {
            new SyncEntry("t", large, T0, new Dictionary<string, object?> { ["name"] = "large" }),
            new SyncEntry("t", other, T0, new Dictionary<string, object?> { ["name"] = "other" }),
        });

        Assert.Equal(new[] { UpsertOutcomeKind.Failed, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Contains("mutation size limit", outcomes[0].Reason);
        Assert.Contains("commitlog_segment_size", outcomes[0].Reason);
        Assert.Contains("17825792/16777216", outcomes[0].Reason);
    }

    [Fact]
    public async Task A_cancelled_upsert_throws_OperationCanceledException_and_writes_nothing_more()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        using var cancel = new System.Threading.CancellationTokenSource();
        cancel.Cancel();
        var batch = Enumerable.Range(0, 10).Select(_ => new SyncEntry("t", Guid.NewGuid(), T0, new Dictionary<string, object?>())).ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => node.Store.UpsertIfNewerAsync(table, batch, new Synced.Core.Stores.UpsertContext(), cancel.Token));

        Assert.Empty(await node.VersionsAsync("t"));
    }
}
