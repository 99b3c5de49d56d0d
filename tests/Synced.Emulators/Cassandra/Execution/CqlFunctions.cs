using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>The native scalar functions of CQL the node implements (now, uuid, min/maxTimeuuid, toTimestamp, ...).</summary>
internal static class CqlFunctions
{
    private const long MillisPerDay = 86_400_000L;

    /// <summary>Types the arguments of <paramref name="name"/> are bound as (first accepted type for polymorphic ones).</summary>
    public static ColumnType[] ArgumentTypes(string name, int count)
    {
        ColumnType[] Of(params ColumnType[] t) => t;
        switch (name)
        {
            case "now": case "uuid": case "currenttimeuuid": case "currenttimestamp": case "currentdate": case "currenttime":
                return Of();
            case "mintimeuuid": case "maxtimeuuid":
                return Of(ColumnType.Timestamp);
            case "totimestamp": case "todate": case "tounixtimestamp": case "dateof": case "unixtimestampof":
                return Of(ColumnType.Timeuuid);
        }
        if (name.StartsWith("blobas", StringComparison.Ordinal)) return Of(ColumnType.Blob);
        if (name.EndsWith("asblob", StringComparison.Ordinal) && ColumnType.TryNative(name.Substring(0, name.Length - 6), out var from)) return Of(from);
        throw new CqlInvalidException($"Unknown function '{name}'");
    }

    public static ColumnType ReturnType(string name, IReadOnlyList<ColumnType> argTypes)
    {
        switch (name)
        {
            case "now": case "currenttimeuuid": case "mintimeuuid": case "maxtimeuuid": return ColumnType.Timeuuid;
            case "uuid": return ColumnType.Uuid;
            case "currenttimestamp": case "totimestamp": case "dateof": return ColumnType.Timestamp;
            case "currentdate": case "todate": return ColumnType.Native(TypeKind.Date);
            case "currenttime": return ColumnType.Native(TypeKind.Time);
            case "tounixtimestamp": case "unixtimestampof": return ColumnType.Bigint;
        }
        if (name.StartsWith("blobas", StringComparison.Ordinal) && ColumnType.TryNative(name.Substring(6), out var to)) return to;
        if (name.EndsWith("asblob", StringComparison.Ordinal)) return ColumnType.Blob;
        throw new CqlInvalidException($"Unknown function '{name}'");
    }

    public static byte[]? Apply(string name, IReadOnlyList<byte[]?> args, IReadOnlyList<ColumnType> argTypes)
    {
        var expected = ArgumentTypes(name, args.Count).Length;
        if (args.Count != expected)
            throw new CqlInvalidException($"Invalid number of arguments in call to function system.{name}: {expected} required but {args.Count} provided");
        switch (name)
        {
            case "now": case "currenttimeuuid": return TimeUuids.Now();
            case "uuid": return TimeUuids.RandomUuid();
            case "currenttimestamp": return LiteralCodec.Int64(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            case "currentdate": return DateOf(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            case "currenttime": return LiteralCodec.Int64((DateTime.UtcNow.TimeOfDay.Ticks) * 100);
        }
        var arg = args[0];
        if (arg is null) return null;
        var argType = argTypes[0];
        switch (name)
        {
            case "mintimeuuid": return TimeUuids.Min(BinaryPrimitives.ReadInt64BigEndian(arg));
            case "maxtimeuuid": return TimeUuids.Max(BinaryPrimitives.ReadInt64BigEndian(arg));
            case "totimestamp": case "dateof": return LiteralCodec.Int64(Millis(arg, argType));
            case "tounixtimestamp": case "unixtimestampof": return LiteralCodec.Int64(Millis(arg, argType));
            case "todate": return DateOf(Millis(arg, argType));
        }
        // typeAsBlob / blobAsType keep the bytes and change the type.
        return arg;
    }

    private static long Millis(byte[] value, ColumnType type) => type.Kind switch
    {
        TypeKind.Timeuuid => TimeUuids.UnixMillis(value),
        TypeKind.Timestamp => BinaryPrimitives.ReadInt64BigEndian(value),
        TypeKind.Date => ((long)BinaryPrimitives.ReadUInt32BigEndian(value) - (1L << 31)) * MillisPerDay,
        _ => throw new CqlInvalidException($"Type error: cannot convert a value of type {type.ToCqlText()} to a time"),
    };

    private static byte[] DateOf(long millis)
    {
        var days = (long)Math.Floor(millis / (double)MillisPerDay);
        return LiteralCodec.Int32(unchecked((int)(uint)(days + (1L << 31))));
    }

    /// <summary>Accepts a polymorphic time function's argument type (timeuuid, timestamp or date) or reports Cassandra's error.</summary>
    public static void CheckArgument(string name, ColumnType actual)
    {
        if (name is "totimestamp" or "todate" or "tounixtimestamp")
        {
            if (actual.Kind is TypeKind.Timeuuid or TypeKind.Timestamp or TypeKind.Date) return;
            throw new CqlInvalidException($"Type error: {actual.ToCqlText()} cannot be passed as argument 0 of function system.{name}");
        }
    }
}
