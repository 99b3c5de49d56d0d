using System;
using Synced.Cql.Types;

namespace Synced.Core.Model;

/// <summary>
/// A column (Cassandra) or mapped field (Elasticsearch) of a table, with its type as its store defines it: a
/// <see cref="Cql.Types.CqlType"/> for a column, an <see cref="ElasticsearchFieldType"/> for a field.
/// </summary>
public sealed class ColumnInfo
{
    /// <summary>A Cassandra column.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="cqlType">Its CQL type, e.g. <c>map&lt;text, int&gt;</c>.</param>
    public ColumnInfo(string name, CqlType cqlType)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        CqlType = cqlType ?? throw new ArgumentNullException(nameof(cqlType));
    }

    /// <summary>A mapped Elasticsearch field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="fieldType">Its field type, e.g. <c>keyword</c>.</param>
    public ColumnInfo(string name, ElasticsearchFieldType fieldType)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        FieldType = fieldType ?? throw new ArgumentNullException(nameof(fieldType));
    }

    /// <summary>Column / field name.</summary>
    public string Name { get; }

    /// <summary>The CQL type of a Cassandra column; null for an Elasticsearch field.</summary>
    public CqlType? CqlType { get; }

    /// <summary>The type of an Elasticsearch field; null for a Cassandra column.</summary>
    public ElasticsearchFieldType? FieldType { get; }

    /// <summary>The type as its store writes it (CQL type text, or the field type's name), for messages and display.</summary>
    public string TypeName => CqlType?.ToString() ?? FieldType!.Name;

    /// <inheritdoc />
    public override string ToString() => $"{Name} {TypeName}";
}
