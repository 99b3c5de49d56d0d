using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// Splits and joins serialized (protocol v4) collections, tuples and UDT values without decoding their
/// elements, so the node can sort, merge and slice them by their serialized form.
/// </summary>
internal static class CollectionValues
{
    /// <summary>The items of a list/set (one per element) or a map (key, value, key, value...).</summary>
    public static List<byte[]?> Split(byte[] value, bool isMap)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(value);
        var items = new List<byte[]?>(isMap ? count * 2 : count);
        var pos = 4;
        for (var i = 0; i < (isMap ? count * 2 : count); i++) items.Add(ReadItem(value, ref pos));
        return items;
    }

    /// <summary>Fields of a tuple or UDT value; missing trailing fields are absent from the list.</summary>
    public static List<byte[]?> SplitFields(byte[] value)
    {
        var items = new List<byte[]?>();
        var pos = 0;
        while (pos < value.Length) items.Add(ReadItem(value, ref pos));
        return items;
    }

    private static byte[]? ReadItem(byte[] value, ref int pos)
    {
        if (pos + 4 > value.Length) throw new Cql.CqlInvalidException("Invalid collection or tuple value: truncated item length");
        var length = BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(pos));
        pos += 4;
        if (length < 0) return null;
        if (pos + length > value.Length) throw new Cql.CqlInvalidException("Invalid collection or tuple value: item longer than the value");
        var item = value.AsSpan(pos, length).ToArray();
        pos += length;
        return item;
    }

    /// <summary>Serializes a list/set (items) or map (key, value pairs flattened) with an int count.</summary>
    public static byte[] Join(IReadOnlyList<byte[]?> items, bool isMap)
    {
        using var ms = new MemoryStream();
        WriteInt(ms, isMap ? items.Count / 2 : items.Count);
        foreach (var item in items) WriteItem(ms, item);
        return ms.ToArray();
    }

    public static byte[] JoinFields(IReadOnlyList<byte[]?> fields)
    {
        using var ms = new MemoryStream();
        foreach (var f in fields) WriteItem(ms, f);
        return ms.ToArray();
    }

    private static void WriteItem(Stream s, byte[]? item)
    {
        if (item is null) { WriteInt(s, -1); return; }
        WriteInt(s, item.Length);
        s.Write(item, 0, item.Length);
    }

    private static void WriteInt(Stream s, int v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        s.Write(b);
    }

    /// <summary>Sorts set elements by the element type's order and drops duplicates.</summary>
    public static List<byte[]?> NormalizeSet(ColumnType elementType, IEnumerable<byte[]?> items)
    {
        var sorted = new SortedDictionary<byte[], byte[]>(new ValueComparer(elementType));
        foreach (var item in items)
        {
            if (item is null) throw new Cql.CqlInvalidException("null is not supported inside collections");
            sorted[item] = item;
        }
        return new List<byte[]?>(sorted.Keys);
    }

    /// <summary>Sorts map entries by key; a later duplicate key replaces the earlier one.</summary>
    public static List<byte[]?> NormalizeMap(ColumnType keyType, IReadOnlyList<byte[]?> flat)
    {
        var sorted = new SortedDictionary<byte[], byte[]?>(new ValueComparer(keyType));
        for (var i = 0; i < flat.Count; i += 2)
        {
            var key = flat[i] ?? throw new Cql.CqlInvalidException("null is not supported inside collections");
            if (flat[i + 1] is null) throw new Cql.CqlInvalidException("null is not supported inside collections");
            sorted[key] = flat[i + 1];
        }
        var result = new List<byte[]?>(sorted.Count * 2);
        foreach (var pair in sorted)
        {
            result.Add(pair.Key);
            result.Add(pair.Value);
        }
        return result;
    }

    /// <summary>Compares serialized values of one type.</summary>
    public sealed class ValueComparer : IComparer<byte[]>
    {
        private readonly ColumnType _type;
        public ValueComparer(ColumnType type) { _type = type; }
        public int Compare(byte[]? x, byte[]? y) => ValueOrder.Compare(_type, x, y);
    }
}
