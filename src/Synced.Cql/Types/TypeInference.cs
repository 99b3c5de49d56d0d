using System;
using System.Collections;
using System.Net;
using System.Numerics;

namespace Synced.Cql.Types;

/// <summary>
/// The CQL type a .NET value is written as when nothing better is known (values of an unprepared statement):
/// string → text, long → bigint, int → int, Guid → uuid (timeuuid when version 1 is not assumed), and so on.
/// </summary>
internal static class TypeInference
{
    /// <summary>The natural CQL type of a value, or null when there is none (e.g. empty or mixed collections).</summary>
    public static CqlType? Infer(object value)
    {
        switch (value)
        {
            case string _: return CqlType.Text;
            case int _: return CqlType.Int;
            case long _: return CqlType.Bigint;
            case short _: return CqlType.Smallint;
            case sbyte _: return CqlType.Tinyint;
            case bool _: return CqlType.Boolean;
            case double _: return CqlType.Double;
            case float _: return CqlType.Float;
            case decimal _:
            case CqlDecimal _: return CqlType.Decimal;
            case BigInteger _: return CqlType.Varint;
            case Guid g: return TimeUuid.GetVersion(g) == 1 ? CqlType.Timeuuid : CqlType.Uuid;
            case DateTimeOffset _:
            case DateTime _: return CqlType.Timestamp;
            case CqlDate _: return CqlType.Date;
            case CqlTime _: return CqlType.Time;
            case CqlDuration _: return CqlType.Duration;
            case IPAddress _: return CqlType.Inet;
            case byte[] _: return CqlType.Blob;
            case CqlUdtValue udt: return udt.Type;
            case IDictionary dictionary:
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key == null ? null : Infer(entry.Key);
                    var item = entry.Value == null ? null : Infer(entry.Value);
                    return key == null || item == null ? null : CqlType.Map(key, item);
                }

                return null;
            }

            case IList list when !(value is Array array && array.Rank != 1):
            {
                foreach (var item in list)
                {
                    var element = item == null ? null : Infer(item);
                    return element == null ? null : CqlType.List(element);
                }

                return null;
            }

            default: return null;
        }
    }
}
