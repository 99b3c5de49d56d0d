using System;
using System.Buffers.Binary;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// The times: timestamp → <see cref="DateTimeOffset"/> (UTC; <see cref="CqlTimestamp"/> outside years 1..9999),
/// date → <see cref="CqlDate"/>, time → <see cref="CqlTime"/>, duration → <see cref="CqlDuration"/>. Writing also
/// takes <see cref="DateTime"/> (an unspecified kind is UTC), epoch milliseconds (long) for a timestamp,
/// nanoseconds (long) or a <see cref="TimeSpan"/> for a time, and a <see cref="TimeSpan"/> for a duration.
/// </summary>
internal sealed class TemporalConverter : ValueConverter
{
    public static readonly TemporalConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Timestamp:
                writer.WriteLong(ToUnixMilliseconds(type, value));
                return;
            case CqlTypeCode.Date:
                writer.WriteInt(unchecked((int)ToDate(type, value).Raw));
                return;
            case CqlTypeCode.Time:
                writer.WriteLong(ToTime(type, value).Nanoseconds);
                return;
            case CqlTypeCode.Duration:
            {
                var duration = value is CqlDuration d ? d
                    : value is TimeSpan span ? CqlDuration.FromTimeSpan(span)
                    : throw WrongType(type, value);
                var room = writer.GetSpan(3 * VInt.MaxSize);
                var size = VInt.WriteSigned(duration.Months, room);
                size += VInt.WriteSigned(duration.Days, room.Slice(size));
                size += VInt.WriteSigned(duration.Nanoseconds, room.Slice(size));
                writer.Advance(size);
                return;
            }

            default:
                throw new InvalidOperationException($"{type} is not a time type.");
        }
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        switch (type.Code)
        {
            case CqlTypeCode.Timestamp:
                Expect(type, span, 8);
                return new CqlTimestamp(BinaryPrimitives.ReadInt64BigEndian(span)).ToValue();
            case CqlTypeCode.Date:
                Expect(type, span, 4);
                return new CqlDate(BinaryPrimitives.ReadUInt32BigEndian(span));
            case CqlTypeCode.Time:
                Expect(type, span, 8);
                return new CqlTime(BinaryPrimitives.ReadInt64BigEndian(span));
            case CqlTypeCode.Duration:
                return ReadDuration(span);
            default:
                throw new InvalidOperationException($"{type} is not a time type.");
        }
    }

    private static CqlDuration ReadDuration(ReadOnlySpan<byte> span)
    {
        var offset = VInt.ReadSigned(span, out var months);
        offset += VInt.ReadSigned(span.Slice(offset), out var days);
        offset += VInt.ReadSigned(span.Slice(offset), out var nanos);
        if (offset != span.Length || months < int.MinValue || months > int.MaxValue || days < int.MinValue || days > int.MaxValue)
        {
            throw new CqlCodecException("A duration value is malformed (three vints: months, days, nanoseconds).");
        }

        try
        {
            return new CqlDuration((int)months, (int)days, nanos);
        }
        catch (ArgumentException ex)
        {
            throw new CqlCodecException(ex.Message, ex);
        }
    }

    private static long ToUnixMilliseconds(CqlType type, object value)
    {
        switch (value)
        {
            case DateTimeOffset offset: return CqlTimestamp.FromDateTimeOffset(offset).Milliseconds;
            case DateTime dateTime:
                // An unspecified kind is taken as UTC: database code rarely means "local" without saying so.
                return CqlTimestamp.FromDateTimeOffset(dateTime.Kind == DateTimeKind.Local
                    ? new DateTimeOffset(dateTime)
                    : new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc))).Milliseconds;
            case long ms: return ms;
            case CqlTimestamp timestamp: return timestamp.Milliseconds;
            default: throw WrongType(type, value);
        }
    }

    private static CqlDate ToDate(CqlType type, object value)
    {
        switch (value)
        {
            case CqlDate date: return date;
            case DateTime dateTime: return CqlDate.FromDateTime(dateTime);
            case DateTimeOffset offset: return CqlDate.FromDateTime(offset.UtcDateTime);
            default: throw WrongType(type, value);
        }
    }

    private static CqlTime ToTime(CqlType type, object value)
    {
        try
        {
            switch (value)
            {
                case CqlTime time: return time;
                case TimeSpan span: return CqlTime.FromTimeSpan(span);
                case long nanos: return new CqlTime(nanos);
                default: throw WrongType(type, value);
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CqlCodecException($"The value {value} is not a time of day: {ex.Message}", ex);
        }
    }
}
