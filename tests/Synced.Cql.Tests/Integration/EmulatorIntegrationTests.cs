using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Numerics;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Metadata;
using Synced.Cql.Protocol;
using Synced.Cql.Tokens;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Integration;

/// <summary>The client against the Cassandra emulator: the conformance scenarios of issue 3 through Synced.Cql.</summary>
[Trait("Category", "Integration")]
public class EmulatorIntegrationTests : EmulatorSession
{
    [Fact]
    public async Task Schema_metadata_lists_keyspace_tables_columns_kinds_orders_and_user_types()
    {
        await Session.ExecuteAsync("CREATE TYPE address (street text, zip int)");
        await Session.ExecuteAsync("CREATE TABLE events (tenant text, day int, at timeuuid, seq int, note text, home frozen<address>, tags set<text>, owner text static, " +
                                   "PRIMARY KEY ((tenant, day), at, seq)) WITH CLUSTERING ORDER BY (at DESC, seq ASC)");

        var metadata = await Session.GetMetadataAsync(refresh: true);

        var keyspace = metadata.GetKeyspace(Keyspace)!;
        Assert.EndsWith("SimpleStrategy", keyspace.Replication["class"]);
        var table = keyspace.Tables["events"];
        Assert.Equal(new[] { "tenant", "day" }, table.PartitionKey.Select(c => c.Name));
        Assert.Equal(new[] { "at", "seq" }, table.ClusteringColumns.Select(c => c.Name));
        Assert.Equal(ClusteringOrder.Descending, table.ClusteringColumns[0].ClusteringOrder);
        Assert.Equal(ClusteringOrder.Ascending, table.ClusteringColumns[1].ClusteringOrder);
        Assert.Equal(ColumnKind.Static, table.GetColumn("owner")!.Kind);
        Assert.Equal(new[] { "tenant", "day", "at", "seq", "owner", "home", "note", "tags" }, table.Columns.Select(c => c.Name));
        var star = (await Session.ExecuteAsync("SELECT * FROM events")).Rows!;
        Assert.Equal(table.Columns.Select(c => c.Name), star.Columns.Select(c => c.Name));
        Assert.Equal(ColumnKind.Regular, table.GetColumn("note")!.Kind);
        Assert.Equal(CqlType.Set(CqlType.Text), table.GetColumn("tags")!.Type);
        var home = table.GetColumn("home")!.Type;
        Assert.Equal(CqlTypeCode.Udt, home.Code);
        Assert.True(home.IsFrozen);
        Assert.Equal(new[] { "street", "zip" }, home.Fields.Select(f => f.Name));
        Assert.Same(keyspace.UserTypes["address"].Fields[1].Type, CqlType.Int);
    }

    public static IEnumerable<object[]> EveryType() => new[]
    {
        new object[] { "ascii", "plain ascii" },
        new object[] { "bigint", long.MinValue },
        new object[] { "blob", new byte[] { 0, 1, 0xff } },
        new object[] { "boolean", true },
        new object[] { "date", CqlDate.Parse("-5877641-06-23") },
        new object[] { "decimal", CqlDecimal.Parse("-123456789012345678901234567890.0000000001") },
        new object[] { "double", -1.5e300 },
        new object[] { "duration", new CqlDuration(14, 3, 1_000_000_007) },
        new object[] { "float", 3.25f },
        new object[] { "inet", IPAddress.Parse("fe80::1") },
        new object[] { "int", int.MinValue },
        new object[] { "smallint", (short)-32768 },
        new object[] { "text", "まして ünïcode" },
        new object[] { "time", new CqlTime(86_399_999_999_999) },
        new object[] { "timestamp", new DateTimeOffset(1677, 9, 21, 0, 12, 43, 145, TimeSpan.Zero) },
        new object[] { "timeuuid", Guid.Parse("58046580-2938-11e7-b063-1332a5f033c2") },
        new object[] { "tinyint", (sbyte)-128 },
        new object[] { "uuid", Guid.Parse("49157efc-ef3c-4de3-9698-af801fb40b2a") },
        new object[] { "varchar", "varchar too" },
        new object[] { "varint", BigInteger.Parse("-1231312312331283012830129382342342412123", CultureInfo.InvariantCulture) },
        new object[] { "list<int>", new List<object?> { 3, 1, 2 } },
        new object[] { "set<text>", new List<object?> { "a", "b" } },
        new object[] { "map<text, int>", new List<KeyValuePair<object?, object?>> { new("a", 1), new("b", 2) } },
        new object[] { "tuple<int, text, boolean>", new object?[] { 1, null, false } },
        new object[] { "frozen<list<frozen<map<int, text>>>>", new List<object?> { new List<KeyValuePair<object?, object?>> { new(1, "x") } } },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public async Task Every_type_round_trips_through_a_prepared_insert_and_select(string type, object value)
    {
        await Session.ExecuteAsync($"CREATE TABLE t (k int PRIMARY KEY, v {type})");
        var insert = await Session.PrepareAsync("INSERT INTO t (k, v) VALUES (?, ?)");
        var select = await Session.PrepareAsync("SELECT v FROM t WHERE k = ?");

        await Session.ExecuteAsync(insert.Bind(1, value));
        await Session.ExecuteAsync(insert.Bind(2, null));
        var one = await Session.ExecuteAsync(select.Bind(1));
        var two = await Session.ExecuteAsync(select.Bind(2));

        Vectors.DeepEqual.Assert(value, one.Rows![0].GetValue(0));
        Assert.True(two.Rows![0].IsNull(0));
    }

    [Fact]
    public async Task User_defined_type_values_round_trip()
    {
        await Session.ExecuteAsync("CREATE TYPE point (x double, y double, label text)");
        await Session.ExecuteAsync("CREATE TABLE shapes (k int PRIMARY KEY, p frozen<point>)");
        var insert = await Session.PrepareAsync("INSERT INTO shapes (k, p) VALUES (?, ?)");

        await Session.ExecuteAsync(insert.Bind(1, new Dictionary<string, object?> { ["x"] = 1.5, ["label"] = "a" }));
        var row = (await Session.ExecuteAsync("SELECT p FROM shapes WHERE k = 1")).Rows![0];

        var point = Assert.IsType<CqlUdtValue>(row.GetValue("p"));
        Assert.Equal(1.5, point["x"]);
        Assert.Null(point["y"]);
        Assert.Equal("a", point["label"]);
    }

    [Fact]
    public async Task Paging_ten_thousand_rows_by_500_returns_every_row_exactly_once()
    {
        await Session.ExecuteAsync("CREATE TABLE many (k int PRIMARY KEY, v text)");
        var insert = await Session.PrepareAsync("INSERT INTO many (k, v) VALUES (?, ?)");
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => Session.ExecuteAsync(insert.Bind(i, "v" + i))));

        var seen = new HashSet<int>();
        var rows = 0;
        await foreach (var row in Session.QueryAsync(new SimpleStatement("SELECT k, v FROM many") { PageSize = 500 }))
        {
            rows++;
            Assert.True(seen.Add(row.GetInt32(0)));
            Assert.Equal("v" + row.GetInt32(0), row.GetString(1));
        }

        Assert.Equal(10_000, rows);
    }

    [Fact]
    public async Task Full_ring_scan_by_token_sub_ranges_returns_each_row_once_and_tokens_match_Murmur3()
    {
        await Session.ExecuteAsync("CREATE TABLE scan (k text, c int, PRIMARY KEY (k, c))");
        var insert = await Session.PrepareAsync("INSERT INTO scan (k, c) VALUES (?, ?)");
        var keys = Enumerable.Range(0, 1000).Select(i => "key-" + i).ToList();
        await Task.WhenAll(keys.Select(k => Session.ExecuteAsync(insert.Bind(k, 1))));
        var scan = await Session.PrepareAsync("SELECT k, token(k) FROM scan WHERE token(k) > ? AND token(k) <= ?");

        var seen = new List<string>();
        foreach (var range in TokenRing.Split(7).SelectMany(r => r.Unwrap()))
        {
            await foreach (var row in Session.QueryAsync(scan.Bind(range.Start, range.End)))
            {
                var key = row.GetString(0)!;
                var token = row.GetInt64(1);
                Assert.True(range.Contains(token));
                Assert.Equal(Murmur3Partitioner.GetToken(TypeCodec.Serialize(CqlType.Text, key)), token);
                seen.Add(key);
            }
        }

        Assert.Equal(keys.OrderBy(k => k), seen.OrderBy(k => k));
    }

    [Fact]
    public async Task Primary_ranges_of_the_ring_cover_everything()
    {
        Assert.False(Session.TokenRing.IsEmpty);
        IReadOnlyList<TokenRange> ranges = Session.Hosts.SelectMany(h => Session.TokenRing.GetPrimaryRanges(h)).ToList();

        Assert.Equal(BigInteger.One << 64, ranges.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Width));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Statement_timestamp_decides_last_write_wins()
    {
        await Session.ExecuteAsync("CREATE TABLE lww (k int PRIMARY KEY, v text)");
        var insert = await Session.PrepareAsync("INSERT INTO lww (k, v) VALUES (?, ?)");

        await Session.ExecuteAsync(insert.Bind(1, "newer").WithTimestamp(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await Session.ExecuteAsync(insert.Bind(1, "older").WithTimestamp(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var row = (await Session.ExecuteAsync("SELECT v, writetime(v) FROM lww WHERE k = 1")).Rows![0];

        Assert.Equal("newer", row.GetString(0));
        Assert.Equal(1704067200000000L, row.GetInt64(1));
    }

    [Fact]
    public async Task Timeuuid_clustering_range_with_min_and_max_timeuuid_matches_the_client_bounds()
    {
        await Session.ExecuteAsync("CREATE TABLE versions (id uuid, tmstmp timeuuid, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");
        var id = Guid.NewGuid();
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var insert = await Session.PrepareAsync("INSERT INTO versions (id, tmstmp) VALUES (?, ?)");
        var stamps = Enumerable.Range(0, 10).Select(i => TimeUuid.Create(start.AddMilliseconds(i * 10))).ToList();
        foreach (var stamp in stamps)
        {
            await Session.ExecuteAsync(insert.Bind(id, stamp));
        }

        var from = start.AddMilliseconds(20);
        var to = start.AddMilliseconds(60);
        var byServer = (await Session.ExecuteAsync(new SimpleStatement(
                "SELECT tmstmp FROM versions WHERE id = ? AND tmstmp >= minTimeuuid(?) AND tmstmp <= maxTimeuuid(?)", id, from, to)))
            .Rows!.Select(r => r.GetGuid(0)).ToList();
        var byClient = (await Session.ExecuteAsync(new SimpleStatement(
                "SELECT tmstmp FROM versions WHERE id = ? AND tmstmp >= ? AND tmstmp <= ?", id, TimeUuid.Min(from), TimeUuid.Max(to))))
            .Rows!.Select(r => r.GetGuid(0)).ToList();
        var newest = (await Session.ExecuteAsync(new SimpleStatement("SELECT tmstmp FROM versions WHERE id = ? ORDER BY tmstmp DESC LIMIT 1", id))).Rows![0];

        Assert.Equal(stamps.Skip(2).Take(5).Reverse(), byServer);
        Assert.Equal(byServer, byClient);
        Assert.Equal(stamps[^1], newest.GetGuid(0));
    }

    [Fact]
    public async Task Logged_and_unlogged_batches_apply_all_their_statements()
    {
        await Session.ExecuteAsync("CREATE TABLE b (k int PRIMARY KEY, v text)");
        var insert = await Session.PrepareAsync("INSERT INTO b (k, v) VALUES (?, ?)");

        await Session.ExecuteAsync(new BatchStatement(BatchType.Logged).Add(insert.Bind(1, "a")).Add(new SimpleStatement("INSERT INTO b (k, v) VALUES (2, 'b')")));
        await Session.ExecuteAsync(new BatchStatement(BatchType.Unlogged).Add(insert.Bind(3, "c")).Add(insert.Bind(4, "d")));
        var values = new List<string>();
        await foreach (var row in Session.QueryAsync("SELECT v FROM b"))
        {
            values.Add(row.GetString(0)!);
        }

        Assert.Equal(new[] { "a", "b", "c", "d" }, values.OrderBy(v => v));
    }

    [Fact]
    public async Task Unset_value_leaves_the_column_as_it_was_and_null_deletes_it()
    {
        await Session.ExecuteAsync("CREATE TABLE u (k int PRIMARY KEY, a text, b text)");
        var insert = await Session.PrepareAsync("INSERT INTO u (k, a, b) VALUES (?, ?, ?)");

        await Session.ExecuteAsync(insert.Bind(1, "a1", "b1"));
        await Session.ExecuteAsync(insert.Bind(1, CqlUnset.Value, null));
        var row = (await Session.ExecuteAsync("SELECT a, b FROM u WHERE k = 1")).Rows![0];

        Assert.Equal("a1", row.GetString("a"));
        Assert.True(row.IsNull("b"));
    }

    [Fact]
    public async Task Named_values_bind_by_name()
    {
        await Session.ExecuteAsync("CREATE TABLE n (k int PRIMARY KEY, v text)");
        var insert = await Session.PrepareAsync("INSERT INTO n (k, v) VALUES (:k, :v)");

        await Session.ExecuteAsync(insert.Bind(new Dictionary<string, object?> { ["v"] = "named", ["k"] = 9 }));
        await Session.ExecuteAsync(SimpleStatement.WithNamedValues("INSERT INTO n (k, v) VALUES (:k, :v)", new Dictionary<string, object?> { ["k"] = 10, ["v"] = "simple named" }));

        Assert.Equal("named", (await Session.ExecuteAsync("SELECT v FROM n WHERE k = 9")).Rows![0].GetString(0));
        Assert.Equal("simple named", (await Session.ExecuteAsync("SELECT v FROM n WHERE k = 10")).Rows![0].GetString(0));
    }

    [Fact]
    public async Task Errors_come_back_as_their_own_exception_types()
    {
        await Session.ExecuteAsync("CREATE TABLE e (k int PRIMARY KEY)");

        await Assert.ThrowsAsync<SyntaxErrorException>(() => Session.ExecuteAsync("SELEC * FROM e"));
        await Assert.ThrowsAsync<InvalidQueryException>(() => Session.ExecuteAsync("SELECT * FROM no_such_table"));
        var exists = await Assert.ThrowsAsync<AlreadyExistsException>(() => Session.ExecuteAsync("CREATE TABLE e (k int PRIMARY KEY)"));
        Assert.Equal(Keyspace, exists.Keyspace);
        Assert.Equal("e", exists.Table);
    }

    [Fact]
    public async Task Value_of_the_wrong_type_fails_before_sending_and_the_session_stays_usable()
    {
        await Session.ExecuteAsync("CREATE TABLE w (k int PRIMARY KEY, v text)");
        var insert = await Session.PrepareAsync("INSERT INTO w (k, v) VALUES (?, ?)");

        var error = await Assert.ThrowsAsync<CqlCodecException>(() => Session.ExecuteAsync(insert.Bind("not an int", "v")));
        await Session.ExecuteAsync(insert.Bind(1, "ok"));

        Assert.Contains("Bound value 0", error.Message);
        Assert.Equal("ok", (await Session.ExecuteAsync("SELECT v FROM w WHERE k = 1")).Rows![0].GetString(0));
    }

    [Fact]
    public async Task Schema_change_results_describe_the_change()
    {
        var created = await Session.ExecuteAsync("CREATE TABLE sc (k int PRIMARY KEY)");

        Assert.Equal(ResultKind.SchemaChange, created.Kind);
        Assert.Equal(SchemaChangeType.Created, created.SchemaChange!.ChangeType);
        Assert.Equal(SchemaChangeTarget.Table, created.SchemaChange.Target);
        Assert.Equal("sc", created.SchemaChange.Name);
    }

    [Fact]
    public async Task Session_reads_the_node_from_system_local()
    {
        Assert.Single(Session.Hosts);
        Assert.NotNull(Session.Hosts[0].DataCenter);
        Assert.Equal(Session.Hosts[0].DataCenter, Session.LocalDataCenter);
        Assert.NotEmpty(Session.Hosts[0].Tokens);
        await Task.CompletedTask;
    }
}

/// <summary>Authentication against an emulator that requires PasswordAuthenticator.</summary>
[Trait("Category", "Integration")]
public class EmulatorAuthenticationTests : IAsyncLifetime
{
    private Synced.Emulators.Cassandra.CassandraEmulator _emulator = null!;

    public async Task InitializeAsync()
        => _emulator = await Synced.Emulators.Cassandra.CassandraEmulator.StartAsync(new() { Port = 0, User = "admin", Password = "pa55" });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private CqlClusterOptions Options(CqlCredentials? credentials)
    {
        var options = new CqlClusterOptions { Credentials = credentials, HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(_emulator.EndPoint.ToString());
        return options;
    }

    [Fact]
    public async Task Right_credentials_connect()
    {
        await using var session = await CqlSession.ConnectAsync(Options(new CqlCredentials("admin", "pa55")));

        var result = await session.ExecuteAsync("SELECT release_version FROM system.local");

        Assert.Single(result.Rows!);
    }

    [Fact]
    public async Task Wrong_password_is_bad_credentials()
    {
        await Assert.ThrowsAsync<BadCredentialsException>(() => CqlSession.ConnectAsync(Options(new CqlCredentials("admin", "nope"))));
    }

    [Fact]
    public async Task No_credentials_says_authentication_is_required()
    {
        await Assert.ThrowsAsync<CqlAuthenticationException>(() => CqlSession.ConnectAsync(Options(null)));
    }
}
