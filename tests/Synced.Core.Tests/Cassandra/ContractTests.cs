using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class ContractTests
{
    [Fact]
    public async Task Every_table_is_listed_with_its_columns_and_whether_it_meets_the_contract()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("good", "name text, scores map<text, int>, tags frozen<list<int>>");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.text_tmstmp (id uuid, tmstmp text, PRIMARY KEY (id, tmstmp))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.text_id (id text, tmstmp timeuuid, PRIMARY KEY (id, tmstmp))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.other_key (id uuid, other int, tmstmp timeuuid, PRIMARY KEY (id, other))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.composite (id uuid, tmstmp timeuuid, PRIMARY KEY ((id, tmstmp)))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.two_clustering (id uuid, tmstmp timeuuid, seq int, PRIMARY KEY (id, tmstmp, seq))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.no_tmstmp (id uuid, at timeuuid, PRIMARY KEY (id, at))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.no_id (key uuid, tmstmp timeuuid, PRIMARY KEY (key, tmstmp))");
        await node.Admin.ExecuteAsync("CREATE TABLE ks.id_only (id uuid PRIMARY KEY, tmstmp timeuuid)");

        var tables = (await node.Store.ListTablesAsync(CancellationToken.None)).ToDictionary(t => t.Name);

        var good = tables["good"];
        Assert.True(good.MeetsContract, good.Reason);
        Assert.Equal("ks.good", good.Location);
        Assert.Equal("uuid", good.FindColumn("id")!.TypeName);
        Assert.Equal("timeuuid", good.FindColumn("tmstmp")!.TypeName);
        Assert.Equal("map<text, int>", good.FindColumn("scores")!.TypeName);
        Assert.Equal("frozen<list<int>>", good.FindColumn("tags")!.TypeName);

        Assert.Equal("tmstmp is text, not timeuuid", tables["text_tmstmp"].Reason);
        Assert.Equal("id is text, not uuid", tables["text_id"].Reason);
        Assert.Equal("primary key is ((id), other), not ((id), tmstmp)", tables["other_key"].Reason);
        Assert.Equal("primary key is ((id, tmstmp)), not ((id), tmstmp)", tables["composite"].Reason);
        Assert.Equal("primary key is ((id), tmstmp, seq), not ((id), tmstmp)", tables["two_clustering"].Reason);
        Assert.Equal("it has no 'tmstmp' column; it must be a timeuuid", tables["no_tmstmp"].Reason);
        Assert.Equal("it has no 'id' column; it must be a uuid", tables["no_id"].Reason);
        Assert.Equal("primary key is ((id)), not ((id), tmstmp)", tables["id_only"].Reason);
    }

    [Fact]
    public async Task A_counter_table_is_reported_because_counters_cannot_be_inserted()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.Admin.ExecuteAsync("CREATE TABLE ks.hits (id uuid, tmstmp timeuuid, n counter, PRIMARY KEY (id, tmstmp))");
        var table = await node.TableAsync("hits");
        Assert.Equal("n is a counter; counter tables cannot be written with INSERT", table.Reason);
    }

    [Fact]
    public async Task A_table_created_after_connecting_is_listed()
    {
        await using var node = await CassandraNode.StartAsync();
        Assert.Empty(await node.Store.ListTablesAsync(CancellationToken.None));
        await node.CreateContractTableAsync("later");
        Assert.True((await node.TableAsync("later")).MeetsContract);
    }
}
