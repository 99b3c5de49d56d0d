using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Rejects bound values whose length cannot be of the receiver's type, as Cassandra's validators do.</summary>
internal static class ValueValidator
{
    public static void Validate(byte[] value, ColumnType type, string receiver)
    {
        if (value.Length == 0) return; // empty values are accepted for every type
        var expected = type.FixedLength;
        if (expected >= 0 && value.Length != expected)
            throw new CqlInvalidException($"Expected {expected} or 0 byte value for {type.ToCqlText()} ({value.Length}) in {receiver}");
        if (type.Kind == TypeKind.Inet && value.Length != 4 && value.Length != 16)
            throw new CqlInvalidException($"Invalid length for inet address ({value.Length}) in {receiver}");
        if (type.Kind == TypeKind.Vector && expected < 0) Values.VectorValues.Split(type, value);
        if (type.Kind == TypeKind.Timeuuid && (value[6] >> 4) != 1)
            throw new CqlInvalidException($"Unsupported UUID type for {receiver}: timeuuid values must be version 1");
    }
}
