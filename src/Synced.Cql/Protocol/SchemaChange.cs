using System;
using System.Collections.Generic;

namespace Synced.Cql.Protocol;

/// <summary>
/// A schema change, as carried by a SCHEMA_CHANGE result and a SCHEMA_CHANGE event: change type, target, keyspace
/// and, for tables/types/functions/aggregates, the object name (and argument types for functions/aggregates).
/// </summary>
public sealed class SchemaChange
{
    internal SchemaChange(string changeType, string target, string keyspace, string? name = null, IReadOnlyList<string>? argumentTypes = null)
    {
        ChangeType = changeType;
        Target = target;
        Keyspace = keyspace;
        Name = name;
        ArgumentTypes = argumentTypes;
    }

    /// <summary>CREATED, UPDATED or DROPPED (<see cref="SchemaChangeType"/>).</summary>
    public string ChangeType { get; }

    /// <summary>KEYSPACE, TABLE, TYPE, FUNCTION or AGGREGATE (<see cref="SchemaChangeTarget"/>).</summary>
    public string Target { get; }

    public string Keyspace { get; }

    /// <summary>Table, type, function or aggregate name; null for a keyspace change.</summary>
    public string? Name { get; }

    /// <summary>Argument types of a function or aggregate.</summary>
    public IReadOnlyList<string>? ArgumentTypes { get; }

    internal static SchemaChange Read(ref FrameReader reader)
    {
        var change = reader.ReadString();
        var target = reader.ReadString();
        var keyspace = reader.ReadString();
        switch (target)
        {
            case SchemaChangeTarget.Keyspace:
                return new SchemaChange(change, target, keyspace);
            case SchemaChangeTarget.Function:
            case SchemaChangeTarget.Aggregate:
            {
                var name = reader.ReadString();
                return new SchemaChange(change, target, keyspace, name, reader.ReadStringList());
            }

            default:
                return new SchemaChange(change, target, keyspace, reader.ReadString());
        }
    }

    internal void WriteTo(FrameWriter writer)
    {
        writer.WriteString(ChangeType);
        writer.WriteString(Target);
        writer.WriteString(Keyspace);
        if (Target == SchemaChangeTarget.Keyspace)
        {
            return;
        }

        writer.WriteString(Name ?? throw new InvalidOperationException($"A {Target} schema change needs a name."));
        if (Target == SchemaChangeTarget.Function || Target == SchemaChangeTarget.Aggregate)
        {
            writer.WriteStringList(ArgumentTypes ?? Array.Empty<string>());
        }
    }

    public override string ToString() => $"{ChangeType} {Target} {Keyspace}{(Name == null ? string.Empty : "." + Name)}";
}
