using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>CREATE [CUSTOM] INDEX [IF NOT EXISTS] [name] ON table (target) [USING 'class' [WITH OPTIONS = {...}]]</c>.</summary>
internal sealed class CreateIndexStatement : CqlStatement
{
    public bool Custom { get; set; }
    public bool IfNotExists { get; set; }
    public string? Name { get; set; }
    public QualifiedName Table { get; set; } = null!;
    public string Column { get; set; } = "";
    /// <summary>keys, values, entries or full when the target names one (<c>keys(m)</c>), else null.</summary>
    public string? TargetKind { get; set; }
    /// <summary>The index class of USING, as written.</summary>
    public string? Using { get; set; }
    public Dictionary<string, string> Options { get; } = new();
}
