using System;
using System.Buffers.Binary;
using System.Numerics;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>
/// Orders serialized values the way Cassandra's AbstractType comparators do, so clustering rows, set elements
/// and map keys come back in Cassandra's order (TimeUUIDType: time first, then the low 8 bytes signed).
/// </summary>
internal static class ValueOrder
{
    public static int Compare(ColumnType type, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        // An empty value sorts before any non-empty one for every type (Cassandra's "empty" values).
        if (a.Length == 0 || b.Length == 0) return a.Length.CompareTo(b.Length) == 0 ? 0 : (a.Length == 0 ? -1 : 1);
        switch (type.Kind)
        {
            case TypeKind.Bigint:
            case TypeKind.Counter:
            case TypeKind.Timestamp:
            case TypeKind.Time:
                return BinaryPrimitives.ReadInt64BigEndian(a).CompareTo(BinaryPrimitives.ReadInt64BigEndian(b));
            case TypeKind.Int:
                return BinaryPrimitives.ReadInt32BigEndian(a).CompareTo(BinaryPrimitives.ReadInt32BigEndian(b));
            case TypeKind.Smallint:
                return BinaryPrimitives.ReadInt16BigEndian(a).CompareTo(BinaryPrimitives.ReadInt16BigEndian(b));
            case TypeKind.Tinyint:
                return ((sbyte)a[0]).CompareTo((sbyte)b[0]);
            case TypeKind.Boolean:
                return (a[0] != 0).CompareTo(b[0] != 0);
            case TypeKind.Double:
                return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(a)).CompareTo(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(b)));
            case TypeKind.Float:
                return BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(a)).CompareTo(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(b)));
            case TypeKind.Varint:
                return new BigInteger(a, isUnsigned: false, isBigEndian: true).CompareTo(new BigInteger(b, isUnsigned: false, isBigEndian: true));
            case TypeKind.Decimal:
                return CompareDecimal(a, b);
            case TypeKind.Timeuuid:
                return CompareTimeUuid(a, b);
            case TypeKind.Uuid:
                return CompareUuid(a, b);
            case TypeKind.List:
            case TypeKind.Set:
                return CompareCollection(type.Parameters[0], null, a, b);
            case TypeKind.Map:
                return CompareCollection(type.Parameters[0], type.Parameters[1], a, b);
            case TypeKind.Tuple:
            case TypeKind.Udt:
                return CompareFields(type, a, b);
            case TypeKind.Vector:
                return CompareVector(type, a, b);
            default:
                // ascii, text, blob, inet, date (unsigned days with 2^31 = epoch), duration: unsigned bytes.
                return a.SequenceCompareTo(b);
        }
    }

    public static int Compare(ColumnType type, byte[]? a, byte[]? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        return Compare(type, a.AsSpan(), b.AsSpan());
    }

    private static int CompareDecimal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var sa = BinaryPrimitives.ReadInt32BigEndian(a);
        var sb = BinaryPrimitives.ReadInt32BigEndian(b);
        var ua = new BigInteger(a.Slice(4), isUnsigned: false, isBigEndian: true);
        var ub = new BigInteger(b.Slice(4), isUnsigned: false, isBigEndian: true);
        // Bring both to the larger scale: value = unscaled * 10^-scale.
        if (sa < sb) ua *= BigInteger.Pow(10, sb - sa);
        else if (sb < sa) ub *= BigInteger.Pow(10, sa - sb);
        return ua.CompareTo(ub);
    }

    private static int CompareTimeUuid(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => TimeUuids.Compare(a, b);

    private static int CompareUuid(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        // UUIDType: version first; time-based UUIDs by time; then everything by unsigned bytes.
        var va = a[6] >> 4;
        var vb = b[6] >> 4;
        if (va != vb) return va.CompareTo(vb);
        if (va == 1)
        {
            var c = TimeUuids.Ticks(a).CompareTo(TimeUuids.Ticks(b));
            if (c != 0) return c;
        }
        return a.SequenceCompareTo(b);
    }

    private static int CompareCollection(ColumnType keyType, ColumnType? valueType, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var na = BinaryPrimitives.ReadInt32BigEndian(a);
        var nb = BinaryPrimitives.ReadInt32BigEndian(b);
        int pa = 4, pb = 4;
        for (var i = 0; i < Math.Min(na, nb); i++)
        {
            var c = CompareItem(keyType, a, ref pa, b, ref pb);
            if (c != 0) return c;
            if (valueType is not null)
            {
                c = CompareItem(valueType, a, ref pa, b, ref pb);
                if (c != 0) return c;
            }
        }
        return na.CompareTo(nb);
    }

    private static int CompareVector(ColumnType type, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var ea = Values.VectorValues.Split(type, a.ToArray());
        var eb = Values.VectorValues.Split(type, b.ToArray());
        for (var i = 0; i < ea.Count; i++)
        {
            var c = Compare(type.Parameters[0], ea[i], eb[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareFields(ColumnType type, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int pa = 0, pb = 0;
        for (var i = 0; i < type.Parameters.Count; i++)
        {
            var ea = pa >= a.Length;
            var eb = pb >= b.Length;
            if (ea || eb) return ea == eb ? 0 : (ea ? -1 : 1);
            var c = CompareItem(type.Parameters[i], a, ref pa, b, ref pb);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareItem(ColumnType type, ReadOnlySpan<byte> a, ref int pa, ReadOnlySpan<byte> b, ref int pb)
    {
        var la = BinaryPrimitives.ReadInt32BigEndian(a.Slice(pa));
        var lb = BinaryPrimitives.ReadInt32BigEndian(b.Slice(pb));
        pa += 4;
        pb += 4;
        if (la < 0 || lb < 0)
        {
            if (la >= 0) pa += la;
            if (lb >= 0) pb += lb;
            return la < 0 ? (lb < 0 ? 0 : -1) : 1;
        }
        var c = Compare(type, a.Slice(pa, la), b.Slice(pb, lb));
        pa += la;
        pb += lb;
        return c;
    }
}
