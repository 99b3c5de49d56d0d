using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;
using Synced.Cql.Types;

namespace Synced.Cql.Tokens;

/// <summary>
/// Builds the serialized partition key that Murmur3 hashes: a single component as its value bytes, a composite
/// key as <c>[short length][bytes][0x00]</c> per component (Cassandra's CompositeType layout).
/// </summary>
internal static class RoutingKey
{
    /// <summary>Joins already serialized components.</summary>
    public static byte[] Compose(IReadOnlyList<byte[]> components)
    {
        if (components.Count == 0)
        {
            throw new ArgumentException("A routing key has at least one component.", nameof(components));
        }

        if (components.Count == 1)
        {
            return components[0];
        }

        using var writer = new FrameWriter(64);
        foreach (var component in components)
        {
            writer.WriteShortBytes(component);
            writer.WriteByte(0);
        }

        return writer.ToArray();
    }

    /// <summary>Serializes the partition key values with their types and joins them.</summary>
    public static byte[] Build(IReadOnlyList<CqlType> types, IReadOnlyList<object?> values)
    {
        if (types.Count != values.Count)
        {
            throw new ArgumentException($"The partition key has {types.Count} columns; {values.Count} values were given.");
        }

        var components = new byte[types.Count][];
        for (var i = 0; i < types.Count; i++)
        {
            var value = values[i] ?? throw new ArgumentException($"Partition key component {i} is null; a partition key cannot be null.");
            components[i] = TypeCodec.Serialize(types[i], value);
        }

        return Compose(components);
    }

    /// <summary>The Murmur3 token of the given partition key values.</summary>
    public static long GetToken(IReadOnlyList<CqlType> types, IReadOnlyList<object?> values)
        => Murmur3Partitioner.GetToken(Build(types, values));
}
