using System;
using System.Globalization;
using System.Text.Json;
using Synced.Core.Cassandra;
using Synced.Core.Elasticsearch;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// Numbers as other writers put them in Elasticsearch documents, read back (JsonValueConverter) and converted for
/// each numeric CQL column type (CqlValueWriter): floating-point columns take the nearest value, as Elasticsearch's
/// double and float fields store it (Double.parseDouble / Float.parseFloat of the text); integer and exact columns
/// take the number as written and refuse only what they cannot hold (a fraction, a value beyond their range).
/// </summary>
/// <remarks>
/// The same values as each writer's serializer prints them: JavaScript JSON.stringify (whole doubles below 1e21 as
/// plain digits, then 1e+21), Java (Jackson / Double.toString: 100.0, 1.0E16), Python json (100.0, 1e+16, 1e-07)
/// and .NET System.Text.Json (100, 1E+16, 1E-07).
/// </remarks>
public class NumberFormsTests
{
    private static string Convert(string json, string cqlType)
    {
        using var document = JsonDocument.Parse(json);
        var entryValue = JsonValueConverter.Read(document.RootElement);
        var value = CqlValueWriter.Convert(CqlType.Parse(cqlType), entryValue);
        return value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
            _ => value?.ToString() ?? "null",
        };
    }

    [Theory]
    // 2^60 as a double: JavaScript, Java, Python, .NET.
    [InlineData("1152921504606847000", "double", "1.152921504606847E+18")]
    [InlineData("1.152921504606847E18", "double", "1.152921504606847E+18")]
    [InlineData("1.152921504606847e+18", "double", "1.152921504606847E+18")]
    [InlineData("1.152921504606847E+18", "double", "1.152921504606847E+18")]
    [InlineData("1152921504606847000", "float", "1.1529215E+18")]
    [InlineData("1152921504606847000", "bigint", "1152921504606847000")]
    [InlineData("1.152921504606847e+18", "bigint", "1152921504606847000")]
    [InlineData("1152921504606847000", "varint", "1152921504606847000")]
    [InlineData("1152921504606847000", "decimal", "1152921504606847000")]
    [InlineData("1152921504606847000", "counter", "1152921504606847000")]
    // 2^53 + 1 (a long no double holds): the nearest double, as ES's double field stores it.
    [InlineData("9007199254740993", "double", "9007199254740992")]
    [InlineData("16777217", "float", "16777216")]
    [InlineData("9007199254740993", "bigint", "9007199254740993")]
    // 100 as a double: JavaScript and .NET write 100, Java and Python 100.0.
    [InlineData("100", "tinyint", "100")]
    [InlineData("100.0", "tinyint", "100")]
    [InlineData("100.0", "smallint", "100")]
    [InlineData("100.0", "int", "100")]
    [InlineData("100.0", "bigint", "100")]
    [InlineData("100.0", "varint", "100")]
    [InlineData("100.0", "counter", "100")]
    [InlineData("100.0", "float", "100")]
    [InlineData("100.0", "double", "100")]
    [InlineData("100.0", "decimal", "100.0")]
    // 1e16: JavaScript, Java, Python, .NET.
    [InlineData("10000000000000000", "bigint", "10000000000000000")]
    [InlineData("1.0E16", "bigint", "10000000000000000")]
    [InlineData("1e+16", "bigint", "10000000000000000")]
    [InlineData("1E+16", "bigint", "10000000000000000")]
    [InlineData("1e+16", "varint", "10000000000000000")]
    [InlineData("1e+16", "double", "1E+16")]
    [InlineData("1e+16", "float", "1E+16")]
    // 1e21: where JavaScript switches to an exponent.
    [InlineData("1e+21", "varint", "1000000000000000000000")]
    [InlineData("1e+21", "double", "1E+21")]
    [InlineData("1.0E21", "decimal", "1000000000000000000000")]
    // Fractions.
    [InlineData("0.1", "double", "0.1")]
    [InlineData("0.1", "float", "0.1")]
    [InlineData("0.1", "decimal", "0.1")]
    [InlineData("0.30000000000000004", "double", "0.30000000000000004")]
    [InlineData("0.30000000000000004", "float", "0.3")]
    [InlineData("1e-07", "double", "1E-07")]
    [InlineData("1.0E-7", "float", "1E-07")]
    [InlineData("1E-07", "decimal", "0.0000001")]
    // Java longs and Python's unbounded ints.
    [InlineData("9223372036854775807", "bigint", "9223372036854775807")]
    [InlineData("9223372036854775807", "double", "9.223372036854776E+18")]
    [InlineData("1180591620717411303424", "varint", "1180591620717411303424")]
    [InlineData("1180591620717411303424", "double", "1.1805916207174113E+21")]
    [InlineData("-128", "tinyint", "-128")]
    [InlineData("-32768", "smallint", "-32768")]
    [InlineData("-2147483648", "int", "-2147483648")]
    public void A_number_in_any_writers_form_converts_as_elasticsearch_stores_it(string json, string cqlType, string expected)
    {
        // Floating-point results compare as values (their text form is .NET's choice).
        if (cqlType == "double") expected = double.Parse(expected, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        if (cqlType == "float") expected = float.Parse(expected, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(expected, Convert(json, cqlType));
    }

    [Theory]
    [InlineData("0.1", "int", "no whole number")]
    [InlineData("100.5", "bigint", "no whole number")]
    [InlineData("1.5e0", "varint", "no whole number")]
    [InlineData("0.5", "counter", "no whole number")]
    [InlineData("128", "tinyint", "outside -128..127")]
    [InlineData("32768.0", "smallint", "outside -32768..32767")]
    [InlineData("1e+10", "int", "outside -2147483648..2147483647")]
    [InlineData("1152921504606847000", "int", "outside")]
    [InlineData("9223372036854775808", "bigint", "outside")]
    [InlineData("1e+21", "bigint", "outside")]
    [InlineData("1180591620717411303424", "bigint", "outside")]
    [InlineData("1e400", "double", "exceeds the range of a double")]
    [InlineData("1e39", "float", "exceeds the range of a float")]
    public void Only_what_the_column_cannot_hold_is_refused(string json, string cqlType, string reason)
    {
        var error = Assert.Throws<CqlValueConversionException>(() => Convert(json, cqlType));
        Assert.Contains(cqlType, error.Message);
        Assert.Contains(reason, error.Message);
    }
}
