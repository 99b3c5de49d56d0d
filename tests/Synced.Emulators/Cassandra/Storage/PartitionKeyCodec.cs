using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// Serialized partition keys: the value itself for one column; for several, each component as
/// [short length][bytes][0x00] (CompositeType), which is also what the token is computed over.
/// </summary>
internal static class PartitionKeyCodec
{
    public static byte[] Compose(IReadOnlyList<byte[]> components)
    {
        if (components.Count == 1) return components[0];
        var length = 0;
        foreach (var c in components) length += 3 + c.Length;
        var key = new byte[length];
        var pos = 0;
        foreach (var c in components)
        {
            if (c.Length > ushort.MaxValue) throw new Cql.CqlInvalidException($"Key length of {c.Length} is longer than maximum of {ushort.MaxValue}");
            BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(pos), (ushort)c.Length);
            c.CopyTo(key, pos + 2);
            pos += 2 + c.Length;
            key[pos++] = 0;
        }
        return key;
    }
}
