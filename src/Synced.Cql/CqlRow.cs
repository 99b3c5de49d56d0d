using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Synced.Cql.Types.Converters;

namespace Synced.Cql;

/// <summary>
/// A row of a page: typed access by column index or name. A view (page + row number), so it costs no allocation;
/// values are decoded when asked for. Column names are looked up in the page's shared metadata.
/// </summary>
public readonly struct CqlRow
{
    private readonly CqlRowSet _page;
    private readonly int _row;

    internal CqlRow(CqlRowSet page, int row)
    {
        _page = page;
        _row = row;
    }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _page.Metadata.ColumnCount;

    /// <summary>Column specs (shared by the page).</summary>
    public IReadOnlyList<ColumnSpec> Columns => _page.Columns;

    /// <summary>Index of a column by name; throws when there is none.</summary>
    public int IndexOf(string column)
    {
        var index = _page.Metadata.IndexOf(column);
        if (index < 0)
        {
            throw new KeyNotFoundException($"The result has no column '{column}'.");
        }

        return index;
    }

    /// <summary>True when the value is null.</summary>
    public bool IsNull(int column) => Length(column) < 0;

    public bool IsNull(string column) => IsNull(IndexOf(column));

    /// <summary>The value decoded to its default .NET type (see <see cref="TypeCodec"/>), or null.</summary>
    public object? GetValue(int column)
    {
        var length = Length(column);
        return length < 0 ? null : TypeCodec.Deserialize(TypeOf(column), new ReadOnlyMemory<byte>(_page.Body, Start(column), length));
    }

    public object? GetValue(string column) => GetValue(IndexOf(column));

    /// <summary>The value as <typeparamref name="T"/> (null/default for null); throws when the column holds another type.</summary>
    public T Get<T>(int column)
    {
        if (Length(column) < 0)
        {
            return default!;
        }

        if (typeof(T) == typeof(int)) { return (T)(object)GetInt32(column); }
        if (typeof(T) == typeof(long)) { return (T)(object)GetInt64(column); }
        if (typeof(T) == typeof(Guid)) { return (T)(object)GetGuid(column); }
        if (typeof(T) == typeof(double)) { return (T)(object)GetDouble(column); }
        if (typeof(T) == typeof(bool)) { return (T)(object)GetBoolean(column); }
        if (typeof(T) == typeof(DateTimeOffset)) { return (T)(object)GetDateTimeOffset(column); }
        var value = GetValue(column);
        if (value == null)
        {
            return default!;
        }

        if (value is T typed)
        {
            return typed;
        }

        if (typeof(T) == typeof(decimal) && value is CqlDecimal cqlDecimal)
        {
            return (T)(object)cqlDecimal.ToDecimal();
        }

        if (typeof(T) == typeof(DateTime) && value is CqlDate date)
        {
            return (T)(object)date.ToDateTime();
        }

        throw new InvalidCastException($"Column '{Name(column)}' ({TypeOf(column)}) holds {value.GetType().Name}, not {typeof(T).Name}.");
    }

    public T Get<T>(string column) => Get<T>(IndexOf(column));

    /// <summary>int, smallint or tinyint as an int; 0 for null.</summary>
    public int GetInt32(int column)
    {
        var length = Length(column);
        if (length < 0)
        {
            return 0;
        }

        switch (TypeOf(column).Code)
        {
            case CqlTypeCode.Int when length == 4: return BinaryPrimitives.ReadInt32BigEndian(Span(column, 4));
            case CqlTypeCode.Smallint when length == 2: return BinaryPrimitives.ReadInt16BigEndian(Span(column, 2));
            case CqlTypeCode.Tinyint when length == 1: return (sbyte)_page.Body[Start(column)];
            default: throw WrongType(column, "an int");
        }
    }

    public int GetInt32(string column) => GetInt32(IndexOf(column));

    /// <summary>bigint, counter, int, smallint or tinyint as a long; 0 for null.</summary>
    public long GetInt64(int column)
    {
        var length = Length(column);
        if (length < 0)
        {
            return 0;
        }

        var code = TypeOf(column).Code;
        if ((code == CqlTypeCode.Bigint || code == CqlTypeCode.Counter) && length == 8)
        {
            return BinaryPrimitives.ReadInt64BigEndian(Span(column, 8));
        }

        return GetInt32(column);
    }

    public long GetInt64(string column) => GetInt64(IndexOf(column));

    /// <summary>uuid or timeuuid; <see cref="Guid.Empty"/> for null.</summary>
    public Guid GetGuid(int column)
    {
        var length = Length(column);
        if (length < 0)
        {
            return Guid.Empty;
        }

        var code = TypeOf(column).Code;
        if ((code != CqlTypeCode.Uuid && code != CqlTypeCode.Timeuuid) || length != 16)
        {
            throw WrongType(column, "a uuid");
        }

        return UuidBytes.Read(Span(column, 16));
    }

    public Guid GetGuid(string column) => GetGuid(IndexOf(column));

    /// <summary>text/ascii; null for null.</summary>
    public string? GetString(int column)
    {
        var code = TypeOf(column).Code;
        if (code != CqlTypeCode.Varchar && code != CqlTypeCode.Ascii)
        {
            throw WrongType(column, "text");
        }

        return (string?)GetValue(column);
    }

    public string? GetString(string column) => GetString(IndexOf(column));

    public bool GetBoolean(int column) => Length(column) > 0 && TypeOf(column).Code == CqlTypeCode.Boolean
        ? _page.Body[Start(column)] != 0
        : IsNull(column) ? false : throw WrongType(column, "a boolean");

    public bool GetBoolean(string column) => GetBoolean(IndexOf(column));

    /// <summary>double or float as a double; 0 for null.</summary>
    public double GetDouble(int column)
    {
        var length = Length(column);
        if (length < 0)
        {
            return 0;
        }

        switch (TypeOf(column).Code)
        {
            case CqlTypeCode.Double when length == 8: return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Span(column, 8)));
            case CqlTypeCode.Float when length == 4: return NumberConverter.BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(Span(column, 4)));
            default: throw WrongType(column, "a double");
        }
    }

    public double GetDouble(string column) => GetDouble(IndexOf(column));

    /// <summary>timestamp; throws for null (use <see cref="Get{T}(int)"/> with a nullable type to allow null).</summary>
    public DateTimeOffset GetDateTimeOffset(int column)
    {
        var length = Length(column);
        if (TypeOf(column).Code != CqlTypeCode.Timestamp || length != 8)
        {
            throw length < 0 ? new InvalidCastException($"Column '{Name(column)}' is null.") : WrongType(column, "a timestamp");
        }

        return new CqlTimestamp(BinaryPrimitives.ReadInt64BigEndian(Span(column, 8))).ToDateTimeOffset();
    }

    public DateTimeOffset GetDateTimeOffset(string column) => GetDateTimeOffset(IndexOf(column));

    public BigInteger GetBigInteger(int column) => Get<BigInteger>(column);

    /// <summary>blob bytes (a copy); null for null.</summary>
    public byte[]? GetBytes(int column)
    {
        var length = Length(column);
        return length < 0 ? null : Span(column, length).ToArray();
    }

    public byte[]? GetBytes(string column) => GetBytes(IndexOf(column));

    /// <summary>The raw serialized bytes of a cell (no copy); empty for null.</summary>
    public ReadOnlyMemory<byte> GetRaw(int column)
    {
        var length = Length(column);
        return length < 0 ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(_page.Body, Start(column), length);
    }

    private ReadOnlySpan<byte> Span(int column, int length) => new(_page.Body, Start(column), length);

    private int Length(int column)
    {
        if ((uint)column >= (uint)ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The row has {ColumnCount} columns.");
        }

        return BinaryPrimitives.ReadInt32BigEndian(new ReadOnlySpan<byte>(_page.Body, _page.CellOffset(_row, column), 4));
    }

    private int Start(int column) => _page.CellOffset(_row, column) + 4;

    private CqlType TypeOf(int column) => _page.Columns[column].Type;

    private string Name(int column) => _page.Columns[column].Name;

    private InvalidCastException WrongType(int column, string wanted)
        => new($"Column '{Name(column)}' is {TypeOf(column)}, not {wanted}.");

    public override string ToString()
    {
        var parts = new string[ColumnCount];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Name(i) + "=" + (GetValue(i) ?? "null");
        }

        return "{" + string.Join(", ", parts) + "}";
    }
}
