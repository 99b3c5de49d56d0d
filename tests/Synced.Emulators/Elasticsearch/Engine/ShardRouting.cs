namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// Which shard of an index holds a document, as Elasticsearch routes it (OperationRouting.calculateScaledShardId):
/// <c>floorMod(murmur3(_id), routing_num_shards) / routing_factor</c>, with murmur3_x86_32 (seed 0) over the id's
/// UTF-16 code units, low byte first (Murmur3HashFunction.hash(String)).
/// </summary>
internal static class ShardRouting
{
    /// <summary>The shard of a document id.</summary>
    public static int ShardOf(string id, int numberOfShards, int routingShards)
    {
        if (numberOfShards == 1) return 0;
        var hash = Hash(id);
        var mod = ((hash % routingShards) + routingShards) % routingShards;
        return mod / (routingShards / numberOfShards);
    }

    /// <summary>
    /// The default <c>index.number_of_routing_shards</c> of an index created on 7.0+: the largest
    /// <c>number_of_shards * 2^n</c> up to 1024, with at least one split (MetadataCreateIndexService.calculateNumRoutingShards).
    /// </summary>
    public static int DefaultRoutingShards(int numberOfShards)
    {
        var log2NumShards = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(numberOfShards - 1));
        var splits = System.Math.Max(1, 10 - log2NumShards);
        return numberOfShards << splits;
    }

    /// <summary>Elasticsearch's Murmur3HashFunction.hash(String).</summary>
    public static int Hash(string routing)
    {
        var bytes = new byte[routing.Length * 2];
        for (var i = 0; i < routing.Length; i++)
        {
            bytes[2 * i] = (byte)routing[i];
            bytes[2 * i + 1] = (byte)(routing[i] >> 8);
        }
        return Murmur3X86_32(bytes, 0);
    }

    private static int Murmur3X86_32(byte[] data, uint seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[4 * i] | data[4 * i + 1] << 8 | data[4 * i + 2] << 16 | data[4 * i + 3] << 24);
            k *= c1;
            k = (k << 15) | (k >> 17);
            k *= c2;
            h ^= k;
            h = (h << 13) | (h >> 19);
            h = h * 5 + 0xe6546b64;
        }
        uint tail = 0;
        var rest = data.Length & 3;
        var at = blocks * 4;
        if (rest == 3) tail ^= (uint)data[at + 2] << 16;
        if (rest >= 2) tail ^= (uint)data[at + 1] << 8;
        if (rest >= 1)
        {
            tail ^= data[at];
            tail *= c1;
            tail = (tail << 15) | (tail >> 17);
            tail *= c2;
            h ^= tail;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return (int)h;
    }
}
