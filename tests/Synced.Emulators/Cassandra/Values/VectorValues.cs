using System;
using System.Collections.Generic;
using System.IO;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>
/// Values of vector&lt;type, n&gt; (Cassandra 5.0 VectorType): exactly n elements, never null; elements of a
/// fixed-length type (float, int, uuid...) are concatenated without lengths, others each follow an unsigned vint
/// length.
/// </summary>
internal static class VectorValues
{
    public static byte[] Join(ColumnType type, IReadOnlyList<byte[]?> elements, string receiver)
    {
        if (elements.Count != type.Dimension)
            throw new CqlInvalidException($"Invalid vector literal for {receiver} of type {type.ToCqlText()}; expected {type.Dimension} elements, but given {elements.Count}");
        var fixedLength = type.Parameters[0].FixedLength;
        using var ms = new MemoryStream();
        foreach (var e in elements)
        {
            if (e is null) throw new CqlInvalidException($"null is not supported inside vectors");
            if (fixedLength < 0) VInt.WriteUnsigned(ms, (ulong)e.Length);
            else if (e.Length != fixedLength) throw new CqlInvalidException($"Invalid vector element of {e.Length} bytes for {type.Parameters[0].ToCqlText()} in {receiver}");
            ms.Write(e, 0, e.Length);
        }
        return ms.ToArray();
    }

    public static List<byte[]?> Split(ColumnType type, byte[] value)
    {
        var fixedLength = type.Parameters[0].FixedLength;
        var elements = new List<byte[]?>(type.Dimension);
        var pos = 0;
        for (var i = 0; i < type.Dimension; i++)
        {
            var length = fixedLength >= 0 ? fixedLength : checked((int)VInt.ReadUnsigned(value, ref pos));
            if (pos + length > value.Length)
                throw new CqlInvalidException($"Not enough bytes to read a vector<{type.Parameters[0].ToCqlText()}, {type.Dimension}>");
            elements.Add(value.AsSpan(pos, length).ToArray());
            pos += length;
        }
        if (pos != value.Length)
            throw new CqlInvalidException($"Unexpected {value.Length - pos} extraneous bytes after vector<{type.Parameters[0].ToCqlText()}, {type.Dimension}> value");
        return elements;
    }
}
