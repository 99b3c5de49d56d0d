using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Cql.Tests.Vectors;
using Synced.Cql.Tokens;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Tokens;

public class Murmur3VectorTests
{
    public static IEnumerable<object[]> Rows() => VectorFiles.Rows("murmur3_tokens.tsv").Select(r => new object[] { r[0], r[1] });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Token_of_key_matches_Cassandra(string keyHex, string token)
    {
        Assert.Equal(long.Parse(token, CultureInfo.InvariantCulture), Murmur3Partitioner.GetToken(VectorFiles.Hex(keyHex)));
    }

    [Fact]
    public void Empty_key_has_the_minimum_token_as_the_vector_comment_states()
    {
        var rule = VectorFiles.CommentRows("murmur3_tokens.tsv", "#EMPTY_KEY");
        Assert.Single(rule);
        Assert.Equal(long.Parse(rule[0][1], CultureInfo.InvariantCulture), Murmur3Partitioner.GetToken(System.Array.Empty<byte>()));
        Assert.Equal(0L, Murmur3Partitioner.Hash(System.Array.Empty<byte>()));
    }

    [Fact]
    public void Composite_key_of_two_ints_is_built_as_length_bytes_zero_and_hashes_to_the_scylla_vector()
    {
        var key = RoutingKey.Build(new[] { CqlType.Int, CqlType.Int }, new object?[] { 143, 234 });

        Assert.Equal("00040000008f000004000000ea00", VectorFiles.ToHex(key));
        Assert.Equal(4958784316840156970L, Murmur3Partitioner.GetToken(key));
    }

    [Fact]
    public void Single_component_routing_key_is_the_bare_value()
    {
        var key = RoutingKey.Build(new[] { CqlType.Text }, new object?[] { "hello" });

        Assert.Equal("68656c6c6f", VectorFiles.ToHex(key));
        Assert.Equal(-3758069500696749310L, RoutingKey.GetToken(new[] { CqlType.Text }, new object?[] { "hello" }));
    }

    [Fact]
    public void Null_partition_key_component_is_rejected()
    {
        Assert.Throws<System.ArgumentException>(() => RoutingKey.Build(new[] { CqlType.Int }, new object?[] { null }));
    }
}

/// <summary>murmur3_internals.tsv: the rotate and final-mix steps on their own.</summary>
public class Murmur3InternalsVectorTests
{
    public static IEnumerable<object[]> Rows() => VectorFiles.Rows("murmur3_internals.tsv").Select(r => new object[] { r[0], r[1], r[2], r[3] });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Step_matches_the_vector(string function, string input, string argument, string output)
    {
        var value = (ulong)long.Parse(input, CultureInfo.InvariantCulture);
        var result = function switch
        {
            "rotl64" => Murmur3Partitioner.RotateLeft(value, int.Parse(argument, CultureInfo.InvariantCulture)),
            "fmix64" => Murmur3Partitioner.Mix(value),
            _ => throw new System.InvalidOperationException($"unknown step {function}"),
        };

        Assert.Equal(long.Parse(output, CultureInfo.InvariantCulture), (long)result);
    }
}
