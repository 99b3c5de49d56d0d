using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra.Storage;

/// <summary>The partition store's lookups: by token and key (hashed), and in ring order (a sorted array, new partitions merged in), agree.</summary>
public class TableStoreTests
{
    private static TableStore NewStore()
    {
        var id = new ColumnSchema("id", ColumnType.Native(TypeKind.Blob), ColumnKind.PartitionKey, 0, false);
        var schema = new TableSchema("ks", "t", Guid.NewGuid(), new[] { id }, Array.Empty<ColumnSchema>(), Array.Empty<ColumnSchema>(),
            new Dictionary<string, object>(), 0);
        return new TableStore(schema);
    }

    private static byte[] Key(byte b) => new[] { b };

    [Fact]
    public void Partitions_whose_tokens_collide_are_each_found_by_their_own_key()
    {
        var store = NewStore();
        // Two keys on one token (a hash collision, forced here) and a third key elsewhere.
        var first = store.GetOrCreate(42, Key(1), new[] { Key(1) });
        var second = store.GetOrCreate(42, Key(2), new[] { Key(2) });
        var elsewhere = store.GetOrCreate(7, Key(3), new[] { Key(3) });

        Assert.Same(first, store.Find(42, Key(1)));
        Assert.Same(second, store.Find(42, Key(2)));
        Assert.Same(elsewhere, store.Find(7, Key(3)));
        Assert.Null(store.Find(42, Key(3)));
        Assert.Null(store.Find(8, Key(3)));
        Assert.Same(second, store.GetOrCreate(42, Key(2), new[] { Key(2) }));
        Assert.Equal(3, store.PartitionCount);
        Assert.Equal(new[] { elsewhere, first, second }.Select(p => p.Token), store.Range(long.MinValue, long.MaxValue).Select(p => p.Token));
    }

    [Fact]
    public void A_cleared_store_finds_nothing_and_holds_new_partitions_again()
    {
        var store = NewStore();
        store.GetOrCreate(42, Key(1), new[] { Key(1) });
        store.GetOrCreate(42, Key(2), new[] { Key(2) });

        store.Clear();

        Assert.Null(store.Find(42, Key(1)));
        Assert.Null(store.Find(42, Key(2)));
        Assert.Equal(0, store.PartitionCount);
        var again = store.GetOrCreate(42, Key(2), new[] { Key(2) });
        Assert.Same(again, store.Find(42, Key(2)));
    }

    [Fact]
    public void Range_reads_between_writes_see_every_partition_in_ring_order_and_exactly_those_of_the_range()
    {
        var store = NewStore();
        var random = new Random(7);
        var all = new List<Partition>();
        for (var round = 0; round < 20; round++)
        {
            // New partitions (some on tokens already taken: collisions keep key order), then ranges read before the next round.
            for (var i = 0; i < 50; i++)
            {
                var token = round % 5 == 0 && all.Count > 0 ? all[random.Next(all.Count)].Token : random.NextInt64(-1000, 1000);
                var key = BitConverter.GetBytes(random.Next());
                if (store.Find(token, key) is null) all.Add(store.GetOrCreate(token, key, new[] { key }));
            }
            var ordered = all.OrderBy(p => p.Token).ThenBy(p => p.Key, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
            Assert.Equal(ordered, store.Range(long.MinValue, long.MaxValue));
            Assert.Equal(all.Count, store.PartitionCount);
            for (var r = 0; r < 10; r++)
            {
                var from = random.NextInt64(-1100, 1100);
                var to = from + random.NextInt64(0, 400);
                Assert.Equal(ordered.Where(p => p.Token >= from && p.Token <= to), store.Range(from, to));
            }
            Assert.Empty(store.Range(5, 4));
        }
    }
}
