using System;
using System.Collections.Generic;

namespace Synced.Cql.Protocol;

/// <summary>The body of a BATCH message (v4 section 4.1.7).</summary>
public sealed class BatchRequest
{
    // v4 BATCH flags share the bit values of the query flags they mirror.
    private const byte SerialConsistencyFlag = (byte)QueryFlags.WithSerialConsistency;
    private const byte DefaultTimestampFlag = (byte)QueryFlags.WithDefaultTimestamp;
    private const byte NamesForValuesFlag = (byte)QueryFlags.WithNamesForValues;

    public BatchType Type { get; set; } = BatchType.Logged;

    public IReadOnlyList<BatchEntry> Entries { get; set; } = Array.Empty<BatchEntry>();

    public Consistency Consistency { get; set; } = Consistency.One;

    public Consistency? SerialConsistency { get; set; }

    /// <summary>Default write timestamp in microseconds since the epoch.</summary>
    public long? DefaultTimestamp { get; set; }

    public void WriteTo(FrameWriter writer)
    {
        writer.WriteByte((byte)Type);
        writer.WriteShort(checked((ushort)Entries.Count));
        foreach (var entry in Entries)
        {
            entry.WriteTo(writer);
        }

        writer.WriteConsistency(Consistency);
        byte flags = 0;
        if (SerialConsistency.HasValue)
        {
            flags |= SerialConsistencyFlag;
        }

        if (DefaultTimestamp.HasValue)
        {
            flags |= DefaultTimestampFlag;
        }

        writer.WriteByte(flags);
        if (SerialConsistency.HasValue)
        {
            writer.WriteConsistency(SerialConsistency.Value);
        }

        if (DefaultTimestamp.HasValue)
        {
            writer.WriteLong(DefaultTimestamp.Value);
        }
    }

    public static BatchRequest Read(ref FrameReader reader)
    {
        var request = new BatchRequest { Type = (BatchType)reader.ReadByte() };
        if (request.Type > BatchType.Counter)
        {
            throw new CqlProtocolException($"Unknown batch type {(byte)request.Type}.");
        }

        int count = reader.ReadShort();
        var entries = new BatchEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = BatchEntry.Read(ref reader);
        }

        request.Entries = entries;
        request.Consistency = reader.ReadConsistency();
        var flags = reader.ReadByte();
        if ((flags & NamesForValuesFlag) != 0)
        {
            // Cassandra itself cannot honour names in batches (CASSANDRA-10246); refuse rather than misread.
            throw new CqlProtocolException("BATCH with named values is not supported.");
        }

        if ((flags & SerialConsistencyFlag) != 0)
        {
            request.SerialConsistency = reader.ReadConsistency();
        }

        if ((flags & DefaultTimestampFlag) != 0)
        {
            request.DefaultTimestamp = reader.ReadLong();
        }

        return request;
    }
}
