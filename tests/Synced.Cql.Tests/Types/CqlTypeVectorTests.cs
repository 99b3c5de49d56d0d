using System.Collections.Generic;
using System.Linq;
using Synced.Cql.Tests.Vectors;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

/// <summary>Every row of cql_types.tsv (v3/v4/v5 encodings) through the codecs, both ways.</summary>
public class CqlTypeVectorTests
{
    public static IEnumerable<object[]> Rows() => VectorFiles.Rows("cql_types.tsv").Select(r => new object[] { r[0], r[1], r[2] });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decoding_the_vector_bytes_gives_the_vector_value(string typeText, string valueText, string hex)
    {
        var type = VectorValues.ParseType(typeText);
        var expected = VectorValues.Parse(type, valueText);

        var actual = TypeCodec.Deserialize(type, VectorFiles.Hex(hex));

        DeepEqual.Assert(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Encoding_the_vector_value_gives_the_vector_bytes(string typeText, string valueText, string hex)
    {
        var type = VectorValues.ParseType(typeText);
        var value = VectorValues.Parse(type, valueText);
        if (VectorValues.IsDecodeOnly(valueText))
        {
            // These rows hold nulls inside collections, which CQL forbids writing; the codec must refuse them.
            Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(type, value!));
            return;
        }

        Assert.Equal(hex, VectorFiles.ToHex(TypeCodec.Serialize(type, value!)));
    }
}
