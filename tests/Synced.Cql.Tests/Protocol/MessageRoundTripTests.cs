using System;
using System.Net;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Protocol;

public class MessageRoundTripTests
{
    private static readonly ColumnSpec[] Columns =
    {
        new("ks", "t", "id", CqlType.Uuid),
        new("ks", "t", "tmstmp", CqlType.Timeuuid),
        new("ks", "t", "tags", CqlType.Parse("frozen<map<text, list<int>>>")),
    };

    [Fact]
    public void Rows_metadata_with_one_table_uses_the_global_spec_and_reads_back()
    {
        using var writer = new FrameWriter();
        new RowsMetadata(Columns, 3, new byte[] { 9, 9 }).WriteTo(writer, withPartitionKeyIndices: false);
        var reader = new FrameReader(writer.ToArray());

        var read = RowsMetadata.Read(ref reader, withPartitionKeyIndices: false);

        Assert.Equal((int)(RowsFlags.GlobalTablesSpec | RowsFlags.HasMorePages), new FrameReader(writer.ToArray()).ReadInt());
        Assert.Equal(new byte[] { 9, 9 }, read.PagingState);
        Assert.Equal(3, read.ColumnCount);
        Assert.Equal("tags", read.Columns![2].Name);
        Assert.Equal(CqlType.Map(CqlType.Text, CqlType.List(CqlType.Int)), read.Columns[2].Type);
        Assert.Equal(1, read.IndexOf("tmstmp"));
        Assert.Equal(-1, read.IndexOf("missing"));
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Rows_metadata_of_several_tables_names_each_column_table()
    {
        var mixed = new[] { new ColumnSpec("a", "t1", "x", CqlType.Int), new ColumnSpec("b", "t2", "y", CqlType.Text) };
        using var writer = new FrameWriter();
        new RowsMetadata(mixed).WriteTo(writer, withPartitionKeyIndices: false);
        var reader = new FrameReader(writer.ToArray());

        var read = RowsMetadata.Read(ref reader, withPartitionKeyIndices: false);

        Assert.Equal("b", read.Columns![1].Keyspace);
        Assert.Equal("t2", read.Columns[1].Table);
    }

    [Fact]
    public void Prepared_result_keeps_id_partition_key_indices_and_both_metadata()
    {
        var prepared = new PreparedResult(new byte[] { 1, 2, 3, 4 },
            new RowsMetadata(Columns, 3, null, new[] { 0 }),
            new RowsMetadata(Array.Empty<ColumnSpec>()));
        using var writer = new FrameWriter();
        prepared.WriteTo(writer);
        var reader = new FrameReader(writer.ToArray());

        Assert.Equal(ResultKind.Prepared, (ResultKind)reader.ReadInt());
        var read = PreparedResult.Read(ref reader);

        Assert.Equal(prepared.Id, read.Id);
        Assert.Equal(new[] { 0 }, read.Variables.PartitionKeyIndices);
        Assert.Equal(3, read.Variables.ColumnCount);
        Assert.Equal(0, read.ResultMetadata.ColumnCount);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Skipped_metadata_reads_as_a_count_without_columns()
    {
        using var writer = new FrameWriter();
        new RowsMetadata(Columns).WriteTo(writer, withPartitionKeyIndices: false, skipColumns: true);
        var reader = new FrameReader(writer.ToArray());

        var read = RowsMetadata.Read(ref reader, withPartitionKeyIndices: false);

        Assert.Null(read.Columns);
        Assert.Equal(3, read.ColumnCount);
    }

    [Fact]
    public void Batch_request_round_trips_entries_values_and_options()
    {
        var batch = new BatchRequest
        {
            Type = BatchType.Unlogged,
            Entries = new[]
            {
                BatchEntry.ForQuery("INSERT INTO t (k) VALUES (?)", new object?[] { 5 }),
                BatchEntry.ForPrepared(new byte[] { 7 }, new object?[] { null, CqlUnset.Value }, new[] { CqlType.Int, CqlType.Text }),
            },
            Consistency = Consistency.LocalQuorum,
            SerialConsistency = Consistency.LocalSerial,
            DefaultTimestamp = 1234567,
        };
        using var writer = new FrameWriter();
        batch.WriteBody(writer);
        var reader = new FrameReader(writer.ToArray());

        var read = BatchRequest.Read(ref reader);

        Assert.Equal(BatchType.Unlogged, read.Type);
        Assert.Equal("INSERT INTO t (k) VALUES (?)", read.Entries[0].Query);
        Assert.Equal(new byte[] { 0, 0, 0, 5 }, ((RawValue)read.Entries[0].Values[0]!).Bytes.ToArray());
        Assert.Equal(new byte[] { 7 }, read.Entries[1].PreparedId);
        Assert.True(((RawValue)read.Entries[1].Values[0]!).IsNull);
        Assert.True(((RawValue)read.Entries[1].Values[1]!).IsUnset);
        Assert.Equal(Consistency.LocalQuorum, read.Consistency);
        Assert.Equal(Consistency.LocalSerial, read.SerialConsistency);
        Assert.Equal(1234567, read.DefaultTimestamp);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Query_parameters_round_trip_every_option_with_names()
    {
        var parameters = new QueryOptions
        {
            Consistency = Consistency.Quorum,
            Values = new object?[] { "x", 3L },
            ValueNames = new[] { "a", "b" },
            PageSize = 500,
            PagingState = new byte[] { 1 },
            SerialConsistency = Consistency.Serial,
            DefaultTimestamp = -5,
            SkipMetadata = true,
        };
        using var writer = new FrameWriter();
        parameters.WriteTo(writer);
        var reader = new FrameReader(writer.ToArray());

        var read = QueryOptions.Read(ref reader);

        Assert.Equal(parameters.Flags, read.Flags);
        Assert.Equal(new[] { "a", "b" }, read.ValueNames);
        Assert.Equal(3L, TypeCodec.Deserialize(CqlType.Bigint, ((RawValue)read.Values![1]!).Bytes));
        Assert.Equal(500, read.PageSize);
        Assert.Equal(-5, read.DefaultTimestamp);
        Assert.True(read.SkipMetadata);
    }

    [Fact]
    public void Value_of_unknown_dotnet_type_without_metadata_is_refused_with_its_position()
    {
        using var writer = new FrameWriter();
        var parameters = new QueryOptions { Values = new object?[] { 1, new() } };

        var error = Assert.Throws<CqlCodecException>(() => parameters.WriteTo(writer));

        Assert.Contains("bound value 1", error.Message);
    }

    [Fact]
    public void Events_of_each_kind_round_trip()
    {
        foreach (var e in new[]
                 {
                     ServerEvent.Topology("NEW_NODE", new IPEndPoint(IPAddress.Parse("10.0.0.2"), 9042)),
                     ServerEvent.Status("DOWN", new IPEndPoint(IPAddress.IPv6Loopback, 9042)),
                     ServerEvent.Schema(new SchemaChange(SchemaChangeType.Created, SchemaChangeTarget.Table, "ks", "t")),
                     ServerEvent.Schema(new SchemaChange(SchemaChangeType.Dropped, SchemaChangeTarget.Keyspace, "ks")),
                     ServerEvent.Schema(new SchemaChange(SchemaChangeType.Updated, SchemaChangeTarget.Function, "ks", "f", new[] { "int" })),
                 })
        {
            using var writer = new FrameWriter();
            e.WriteTo(writer);
            var reader = new FrameReader(writer.ToArray());

            var read = ServerEvent.Read(ref reader);

            Assert.Equal(e.ToString(), read.ToString());
            Assert.Equal(0, reader.Remaining);
        }
    }

    [Fact]
    public void Truncated_body_reports_what_was_being_read_and_where()
    {
        var reader = new FrameReader(new byte[] { 0, 5, (byte)'a' });

        CqlProtocolException? error = null;
        try
        {
            reader.ReadString();
        }
        catch (CqlProtocolException ex)
        {
            error = ex;
        }

        Assert.NotNull(error);
        Assert.Contains("[string] needs 5 bytes at offset 2", error!.Message);
    }

    [Fact]
    public void Frame_header_rejects_negative_or_huge_body_lengths()
    {
        Assert.Throws<CqlProtocolException>(() => FrameHeader.Parse(new byte[] { 0x84, 0, 0, 1, 8, 0xff, 0xff, 0xff, 0xff }));
        Assert.Throws<CqlProtocolException>(() => FrameHeader.Parse(new byte[] { 0x84, 0, 0, 1, 8 }));
        Assert.Throws<CqlProtocolException>(() => FrameHeader.ParseV4(new byte[] { 0x04, 0, 0, 1, 8, 0, 0, 0, 0 }, expectResponse: true));
    }

    [Fact]
    public void Several_frames_can_be_written_back_to_back()
    {
        using var writer = new FrameWriter(16);
        writer.BeginFrame(FrameHeader.Request(1, Opcode.Options));
        writer.EndFrame();
        writer.BeginFrame(FrameHeader.Request(2, Opcode.Query));
        writer.WriteLongString(new string('x', 100));
        new QueryOptions().WriteTo(writer);
        writer.EndFrame();

        var bytes = writer.ToArray();
        var second = FrameHeader.ParseV4(bytes.AsSpan(9), expectResponse: false);

        Assert.Equal(2, second.StreamId);
        Assert.Equal(bytes.Length - 18, second.BodyLength);
    }
}
