using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Cql.Protocol;
using Synced.Cql.Tests.Vectors;
using Xunit;

namespace Synced.Cql.Tests.Protocol;

/// <summary>The v4 rows of frames.tsv (the v5 segment and DSE rows belong to other protocol versions).</summary>
public class FrameVectorTests
{
    public static IEnumerable<object[]> V4Rows() => VectorFiles.Rows("frames.tsv")
        .Where(r => r[0].Contains("v4", StringComparison.Ordinal)
                    || r[0].StartsWith("HEADER ONLY", StringComparison.Ordinal)
                    || r[0].StartsWith("INVALID (must be rejected)", StringComparison.Ordinal)
                    || r[0].StartsWith("DSE_V2 REQUEST OPTIONS", StringComparison.Ordinal))
        .Select(r => new object[] { r[0], r[1] });

    [Fact]
    public void All_expected_v4_rows_are_found()
    {
        Assert.Equal(7, V4Rows().Count());
    }

    [Theory]
    [MemberData(nameof(V4Rows))]
    public void V4_frame_vector(string description, string hex)
    {
        var bytes = VectorFiles.Hex(hex);
        using var writer = new FrameWriter();
        if (description.StartsWith("v4 RESPONSE AUTH_SUCCESS", StringComparison.Ordinal))
        {
            var header = FrameHeader.ParseV4(bytes, expectResponse: true);
            Assert.Equal(FrameHeader.Response(42, Opcode.AuthSuccess, bodyLength: 8), header);
            var reader = new FrameReader(bytes.AsMemory(FrameHeader.Size));
            Assert.Equal("cafebabe", VectorFiles.ToHex(reader.ReadBytes()));

            writer.BeginFrame(FrameHeader.Response(42, Opcode.AuthSuccess));
            writer.WriteBytes(new byte[] { 0xca, 0xfe, 0xba, 0xbe });
            writer.EndFrame();
        }
        else if (description.StartsWith("INVALID", StringComparison.Ordinal))
        {
            var error = Assert.Throws<CqlProtocolException>(() => FrameHeader.ParseV4(bytes, expectResponse: true));
            Assert.Contains("version 127", error.Message);
            return;
        }
        else if (description.StartsWith("HEADER ONLY", StringComparison.Ordinal))
        {
            var header = FrameHeader.Parse(bytes);
            Assert.Equal(FrameHeader.Request(0, Opcode.Supported), header);
            header.WriteTo(writer.GetSpan(FrameHeader.Size));
            writer.Advance(FrameHeader.Size);
        }
        else if (description.StartsWith("DSE_V2 REQUEST OPTIONS", StringComparison.Ordinal))
        {
            // Only the version byte differs between DSE_V2 (0x42) and v4 (0x04) for an OPTIONS frame.
            writer.BeginFrame(FrameHeader.Request(0, Opcode.Options));
            writer.EndFrame();
            Assert.Equal(string.Concat("04", hex.AsSpan(2)), VectorFiles.ToHex(writer.WrittenSpan));
            return;
        }
        else if (description.StartsWith("BODY v4 QUERY", StringComparison.Ordinal))
        {
            writer.WriteLongString("a");
            new QueryOptions { Consistency = Consistency.Three }.WriteTo(writer);
            var reader = new FrameReader(bytes);
            Assert.Equal("a", reader.ReadLongString());
            var read = QueryOptions.Read(ref reader);
            Assert.Equal(Consistency.Three, read.Consistency);
            Assert.Null(read.Values);
        }
        else if (description.StartsWith("BODY v4 PREPARE", StringComparison.Ordinal))
        {
            writer.WriteLongString("a");
        }
        else if (description.StartsWith("BODY v4 EXECUTE", StringComparison.Ordinal))
        {
            writer.WriteShortBytes(new[] { (byte)'1' });
            new QueryOptions { Consistency = Consistency.Quorum, Values = Array.Empty<object?>() }.WriteTo(writer);
            var reader = new FrameReader(bytes);
            Assert.Equal(new[] { (byte)'1' }, reader.ReadShortBytes());
            var read = QueryOptions.Read(ref reader);
            Assert.Equal(Consistency.Quorum, read.Consistency);
            Assert.Empty(read.Values!);
        }
        else
        {
            throw new InvalidOperationException($"No check for the v4 vector '{description}'.");
        }

        Assert.Equal(hex, VectorFiles.ToHex(writer.WrittenSpan));
    }
}
