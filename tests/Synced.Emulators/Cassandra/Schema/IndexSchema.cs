using System;
using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>
/// A secondary index of a table as system_schema.indexes shows it: a legacy index (kind COMPOSITES, options
/// {target}) or a custom one such as a storage-attached index (kind CUSTOM, options {class_name, target, ...}).
/// </summary>
internal sealed class IndexSchema
{
    public const string SaiClass = "org.apache.cassandra.index.sai.StorageAttachedIndex";

    public IndexSchema(string name, string column, IndexTargetKind target, string? className, IReadOnlyDictionary<string, string> userOptions)
    {
        Name = name;
        Column = column;
        Target = target;
        ClassName = className;
        var options = new Dictionary<string, string>(userOptions, StringComparer.Ordinal) { ["target"] = TargetText };
        if (className is not null) options["class_name"] = className;
        Options = options;
    }

    public string Name { get; }
    public string Column { get; }
    public IndexTargetKind Target { get; }
    /// <summary>The index class of a custom index; null for Cassandra's legacy secondary index.</summary>
    public string? ClassName { get; }
    public IReadOnlyDictionary<string, string> Options { get; }

    public bool IsSai => ClassName == SaiClass;
    public string Kind => ClassName is null ? "COMPOSITES" : "CUSTOM";

    /// <summary>The target as Cassandra writes it: the column, or keys(m), values(l), entries(m), full(f).</summary>
    public string TargetText
    {
        get
        {
            var column = ColumnType.QuoteIfNeeded(Column);
            return Target switch
            {
                IndexTargetKind.Keys => $"keys({column})",
                IndexTargetKind.Values => $"values({column})",
                IndexTargetKind.Entries => $"entries({column})",
                IndexTargetKind.Full => $"full({column})",
                _ => column,
            };
        }
    }
}

/// <summary>What of a column an index holds (IndexTarget.Type).</summary>
internal enum IndexTargetKind { Simple, Keys, Values, Entries, Full }
