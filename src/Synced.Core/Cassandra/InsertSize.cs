using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// About the bytes an INSERT's values make in a mutation, as Cassandra sizes a batch against batch_size_warn_threshold:
/// each cell's value plus its timestamp and flags, each row's clustering. An estimate that keeps batches under the threshold; never a limit on what can
/// be written.
/// </summary>
internal static class InsertSize
{
    /// <summary>The most bytes of values an insert batch holds: below Cassandra's batch_size_warn_threshold of 5 KiB.</summary>
    public const int BatchLimit = 4 * 1024;

    private const int CellOverhead = 12;
    private const int RowOverhead = 32;

    /// <summary>The estimated size of one row's values (unset values take no cell).</summary>
    public static int Of(object?[] values)
    {
        long size = RowOverhead;
        foreach (var value in values)
            if (value is not CqlUnset) size += CellOverhead + ValueBytes(value, 0);
        return (int)Math.Min(int.MaxValue, size);
    }

    private static long ValueBytes(object? value, int depth)
    {
        switch (value)
        {
            case null: return 0;
            case string text: return Encoding.UTF8.GetByteCount(text);
            case byte[] bytes: return bytes.Length;
            case bool or sbyte or byte: return 1;
            case short or ushort: return 2;
            case int or float: return 4;
            case long or double or DateTime or DateTimeOffset or TimeSpan: return 8;
            case Guid: return 16;
            case KeyValuePair<string, object?> field: return field.Key.Length + ValueBytes(field.Value, depth + 1);
            case KeyValuePair<object, object?> pair: return ValueBytes(pair.Key, depth + 1) + ValueBytes(pair.Value, depth + 1);
            case IDictionary dictionary when depth < 8:
            {
                long size = 4;
                foreach (DictionaryEntry pair in dictionary) size += 8 + ValueBytes(pair.Key, depth + 1) + ValueBytes(pair.Value, depth + 1);
                return size;
            }
            case IList list when depth < 8:
            {
                long size = 4;
                for (var i = 0; i < list.Count; i++) size += 4 + ValueBytes(list[i], depth + 1);
                return size;
            }
            case IEnumerable items when depth < 8:
            {
                long size = 4;
                foreach (var item in items) size += 4 + ValueBytes(item, depth + 1);
                return size;
            }
            default: return 32; // decimals, varints, dates, times, durations, addresses: small
        }
    }
}
