using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Cql.Tests.Vectors;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

public class VIntVectorTests
{
    public static IEnumerable<object[]> Rows() => VectorFiles.Rows("vint.tsv").Select(r => new object[] { r[0], r[1] });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Signed_vint_encodes_and_decodes_as_the_vector(string value, string hex)
    {
        var number = long.Parse(value, CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[VInt.MaxSize];

        var size = VInt.WriteSigned(number, buffer);
        var read = VInt.ReadSigned(VectorFiles.Hex(hex), out var decoded);

        Assert.Equal(hex, VectorFiles.ToHex(buffer.Slice(0, size)));
        Assert.Equal(number, decoded);
        Assert.Equal(hex.Length / 2, read);
    }

    [Fact]
    public void Truncated_vint_is_rejected()
    {
        Assert.Throws<CqlCodecException>(() => VInt.ReadUnsigned(new byte[] { 0xC0, 0x60 }, out _));
    }
}
