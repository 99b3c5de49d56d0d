using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Protocol;
using Synced.Emulators.Cassandra.Values;
using Synced.Emulators.Tests.Vectors;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>The emulator's own protocol notations, vints and frames against notations.tsv, vint.tsv and frames.tsv.</summary>
public sealed class WireVectorTests
{
    public static IEnumerable<object[]> Notations() => VectorFile.Data("notations.tsv");

    public static IEnumerable<object[]> VInts() => VectorFile.Data("vint.tsv");

    [Theory]
    [MemberData(nameof(Notations))]
    public void Each_notation_writes_the_vector_bytes_and_reads_them_back(string notation, string valueText, string hex)
    {
        var value = valueText.Split(" (", 2)[0];
        var w = new WireWriter();
        var bytes = Convert.FromHexString(hex);
        var r = new WireReader(bytes);
        switch (notation)
        {
            case "[byte]":
                w.WriteByte(byte.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(byte.Parse(value, CultureInfo.InvariantCulture), r.ReadByte());
                break;
            case "[short]":
                w.WriteShort(ushort.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(ushort.Parse(value, CultureInfo.InvariantCulture), r.ReadShort());
                break;
            case "[int]":
                w.WriteInt(int.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(int.Parse(value, CultureInfo.InvariantCulture), r.ReadInt());
                break;
            case "[string]":
            {
                var text = valueText == "(empty)" ? "" : valueText;
                w.WriteString(text);
                Assert.Equal(text, r.ReadString());
                break;
            }
            case "[string list]":
            {
                var list = JsonSerializer.Deserialize<List<string>>(valueText)!;
                w.WriteStringList(list);
                Assert.Equal(list, r.ReadStringList());
                break;
            }
            case "[string multimap]":
            {
                var map = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(valueText)!;
                w.WriteStringMultimap(map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
                var read = r.ReadStringMultimap();
                Assert.Equal(map.Keys, read.Keys);
                foreach (var key in map.Keys) Assert.Equal(map[key], read[key]);
                break;
            }
            case "[uuid]":
                w.WriteUuid(Guid.Parse(value));
                Assert.Equal(Guid.Parse(value), r.ReadUuid());
                break;
            default:
                throw new InvalidOperationException($"no test for notation {notation}");
        }
        Assert.Equal(hex, VectorFile.Hex(w.Written.Span));
        Assert.Equal(0, r.Remaining);
    }

    [Theory]
    [MemberData(nameof(VInts))]
    public void Signed_vints_encode_and_decode_as_the_vectors(string value, string hex)
    {
        var number = long.Parse(value, CultureInfo.InvariantCulture);
        using var ms = new MemoryStream();
        VInt.WriteSigned(ms, number);
        Assert.Equal(hex, VectorFile.Hex(ms.ToArray()));
        var pos = 0;
        Assert.Equal(number, VInt.ReadSigned(Convert.FromHexString(hex), ref pos));
        Assert.Equal(hex.Length / 2, pos);
    }

    [Fact]
    public void A_v4_response_frame_is_written_byte_for_byte_as_the_vector()
    {
        var vector = Frame("v4 RESPONSE AUTH_SUCCESS");
        var w = new WireWriter();
        w.BeginFrame(FrameHeader.Response(42, CqlOpcode.AuthSuccess));
        w.WriteBytes(new byte[] { 0xca, 0xfe, 0xba, 0xbe });
        w.EndFrame();
        Assert.Equal(vector, VectorFile.Hex(w.Written.Span));
        var header = FrameHeader.Read(Convert.FromHexString(vector));
        Assert.True(header.IsResponse);
        Assert.Equal(4, header.ProtocolVersion);
        Assert.Equal(42, header.StreamId);
        Assert.Equal(CqlOpcode.AuthSuccess, header.Opcode);
        Assert.Equal(8, header.BodyLength);
    }

    [Fact]
    public void A_frame_of_an_unsupported_version_reads_as_that_version_so_the_node_refuses_it()
    {
        var header = FrameHeader.Read(Convert.FromHexString(Frame("INVALID (must be rejected)")));
        Assert.Equal(0x7f, header.ProtocolVersion);
        Assert.NotEqual(FrameHeader.Version, header.ProtocolVersion);
    }

    [Fact]
    public void The_options_request_of_another_protocol_version_keeps_its_layout()
    {
        var header = FrameHeader.Read(Convert.FromHexString(Frame("DSE_V2 REQUEST OPTIONS")));
        Assert.False(header.IsResponse);
        Assert.Equal(CqlOpcode.Options, header.Opcode);
        Assert.Equal(0, header.BodyLength);
    }

    [Fact]
    public void A_v4_query_body_reads_as_its_query_consistency_and_flags()
    {
        var r = new WireReader(Convert.FromHexString(Frame("BODY v4 QUERY 'a'")));
        Assert.Equal("a", r.ReadLongString());
        var options = QueryOptions.Read(ref r, StatementContext.Unset);
        Assert.Equal(ConsistencyLevel.Three, options.Consistency);
        Assert.Empty(options.Values);
        Assert.Null(options.PageSize);
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void A_v4_prepare_body_is_the_query_as_a_long_string()
    {
        var r = new WireReader(Convert.FromHexString(Frame("BODY v4 PREPARE 'a'")));
        Assert.Equal("a", r.ReadLongString());
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void A_v4_execute_body_reads_as_its_id_consistency_and_empty_values()
    {
        var r = new WireReader(Convert.FromHexString(Frame("BODY v4 EXECUTE")));
        Assert.Equal("31", VectorFile.Hex(r.ReadShortBytes()));
        var options = QueryOptions.Read(ref r, StatementContext.Unset);
        Assert.Equal(ConsistencyLevel.Quorum, options.Consistency);
        Assert.Empty(options.Values);
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void Reading_past_the_end_of_a_body_is_a_protocol_error()
    {
        var ex = Assert.Throws<ProtocolException>(() =>
        {
            var r = new WireReader(Convert.FromHexString("0000000561"));
            r.ReadLongString();
        });
        Assert.Contains("Not enough bytes", ex.Message);
    }

    private static string Frame(string descriptionPrefix)
        => VectorFile.Rows("frames.tsv").Single(r => r[0].StartsWith(descriptionPrefix, StringComparison.Ordinal))[1];
}
