using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Synced.Cql.Protocol;
using Synced.Cql.Tests.Vectors;
using Xunit;

namespace Synced.Cql.Tests.Protocol;

/// <summary>notations.tsv: each notation written and read back against the vector bytes.</summary>
public class NotationVectorTests
{
    public static IEnumerable<object[]> Rows() => VectorFiles.Rows("notations.tsv").Select(r => new object[] { r[0], r[1], r[2] });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Notation_writes_the_vector_bytes_and_reads_them_back(string notation, string valueText, string hex)
    {
        var value = valueText.Contains(" (", StringComparison.Ordinal) && notation != "[string]"
            ? valueText.Substring(0, valueText.IndexOf(" (", StringComparison.Ordinal))
            : valueText == "(empty)" ? string.Empty : valueText;
        using var writer = new FrameWriter();
        var bytes = VectorFiles.Hex(hex);
        var reader = new FrameReader(bytes);
        switch (notation)
        {
            case "[byte]":
                writer.WriteByte(byte.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(byte.Parse(value, CultureInfo.InvariantCulture), reader.ReadByte());
                break;
            case "[short]":
                writer.WriteShort(ushort.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(ushort.Parse(value, CultureInfo.InvariantCulture), reader.ReadShort());
                break;
            case "[int]":
                writer.WriteInt(int.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(int.Parse(value, CultureInfo.InvariantCulture), reader.ReadInt());
                break;
            case "[string]":
                writer.WriteString(value);
                Assert.Equal(value, reader.ReadString());
                break;
            case "[string list]":
            {
                var list = JsonSerializer.Deserialize<List<string>>(value)!;
                writer.WriteStringList(list);
                Assert.Equal(list, reader.ReadStringList());
                break;
            }

            case "[string multimap]":
            {
                var map = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(value)!;
                writer.WriteStringMultimap(map.Select(kv => new KeyValuePair<string, IReadOnlyList<string>>(kv.Key, kv.Value)).ToList());
                var read = reader.ReadStringMultimap();
                Assert.Equal(map.Keys, read.Keys);
                Assert.Equal(map.Values.First(), read.Values.First());
                break;
            }

            case "[uuid]":
                writer.WriteUuid(Guid.Parse(value));
                Assert.Equal(Guid.Parse(value), reader.ReadUuid());
                break;
            default:
                throw new InvalidOperationException($"notations.tsv has a notation this test does not know: {notation}");
        }

        Assert.Equal(hex, VectorFiles.ToHex(writer.WrittenSpan));
        Assert.Equal(0, reader.Remaining);
    }
}
