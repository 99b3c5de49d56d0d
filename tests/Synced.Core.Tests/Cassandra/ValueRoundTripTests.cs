using System;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class ValueRoundTripTests
{
    private static readonly DateTime T0 = new(2015, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    private static async Task<(CassandraNode Node, TableInfo Table)> StartAsync()
    {
        var node = await CassandraNode.StartAsync();
        await node.Admin.ExecuteAsync(AllTypes.CreateType);
        await node.CreateContractTableAsync("everything", AllTypes.Columns);
        return (node, await node.TableAsync("everything"));
    }

    [Fact]
    public async Task Every_CQL_type_written_in_its_typed_form_reads_back_unchanged()
    {
        var (node, table) = await StartAsync();
        await using var _ = node;
        var id = Guid.NewGuid();

        var outcome = await node.UpsertAsync(table, new[] { new SyncEntry("everything", id, T0, AllTypes.TypedValues()) }, TimestampPrecision.Ticks);
        Assert.True(outcome[0].Kind == UpsertOutcomeKind.Written, outcome[0].Reason);

        var read = Assert.Single(await node.ReadAllAsync(table, new TimeRange(T0, T0.AddTicks(1))));
        Assert.Equal(id, read.Id);
        AllTypes.AssertSame(AllTypes.TypedValues(), read.Fields);
    }

    [Fact]
    public async Task Every_CQL_type_written_in_its_JSON_form_reads_back_as_the_typed_value()
    {
        var (node, table) = await StartAsync();
        await using var _ = node;

        var outcome = await node.UpsertAsync(table, new[] { new SyncEntry("everything", Guid.NewGuid(), T0, AllTypes.JsonValues()) });
        Assert.True(outcome[0].Kind == UpsertOutcomeKind.Written, outcome[0].Reason);

        var read = Assert.Single(await node.ReadAllAsync(table, new TimeRange(T0, T0.AddTicks(1))));
        AllTypes.AssertSame(AllTypes.TypedValues(), read.Fields);
    }

    [Fact]
    public async Task Columns_list_their_CQL_types_including_collections_tuples_and_user_types()
    {
        var (node, table) = await StartAsync();
        await using var _ = node;
        Assert.True(table.MeetsContract, table.Reason);
        Assert.Equal("tuple<int, text, timestamp>", table.FindColumn("a_tuple")!.TypeName);
        Assert.Equal("frozen<address>", table.FindColumn("a_udt")!.TypeName);
        Assert.Equal("map<text, frozen<list<uuid>>>", table.FindColumn("a_nested")!.TypeName);
        Assert.Equal("duration", table.FindColumn("a_duration")!.TypeName);
    }
}
