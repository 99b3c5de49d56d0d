using Synced.Cql.Tokens;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>Murmur3Partitioner tokens of serialized partition keys.</summary>
internal static class Tokens
{
    public static long Of(byte[] key) => Murmur3Partitioner.GetToken(key);
}
