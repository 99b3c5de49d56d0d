using System;
using System.Collections.Generic;
using System.Numerics;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Client;

/// <summary>Typed access to rows of a page built from a server-side Rows body.</summary>
public class CqlRowTests
{
    private static readonly ColumnSpec[] Columns =
    {
        new("ks", "t", "id", CqlType.Uuid),
        new("ks", "t", "n", CqlType.Int),
        new("ks", "t", "big", CqlType.Bigint),
        new("ks", "t", "name", CqlType.Text),
        new("ks", "t", "at", CqlType.Timestamp),
        new("ks", "t", "flag", CqlType.Boolean),
        new("ks", "t", "small", CqlType.Smallint),
        new("ks", "t", "amount", CqlType.Decimal),
        new("ks", "t", "tags", CqlType.List(CqlType.Text)),
    };

    private static CqlRowSet Page(params object?[][] rows)
    {
        using var writer = new FrameWriter();
        new RowsMetadata(Columns, Columns.Length, new byte[] { 1 }).WriteTo(writer, withPartitionKeyIndices: false);
        writer.WriteInt(rows.Length);
        foreach (var row in rows)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                writer.WriteValue(Columns[i].Type, row[i]);
            }
        }

        var body = writer.ToArray();
        var reader = new FrameReader(body);
        return CqlRowSet.Read(ref reader, body, null);
    }

    [Fact]
    public void Values_read_by_index_and_name_with_typed_getters()
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2021, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);
        var page = Page(
            new object?[] { id, 5, 6L, "x", at, true, (short)-3, 12.50m, new List<string> { "a" } },
            new object?[] { Guid.Empty, null, null, null, null, null, null, null, null });

        var row = page[0];
        Assert.Equal(2, page.Count);
        Assert.Equal(new byte[] { 1 }, page.PagingState);
        Assert.Equal(id, row.GetGuid("id"));
        Assert.Equal(5, row.GetInt32(1));
        Assert.Equal(6L, row.GetInt64("big"));
        Assert.Equal(5L, row.GetInt64("n"));
        Assert.Equal(-3, row.GetInt32("small"));
        Assert.Equal("x", row.GetString("name"));
        Assert.Equal(at, row.GetDateTimeOffset("at"));
        Assert.True(row.GetBoolean("flag"));
        Assert.Equal(12.50m, row.Get<decimal>("amount"));
        Assert.Equal(new List<object?> { "a" }, row.GetValue("tags"));
        Assert.Equal(at, row.Get<DateTimeOffset>(4));

        var empty = page[1];
        Assert.True(empty.IsNull("n"));
        Assert.Equal(0, empty.GetInt32("n"));
        Assert.Null(empty.GetString("name"));
        Assert.Null(empty.Get<string>("name"));
        Assert.Null(empty.GetValue("tags"));
        Assert.Equal(default, empty.Get<DateTimeOffset>("at"));
        Assert.Null(empty.Get<DateTimeOffset?>("at"));
        Assert.Equal(0d, empty.GetDouble("n") + empty.Get<double>("n"));
    }

    [Fact]
    public void Wrong_typed_getter_or_unknown_column_fails_clearly()
    {
        var row = Page(new object?[] { Guid.Empty, 1, 2L, "x", DateTimeOffset.UnixEpoch, false, (short)1, 1m, null })[0];

        Assert.Contains("'name' is text, not an int", Assert.Throws<InvalidCastException>(() => row.GetInt32("name")).Message);
        Assert.Contains("no column 'nope'", Assert.Throws<KeyNotFoundException>(() => row.GetValue("nope")).Message);
        Assert.Throws<InvalidCastException>(() => row.Get<BigInteger>("name"));
        Assert.Throws<ArgumentOutOfRangeException>(() => row.GetValue(99));
    }

    [Fact]
    public void Rows_body_shorter_than_its_row_count_is_rejected()
    {
        using var writer = new FrameWriter();
        new RowsMetadata(Columns).WriteTo(writer, withPartitionKeyIndices: false);
        writer.WriteInt(1000);
        var body = writer.ToArray();
        var reader = new FrameReader(body);
        CqlProtocolException? error = null;
        try
        {
            CqlRowSet.Read(ref reader, body, null);
        }
        catch (CqlProtocolException ex)
        {
            error = ex;
        }

        Assert.NotNull(error);
        Assert.Contains("1000 rows", error!.Message);
    }
}
