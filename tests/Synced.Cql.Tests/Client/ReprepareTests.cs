using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Client;

/// <summary>A schema change invalidates prepared statements: the client prepares again and reads with the new metadata.</summary>
public sealed class ReprepareTests
{
    [Fact]
    public async Task After_a_column_is_added_the_statement_is_prepared_again_and_rows_are_read_with_the_new_columns()
    {
        var id = new byte[] { 0x5e, 0x1e };
        ColumnSpec[] before = { new("ks", "t", "k", CqlType.Int), new("ks", "t", "v", CqlType.Text) };
        ColumnSpec[] after = { new("ks", "t", "k", CqlType.Int), new("ks", "t", "v", CqlType.Text), new("ks", "t", "w", CqlType.Bigint) };
        var columns = before;
        var altered = false;
        var prepares = 0;
        await using var server = new FakeCqlServer();
        server.OnRequest = r =>
        {
            if (r.Header.Opcode == Opcode.Prepare)
            {
                Interlocked.Increment(ref prepares);
                return r.ReplyAsync(Opcode.Result, new PreparedResult(id,
                    new RowsMetadata(new[] { new ColumnSpec("ks", "t", "k", CqlType.Int) }, 1, null, new[] { 0 }),
                    new RowsMetadata(columns)).WriteTo);
            }

            if (altered)
            {
                // ALTER TABLE ... ADD w: Cassandra drops the table's prepared statements.
                altered = false;
                columns = after;
                return r.ReplyErrorAsync(new UnpreparedException("Prepared query with ID 5e1e not found", r.PreparedId!));
            }

            Assert.True(r.Parameters!.SkipMetadata);
            return r.ReplyAsync(Opcode.Result, w =>
            {
                w.WriteInt((int)ResultKind.Rows);
                new RowsMetadata(columns).WriteTo(w, false, skipColumns: true);
                w.WriteInt(1);
                w.WriteValue(CqlType.Int, 7);
                w.WriteValue(CqlType.Text, "seven");
                if (columns.Length == 3)
                {
                    w.WriteValue(CqlType.Bigint, 70L);
                }
            });
        };
        var options = new CqlClusterOptions { ConnectionsPerHost = 1, HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(server.ContactPoint);
        await using var session = await CqlSession.ConnectAsync(options);
        var select = await session.PrepareAsync("SELECT * FROM ks.t WHERE k = ?");

        var first = (await session.ExecuteAsync(select.Bind(7))).Rows![0];
        altered = true;
        var second = (await session.ExecuteAsync(select.Bind(7))).Rows![0];

        Assert.Equal(2, first.ColumnCount);
        Assert.Equal(2, prepares);
        Assert.Equal(3, second.ColumnCount);
        Assert.Equal("seven", second.GetString("v"));
        Assert.Equal(70L, second.GetInt64("w"));
        Assert.Equal(3, select.ResultMetadata.ColumnCount);
    }

    [Fact]
    public async Task Rows_that_do_not_fit_the_prepared_columns_make_a_read_prepare_again_instead_of_misreading_them()
    {
        // A node that changed the table without invalidating the statement (no UNPREPARED): rows come without
        // metadata but with three cells each.
        var id = new byte[] { 0x0d };
        ColumnSpec[] columns = { new("ks", "t", "k", CqlType.Int), new("ks", "t", "v", CqlType.Text) };
        var prepares = 0;
        await using var server = new FakeCqlServer();
        server.OnRequest = r =>
        {
            if (r.Header.Opcode == Opcode.Prepare)
            {
                var now = Interlocked.Increment(ref prepares) == 1 ? columns : new[] { columns[0], columns[1], new ColumnSpec("ks", "t", "w", CqlType.Bigint) };
                return r.ReplyAsync(Opcode.Result, new PreparedResult(id, new RowsMetadata(Array.Empty<ColumnSpec>()), new RowsMetadata(now)).WriteTo);
            }

            return r.ReplyAsync(Opcode.Result, w =>
            {
                w.WriteInt((int)ResultKind.Rows);
                new RowsMetadata(columns).WriteTo(w, false, skipColumns: true);
                w.WriteInt(2);
                for (var row = 0; row < 2; row++)
                {
                    w.WriteValue(CqlType.Int, row);
                    w.WriteValue(CqlType.Text, "v" + row);
                    w.WriteValue(CqlType.Bigint, 100L + row);
                }
            });
        };
        var options = new CqlClusterOptions { ConnectionsPerHost = 1, HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(server.ContactPoint);
        await using var session = await CqlSession.ConnectAsync(options);
        var select = await session.PrepareAsync("SELECT * FROM ks.t");

        var rows = (await session.ExecuteAsync(select.Bind())).Rows!;

        Assert.Equal(2, prepares);
        Assert.Equal(2, rows.Count);
        Assert.Equal(101L, rows[1].GetInt64("w"));
        Assert.Equal("v1", rows[1].GetString("v"));
    }
}
