using System;
using System.Collections.Generic;
using Synced.Cql.Types;

namespace Synced.Cql.Metadata;

/// <summary>
/// A secondary index of a table, as system_schema.indexes lists it: its name, kind (<c>COMPOSITES</c>, <c>KEYS</c>
/// or <c>CUSTOM</c>) and options (<c>target</c>, and <c>class_name</c> for a custom index such as a storage-attached
/// index).
/// </summary>
public sealed class IndexMetadata
{
    /// <summary>The class of Cassandra 5.0's storage-attached indexes (what <c>USING 'sai'</c> names).</summary>
    public const string StorageAttachedIndexClass = "org.apache.cassandra.index.sai.StorageAttachedIndex";

    /// <summary>Creates an index description.</summary>
    public IndexMetadata(string name, string kind, IReadOnlyDictionary<string, string> options)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind ?? throw new ArgumentNullException(nameof(kind));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The index name (unique in its keyspace).</summary>
    public string Name { get; }

    /// <summary><c>COMPOSITES</c> (a legacy index), <c>KEYS</c> (thrift-era) or <c>CUSTOM</c> (a class of its own, e.g. SAI).</summary>
    public string Kind { get; }

    /// <summary>The index options: <c>target</c>, <c>class_name</c> for custom indexes, and the index's own settings.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>What the index covers as Cassandra writes it: a column (quoted when it must be), or <c>keys(m)</c>, <c>values(c)</c>, <c>entries(m)</c>, <c>full(f)</c>.</summary>
    public string? Target => Options.TryGetValue("target", out var target) ? target : null;

    /// <summary>The custom index class, or null for a built-in index.</summary>
    public string? ClassName => Options.TryGetValue("class_name", out var name) ? name : null;

    /// <summary>
    /// The column the index covers when its target is the column itself (its values), unquoted; null for
    /// <c>keys(...)</c>, <c>entries(...)</c> and the other collection forms, and for an index without a target.
    /// </summary>
    public string? TargetColumn
    {
        get
        {
            var target = Target?.Trim();
            if (string.IsNullOrEmpty(target)) return null;
            if (target![0] == '"') return CqlIdentifier.Normalize(target);
            // keys(m), values(c), entries(m), full(f): an index over a collection's parts, not over the column's value.
            return target.IndexOf('(') >= 0 ? null : target;
        }
    }

    /// <summary>True for a storage-attached index (Cassandra 5.0+: <c>USING 'sai'</c> or <c>USING 'StorageAttachedIndex'</c>).</summary>
    public bool IsStorageAttached
        => string.Equals(Kind, "CUSTOM", StringComparison.OrdinalIgnoreCase)
           && ClassName is { } name
           && (string.Equals(name, StorageAttachedIndexClass, StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, "StorageAttachedIndex", StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, "sai", StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override string ToString() => $"{CqlIdentifier.Quote(Name)} ON ({Target}){(ClassName is null ? string.Empty : " USING '" + ClassName + "'")}";
}
