using System;
using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>A BATCH request body of protocol v4 (native_protocol_v4.spec section 4.1.7).</summary>
internal sealed class BatchMessage
{
    /// <summary>0 logged, 1 unlogged, 2 counter.</summary>
    public byte Type { get; private set; }
    public List<Entry> Entries { get; } = new();
    public ConsistencyLevel Consistency { get; private set; }
    public ConsistencyLevel? SerialConsistency { get; private set; }
    public long? DefaultTimestamp { get; private set; }

    /// <summary>One statement of the batch: CQL text (kind 0) or a prepared id (kind 1), with its values.</summary>
    public sealed class Entry
    {
        public string? Query { get; init; }
        public byte[]? PreparedId { get; init; }
        public IReadOnlyList<byte[]?> Values { get; init; } = Array.Empty<byte[]?>();
    }

    public static BatchMessage Read(ref WireReader reader, byte[] unset)
    {
        var batch = new BatchMessage { Type = reader.ReadByte() };
        if (batch.Type > 2) throw new ProtocolException($"Unknown batch type {batch.Type}");
        var count = reader.ReadShort();
        var entries = new List<(string? Query, byte[]? Id, List<byte[]?> Values)>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = reader.ReadByte();
            string? query = null;
            byte[]? id = null;
            if (kind == 0) query = reader.ReadLongString();
            else if (kind == 1) id = reader.ReadShortBytes();
            else throw new ProtocolException($"Invalid query kind in BATCH messages. Must be 0 or 1 but got {kind}");
            var n = reader.ReadShort();
            var values = new List<byte[]?>(n);
            for (var j = 0; j < n; j++) values.Add(reader.ReadValue(unset));
            entries.Add((query, id, values));
        }
        batch.Consistency = reader.ReadConsistency();
        var flags = reader.ReadByte();
        if ((flags & QueryOptions.NamesForValuesFlag) != 0)
            // Cassandra refuses it too: the spec says named values cannot work in BATCH (CASSANDRA-10246).
            throw new ProtocolException("Alias names for values are not supported for BATCH");
        if ((flags & QueryOptions.SerialConsistencyFlag) != 0) batch.SerialConsistency = reader.ReadConsistency();
        if ((flags & QueryOptions.DefaultTimestampFlag) != 0) batch.DefaultTimestamp = reader.ReadLong();
        foreach (var (query, id, values) in entries)
            batch.Entries.Add(new Entry { Query = query, PreparedId = id, Values = values });
        return batch;
    }
}
