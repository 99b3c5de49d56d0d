using System.Linq;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>Maps the node's column types to the shared <see cref="CqlType"/>, which writes protocol [option]s.</summary>
internal static class TypeOptions
{
    public static CqlType ToCqlType(ColumnType type) => type.Kind switch
    {
        TypeKind.List => CqlType.List(ToCqlType(type.Parameters[0]), type.IsFrozen),
        TypeKind.Set => CqlType.Set(ToCqlType(type.Parameters[0]), type.IsFrozen),
        TypeKind.Map => CqlType.Map(ToCqlType(type.Parameters[0]), ToCqlType(type.Parameters[1]), type.IsFrozen),
        TypeKind.Tuple => CqlType.Tuple(type.Parameters.Select(ToCqlType).ToArray()),
        TypeKind.Udt => CqlType.Udt(type.Keyspace, type.UdtName!, type.FieldNames.Select((n, i) => new CqlUdtField(n, ToCqlType(type.Parameters[i]))).ToArray(), type.IsFrozen),
        _ => CqlType.FromNativeCode((CqlTypeCode)(ushort)type.Kind),
    };
}
