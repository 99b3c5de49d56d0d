using System;
using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// The &lt;query_parameters&gt; of QUERY and EXECUTE in protocol v4 (native_protocol_v4.spec section 4.1.4):
/// consistency, a [byte] of flags, then the optional values, page size, paging state, serial consistency and
/// default timestamp.
/// </summary>
internal sealed class QueryOptions
{
    public const byte ValuesFlag = 0x01;
    public const byte SkipMetadataFlag = 0x02;
    public const byte PageSizeFlag = 0x04;
    public const byte PagingStateFlag = 0x08;
    public const byte SerialConsistencyFlag = 0x10;
    public const byte DefaultTimestampFlag = 0x20;
    public const byte NamesForValuesFlag = 0x40;

    public ConsistencyLevel Consistency { get; private set; }
    /// <summary>Bound values; <see cref="Execution.StatementContext.Unset"/> marks "not set" (length -2).</summary>
    public IReadOnlyList<byte[]?> Values { get; private set; } = Array.Empty<byte[]?>();
    /// <summary>Names of the values when the client sent them (flag 0x40), else null.</summary>
    public IReadOnlyList<string>? ValueNames { get; private set; }
    public bool SkipMetadata { get; private set; }
    /// <summary>Requested page size; null when the client did not page.</summary>
    public int? PageSize { get; private set; }
    public byte[]? PagingState { get; private set; }
    public ConsistencyLevel? SerialConsistency { get; private set; }
    public long? DefaultTimestamp { get; private set; }

    public static QueryOptions Read(ref WireReader reader, byte[] unset)
    {
        var options = new QueryOptions { Consistency = reader.ReadConsistency() };
        var flags = reader.ReadByte();
        if ((flags & ValuesFlag) != 0)
        {
            var count = reader.ReadShort();
            var values = new byte[]?[count];
            var names = (flags & NamesForValuesFlag) != 0 ? new List<string>(count) : null;
            for (var i = 0; i < count; i++)
            {
                names?.Add(reader.ReadString());
                values[i] = reader.ReadValue(unset);
            }
            options.Values = values;
            options.ValueNames = names;
        }
        options.SkipMetadata = (flags & SkipMetadataFlag) != 0;
        if ((flags & PageSizeFlag) != 0) options.PageSize = reader.ReadInt();
        if ((flags & PagingStateFlag) != 0) options.PagingState = reader.ReadBytes();
        if ((flags & SerialConsistencyFlag) != 0) options.SerialConsistency = reader.ReadConsistency();
        if ((flags & DefaultTimestampFlag) != 0)
        {
            var timestamp = reader.ReadLong();
            // Cassandra's QueryOptions codec: Long.MIN_VALUE is reserved (it means "no timestamp").
            if (timestamp == long.MinValue)
                throw new ProtocolException($"Out of bound timestamp, must be in [{long.MinValue + 1}, {long.MaxValue}] (got {timestamp})");
            options.DefaultTimestamp = timestamp;
        }
        return options;
    }
}
