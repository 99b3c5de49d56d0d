using System;
using System.Collections.Generic;
using Synced.Cql.Types;

namespace Synced.Cql.Protocol;

/// <summary>
/// The options of a QUERY or EXECUTE, the &lt;query_parameters&gt; of the v4 spec (section 4.1.4; Cassandra calls
/// them QueryOptions): consistency, flags, bound values (optionally named), page size, paging state, serial
/// consistency and default timestamp. Written by clients, read by servers.
/// </summary>
internal sealed class QueryOptions
{
    public Consistency Consistency { get; set; } = Consistency.One;

    /// <summary>
    /// Bound values, or null for none. Each is a <see cref="RawValue"/>, null, <see cref="CqlUnset.Value"/>, or a .NET
    /// value serialized with the matching entry of <see cref="ValueTypes"/> (or a type inferred from the .NET type).
    /// When read from the wire every entry is a <see cref="RawValue"/>.
    /// </summary>
    public IReadOnlyList<object?>? Values { get; set; }

    /// <summary>CQL types of <see cref="Values"/> (e.g. from a prepared statement's metadata).</summary>
    public IReadOnlyList<CqlType>? ValueTypes { get; set; }

    /// <summary>Names of the values (sets the "names for values" flag); same count as <see cref="Values"/>.</summary>
    public IReadOnlyList<string>? ValueNames { get; set; }

    /// <summary>Ask the server not to repeat result metadata (EXECUTE of a statement whose metadata is known).</summary>
    public bool SkipMetadata { get; set; }

    /// <summary>Rows per page; null or ≤ 0 for no paging.</summary>
    public int? PageSize { get; set; }

    /// <summary>Paging state returned by the previous page.</summary>
    public byte[]? PagingState { get; set; }

    /// <summary>Consistency of the Paxos phase of conditional updates (SERIAL or LOCAL_SERIAL).</summary>
    public Consistency? SerialConsistency { get; set; }

    /// <summary>Default write timestamp in microseconds since the epoch (the USING TIMESTAMP of the whole statement).</summary>
    public long? DefaultTimestamp { get; set; }

    /// <summary>The flags these parameters need.</summary>
    public QueryFlags Flags
    {
        get
        {
            var flags = QueryFlags.None;
            if (Values != null)
            {
                flags |= QueryFlags.Values;
                if (ValueNames != null)
                {
                    flags |= QueryFlags.WithNamesForValues;
                }
            }

            if (SkipMetadata)
            {
                flags |= QueryFlags.SkipMetadata;
            }

            if (PageSize.HasValue && PageSize.Value > 0)
            {
                flags |= QueryFlags.PageSize;
            }

            if (PagingState != null)
            {
                flags |= QueryFlags.WithPagingState;
            }

            if (SerialConsistency.HasValue)
            {
                flags |= QueryFlags.WithSerialConsistency;
            }

            if (DefaultTimestamp.HasValue)
            {
                flags |= QueryFlags.WithDefaultTimestamp;
            }

            return flags;
        }
    }

    /// <summary>Writes the parameters.</summary>
    public void WriteTo(FrameWriter writer)
    {
        var flags = Flags;
        writer.WriteConsistency(Consistency);
        writer.WriteByte((byte)flags);
        if ((flags & QueryFlags.Values) != 0)
        {
            WriteValues(writer, Values!, ValueTypes, ValueNames);
        }

        if ((flags & QueryFlags.PageSize) != 0)
        {
            writer.WriteInt(PageSize!.Value);
        }

        if ((flags & QueryFlags.WithPagingState) != 0)
        {
            writer.WriteBytes(PagingState);
        }

        if ((flags & QueryFlags.WithSerialConsistency) != 0)
        {
            writer.WriteConsistency(SerialConsistency!.Value);
        }

        if ((flags & QueryFlags.WithDefaultTimestamp) != 0)
        {
            writer.WriteLong(DefaultTimestamp!.Value);
        }
    }

    /// <summary>Writes [short] n then n values (each preceded by its [string] name when names are given).</summary>
    public static void WriteValues(FrameWriter writer, IReadOnlyList<object?> values, IReadOnlyList<CqlType>? types, IReadOnlyList<string>? names)
    {
        if (values.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"At most {ushort.MaxValue} values can be bound; {values.Count} were given.");
        }

        if (names != null && names.Count != values.Count)
        {
            throw new ArgumentException($"{names.Count} names were given for {values.Count} values.");
        }

        if (types != null && types.Count != values.Count)
        {
            throw new ArgumentException($"The statement has {types.Count} bind markers; {values.Count} values were given.");
        }

        writer.WriteShort((ushort)values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (names != null)
            {
                writer.WriteString(names[i]);
            }

            WriteValue(writer, values[i], types?[i], i);
        }
    }

    private static void WriteValue(FrameWriter writer, object? value, CqlType? type, int index)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                return;
            case CqlUnset _:
                writer.WriteUnset();
                return;
            case RawValue raw:
                raw.WriteTo(writer);
                return;
        }

        var valueType = type ?? TypeInference.Infer(value)
            ?? throw new CqlCodecException($"Cannot tell the CQL type of bound value {index} ({value.GetType().FullName}); prepare the statement or give its type in SimpleStatement.ValueTypes.");
        try
        {
            writer.WriteValue(valueType, value);
        }
        catch (CqlCodecException ex)
        {
            throw new CqlCodecException($"Bound value {index}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads parameters; values come back as <see cref="RawValue"/>s.</summary>
    public static QueryOptions Read(ref FrameReader reader)
    {
        var parameters = new QueryOptions { Consistency = reader.ReadConsistency() };
        var flags = (QueryFlags)reader.ReadByte();
        if ((flags & QueryFlags.Values) != 0)
        {
            int count = reader.ReadShort();
            var values = new object?[count];
            var names = (flags & QueryFlags.WithNamesForValues) != 0 ? new string[count] : null;
            for (var i = 0; i < count; i++)
            {
                names?[i] = reader.ReadString();

                values[i] = RawValue.Read(ref reader);
            }

            parameters.Values = values;
            parameters.ValueNames = names;
        }

        parameters.SkipMetadata = (flags & QueryFlags.SkipMetadata) != 0;
        if ((flags & QueryFlags.PageSize) != 0)
        {
            parameters.PageSize = reader.ReadInt();
        }

        if ((flags & QueryFlags.WithPagingState) != 0)
        {
            parameters.PagingState = reader.ReadBytes();
        }

        if ((flags & QueryFlags.WithSerialConsistency) != 0)
        {
            parameters.SerialConsistency = reader.ReadConsistency();
        }

        if ((flags & QueryFlags.WithDefaultTimestamp) != 0)
        {
            parameters.DefaultTimestamp = reader.ReadLong();
        }

        return parameters;
    }
}
