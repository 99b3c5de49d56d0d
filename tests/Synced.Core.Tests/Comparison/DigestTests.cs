using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Core.Comparison;
using Xunit;

namespace Synced.Core.Tests.Comparison;

/// <summary>The pieces the comparison stands on: id tokens, token buckets, the invertible digest.</summary>
public sealed class DigestTests
{
    [Theory]
    // Rows of tests/vectors/murmur3_tokens.tsv whose key is 16 bytes: a uuid's big-endian bytes.
    [InlineData("01020304-0506-0708-090a-0b0c0d0e0f10", -5563837382979743776)]
    [InlineData("02030405-0607-0809-0a0b-0c0d0e0f1011", -1513403162740402161)]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", -2824192546314762522)]
    [InlineData("00010203-ffff-ffff-ffff-ffffffffffff", 6463632673159404390)]
    public void The_token_of_an_id_is_the_one_Cassandra_computes_for_a_uuid_partition_key(string id, long token)
        => Assert.Equal(token, IdToken.Of(Guid.Parse(id)));

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    public void Buckets_cover_the_ring_exactly_once_and_each_token_falls_in_the_bucket_whose_range_holds_it(int bits)
    {
        var buckets = new TokenBuckets(bits);
        var ranges = Enumerable.Range(0, buckets.Count).Select(b => buckets.RangeOf(b)).ToList();
        Assert.Equal(long.MinValue, ranges[0].Start);
        Assert.Equal(long.MaxValue, ranges[^1].End);
        for (var b = 1; b < ranges.Count; b++) Assert.Equal(ranges[b - 1].End, ranges[b].Start);

        var random = new Random(bits);
        var tokens = new List<long> { long.MinValue + 1, long.MaxValue, -1, 0, 1 };
        tokens.AddRange(ranges.Take(50).SelectMany(r => new[] { r.End, r.Start + 1 }));
        for (var i = 0; i < 10_000; i++) tokens.Add(random.NextInt64(long.MinValue, long.MaxValue) + 1);
        foreach (var token in tokens)
        {
            var bucket = buckets.Of(token);
            Assert.True(ranges[bucket].Contains(token), $"token {token} in bucket {bucket} {ranges[bucket]}");
        }
    }

    [Fact]
    public void Neighbouring_chosen_buckets_merge_into_one_range_and_membership_follows_the_ranges()
    {
        var buckets = new TokenBuckets(4);
        var chosen = new bool[16];
        chosen[0] = chosen[1] = chosen[2] = chosen[7] = chosen[15] = true;

        var ranges = buckets.RangesOf(chosen);

        Assert.Equal(new[] { buckets.RangeOf(0, 2), buckets.RangeOf(7), buckets.RangeOf(15) }, ranges);
        var random = new Random(3);
        for (var i = 0; i < 5_000; i++)
        {
            var token = random.NextInt64(long.MinValue, long.MaxValue) + 1;
            Assert.Equal(chosen[buckets.Of(token)], IdToken.IsIn(token, ranges));
        }
    }

    private static (ulong, ulong, long, ulong) Version(VersionHash hash, Guid id, long ms)
    {
        var (low, high) = VersionHash.Halves(id);
        return (low, high, ms, hash.Of(low, high, ms));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(2_400)]
    public void The_difference_of_two_large_sets_reads_back_exactly_when_it_fits(int differing)
    {
        var hash = new VersionHash(42);
        var a = new InvertibleDigest(4_500, hash);
        var b = new InvertibleDigest(4_500, hash);
        var random = new Random(differing);
        var onlyA = new HashSet<(Guid, long)>();
        var onlyB = new HashSet<(Guid, long)>();
        for (var i = 0; i < 50_000; i++)
        {
            var id = Guid.NewGuid();
            var (low, high, t, h) = Version(hash, id, random.NextInt64(0, 1L << 45));
            switch (i < differing ? i % 3 : 3)
            {
                case 0:
                    a.Add(low, high, t, h);
                    onlyA.Add((id, t));
                    break;
                case 1:
                    b.Add(low, high, t, h);
                    onlyB.Add((id, t));
                    break;
                case 2:
                    // Both hold the id at different milliseconds: two versions of the difference.
                    var (l2, h2, t2, x2) = Version(hash, id, t + 1);
                    a.Add(low, high, t, h);
                    b.Add(l2, h2, t2, x2);
                    onlyA.Add((id, t));
                    onlyB.Add((id, t2));
                    break;
                default:
                    a.Add(low, high, t, h);
                    b.Add(low, high, t, h);
                    break;
            }
        }
        a.Subtract(b);
        var found = new List<DecodedVersion>();

        Assert.True(a.TryDecode(found, int.MaxValue));

        Assert.Equal(onlyA.OrderBy(v => v), found.Where(v => v.Sign > 0).Select(v => (v.Id, v.Milliseconds)).OrderBy(v => v));
        Assert.Equal(onlyB.OrderBy(v => v), found.Where(v => v.Sign < 0).Select(v => (v.Id, v.Milliseconds)).OrderBy(v => v));
    }

    [Fact]
    public void A_difference_larger_than_the_digest_is_detected_not_misread()
    {
        var hash = new VersionHash(7);
        var a = new InvertibleDigest(300, hash);
        for (var i = 0; i < 1_000; i++)
        {
            var (low, high, t, h) = Version(hash, Guid.NewGuid(), i);
            a.Add(low, high, t, h);
        }
        var found = new List<DecodedVersion>();

        Assert.False(a.TryDecode(found, int.MaxValue));
    }

    [Fact]
    public void Reading_back_stops_at_the_limit()
    {
        var hash = new VersionHash(9);
        var a = new InvertibleDigest(3_000, hash);
        for (var i = 0; i < 100; i++)
        {
            var (low, high, t, h) = Version(hash, Guid.NewGuid(), i);
            a.Add(low, high, t, h);
        }

        Assert.False(a.TryDecode(new List<DecodedVersion>(), 50));
    }

    [Fact]
    public void An_id_survives_the_round_trip_through_its_halves()
    {
        var id = Guid.NewGuid();
        var (low, high) = VersionHash.Halves(id);
        Assert.Equal(id, VersionHash.FromHalves(low, high));
    }
}
