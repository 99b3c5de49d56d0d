using System.Buffers.Binary;
using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>Schema changes make nodes forget the prepared statements they affect, as Cassandra's QueryProcessor does.</summary>
public sealed class PreparedInvalidationTests
{
    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync(int nodes = 1)
    {
        var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = nodes });
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v text)")).ThrowIfError();
        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'one')")).ThrowIfError();
        return (cluster, client);
    }

    private static byte[] Int(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    private static void AssertUnprepared(TestResponse response, byte[] id)
    {
        Assert.Equal(CqlErrorCode.Unprepared, response.ErrorCode);
        var r = response.Reader();
        r.ReadInt();
        r.ReadString();
        Assert.Equal(id, r.ReadShortBytes());
    }

    [Fact]
    public async Task After_ALTER_TABLE_ADD_a_statement_prepared_before_is_UNPREPARED_and_re_preparing_gives_the_new_column()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var id = await client.PrepareAsync("SELECT * FROM ks.t WHERE k = ?");
        Assert.Equal(new[] { "k", "v" }, (await client.ExecuteAsync(id, new[] { Int(1) })).Columns().Select(c => c.Name));

        (await client.QueryAsync("ALTER TABLE ks.t ADD extra int")).ThrowIfError();
        AssertUnprepared(await client.ExecuteAsync(id, new[] { Int(1) }), id);

        var again = await client.PrepareAsync("SELECT * FROM ks.t WHERE k = ?");
        Assert.Equal(id, again);
        Assert.Equal(new[] { "k", "extra", "v" }, (await client.ExecuteAsync(again, new[] { Int(1) })).Columns().Select(c => c.Name));
    }

    [Fact]
    public async Task After_DROP_TABLE_and_DROP_KEYSPACE_prepared_statements_are_UNPREPARED()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.u (k int PRIMARY KEY)")).ThrowIfError();
        var onT = await client.PrepareAsync("INSERT INTO ks.t (k, v) VALUES (?, 'x')");
        var onU = await client.PrepareAsync("SELECT * FROM ks.u WHERE k = ?");
        (await client.QueryAsync("DROP TABLE ks.u")).ThrowIfError();
        AssertUnprepared(await client.ExecuteAsync(onU, new[] { Int(1) }), onU);
        (await client.ExecuteAsync(onT, new[] { Int(2) })).ThrowIfError();
        (await client.QueryAsync("DROP KEYSPACE ks")).ThrowIfError();
        AssertUnprepared(await client.ExecuteAsync(onT, new[] { Int(3) }), onT);
    }

    [Fact]
    public async Task Changing_only_table_options_keeps_prepared_statements()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var id = await client.PrepareAsync("SELECT * FROM ks.t WHERE k = ?");
        (await client.QueryAsync("ALTER TABLE ks.t WITH comment = 'still the same columns'")).ThrowIfError();
        Assert.Single((await client.ExecuteAsync(id, new[] { Int(1) })).Rows().Rows);
    }

    [Fact]
    public async Task Every_node_forgets_the_statements_a_change_affects_when_the_change_reaches_it()
    {
        var (cluster, client) = await StartAsync(nodes: 2);
        await using var _ = cluster;
        await using var __ = client;
        await using var second = await TestCqlClient.ConnectAsync(cluster.Nodes[1].EndPoint);
        var id = await second.PrepareAsync("SELECT * FROM ks.t WHERE k = ?");
        (await client.QueryAsync("ALTER TABLE ks.t DROP v")).ThrowIfError();
        AssertUnprepared(await second.ExecuteAsync(id, new[] { Int(1) }), id);
    }
}
