using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Emulators.Tests.Vectors;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>The emulator's own Murmur3Partitioner against the token vectors taken from Cassandra and its drivers.</summary>
public sealed class Murmur3VectorTests
{
    public static IEnumerable<object[]> Tokens() => VectorFile.Data("murmur3_tokens.tsv");

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Every_vector_key_gets_its_Cassandra_token(string keyHex, string token)
    {
        Assert.Equal(long.Parse(token, CultureInfo.InvariantCulture), Synced.Emulators.Cassandra.Storage.Tokens.Of(Convert.FromHexString(keyHex)));
    }

    public static IEnumerable<object[]> Internals() => VectorFile.Data("murmur3_internals.tsv");

    [Theory]
    [MemberData(nameof(Internals))]
    public void The_rotation_and_final_mix_steps_match_the_driver_vectors(string step, string input, string bits, string output)
    {
        var value = (ulong)long.Parse(input, CultureInfo.InvariantCulture);
        var actual = step switch
        {
            "rotl64" => Synced.Emulators.Cassandra.Storage.Tokens.RotateLeft(value, int.Parse(bits, CultureInfo.InvariantCulture)),
            "fmix64" => Synced.Emulators.Cassandra.Storage.Tokens.FinalMix(value),
            _ => throw new InvalidOperationException($"unknown step {step}"),
        };
        Assert.Equal(long.Parse(output, CultureInfo.InvariantCulture), (long)actual);
    }

    [Fact]
    public void The_empty_key_has_the_minimum_token()
    {
        var rule = VectorFile.CommentRows("murmur3_tokens.tsv", "#EMPTY_KEY").Single();
        Assert.Equal(long.Parse(rule[1], CultureInfo.InvariantCulture), Synced.Emulators.Cassandra.Storage.Tokens.Of(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void The_vectors_include_keys_whose_tail_bytes_are_negative_so_the_signed_tail_is_exercised()
    {
        // Keys whose tail (bytes past the last 16-byte block) holds a byte >= 0x80 not at the top of its lane.
        var quirky = VectorFile.Rows("murmur3_tokens.tsv").Count(r =>
        {
            var key = Convert.FromHexString(r[0]);
            var tail = key.AsSpan(key.Length / 16 * 16);
            for (var i = 0; i < tail.Length; i++)
                if (tail[i] >= 0x80 && i % 8 != 7) return true;
            return false;
        });
        Assert.True(quirky >= 5, $"only {quirky} vectors exercise the signed tail");
    }
}
