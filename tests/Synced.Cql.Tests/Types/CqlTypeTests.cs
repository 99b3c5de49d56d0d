using System;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

public class CqlTypeTests
{
    [Theory]
    [InlineData("int", "int")]
    [InlineData("VARCHAR", "text")]
    [InlineData("frozen<map<text, list<int>>>", "frozen<map<text, list<int>>>")]
    [InlineData("tuple<int,text>", "tuple<int, text>")]
    [InlineData("set<frozen<tuple<bigint, timeuuid>>>", "set<tuple<bigint, timeuuid>>")]
    [InlineData("map<  uuid , frozen < set < inet > > >", "map<uuid, frozen<set<inet>>>")]
    [InlineData("'org.apache.cassandra.db.marshal.DateType'", "'org.apache.cassandra.db.marshal.DateType'")]
    [InlineData("duration", "duration")]
    public void Type_text_parses_and_prints_back(string text, string expected)
    {
        Assert.Equal(expected, CqlType.Parse(text).ToString());
    }

    [Fact]
    public void User_types_are_resolved_by_name_and_keyspace()
    {
        var address = CqlType.Udt("ks", "address", new[] { new CqlUdtField("street", CqlType.Text), new CqlUdtField("zip", CqlType.Int) });
        var seenKeyspace = "unset";
        var parsed = CqlType.Parse("list<frozen<ks.\"Address\">>", (keyspace, name) =>
        {
            seenKeyspace = keyspace;
            return name == "Address" ? address : null;
        });

        Assert.Equal("ks", seenKeyspace);
        Assert.Equal(CqlTypeCode.Udt, parsed.ElementType.Code);
        Assert.True(parsed.ElementType.IsFrozen);
        Assert.Equal("list<frozen<address>>", parsed.ToString());
    }

    [Theory]
    [InlineData("list<int")]
    [InlineData("map<int>")]
    [InlineData("unknown_udt")]
    [InlineData("int int")]
    [InlineData("")]
    public void Bad_type_text_fails_with_the_text_and_position(string text)
    {
        var error = Assert.Throws<FormatException>(() => CqlType.Parse(text));
        Assert.Contains("Cannot parse CQL type", error.Message);
    }

    [Fact]
    public void Option_round_trip_keeps_nested_types_and_sends_duration_as_its_custom_class()
    {
        var udt = CqlType.Udt("ks", "point", new[] { new CqlUdtField("x", CqlType.Double), new CqlUdtField("d", CqlType.Duration) });
        var type = CqlType.Map(CqlType.Text, CqlType.Tuple(CqlType.Int, udt, CqlType.Set(CqlType.Varint)));
        using var writer = new FrameWriter();
        type.WriteOption(writer);
        var reader = new FrameReader(writer.ToArray());

        var read = reader.ReadOption();

        Assert.Equal(type, read);
        Assert.Equal(0, reader.Remaining);
        Assert.Contains(CqlType.DurationClassName, System.Text.Encoding.UTF8.GetString(writer.ToArray()));
    }

    [Fact]
    public void Unknown_option_id_is_a_protocol_error()
    {
        var reader = new FrameReader(new byte[] { 0x00, 0x99 });
        CqlProtocolException? error = null;
        try
        {
            reader.ReadOption();
        }
        catch (CqlProtocolException ex)
        {
            error = ex;
        }

        Assert.NotNull(error);
        Assert.Contains("0x0099", error!.Message);
    }
}
