using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>
/// BATCH (v4 section 4.1.7): its type, its statements (query texts or prepared ids, with their values),
/// consistency, serial consistency and default timestamp. Written by clients, read by servers.
/// </summary>
internal sealed class BatchRequest : CqlRequest
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

    /// <summary>What the batch is, for timeout and error messages (see <see cref="BatchStatement.Describe"/>).</summary>
    public string Description { get; set; } = "BATCH";

    public override Opcode Opcode => Opcode.Batch;

    public override string Describe() => Description;

    public override void WriteBody(FrameWriter writer)
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

    /// <summary>Reads a BATCH body; bound values come back as <see cref="RawValue"/>s.</summary>
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
