namespace Synced.Core.Model;

/// <summary>A column (Cassandra) or mapped field (Elasticsearch) of a table.</summary>
public sealed class ColumnInfo
{
    /// <summary>Creates a column description.</summary>
    /// <param name="name">Column / field name.</param>
    /// <param name="type">The store's own type name: a CQL type such as <c>map&lt;text, int&gt;</c>, or an Elasticsearch field type such as <c>keyword</c>.</param>
    public ColumnInfo(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>Column / field name.</summary>
    public string Name { get; }

    /// <summary>The store's own type name (CQL type text, or Elasticsearch field type).</summary>
    public string Type { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type}";
}
