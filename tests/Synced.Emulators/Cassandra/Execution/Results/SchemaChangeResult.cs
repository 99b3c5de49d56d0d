namespace Synced.Emulators.Cassandra.Execution;

/// <summary>A schema change (also sent as an EVENT to registered connections).</summary>
internal sealed class SchemaChangeResult : StatementResult
{
    public SchemaChangeResult(string change, string target, string keyspace, string? name)
    {
        Change = change;
        Target = target;
        Keyspace = keyspace;
        Name = name;
    }

    /// <summary>CREATED, UPDATED or DROPPED.</summary>
    public string Change { get; }
    /// <summary>KEYSPACE, TABLE or TYPE.</summary>
    public string Target { get; }
    public string Keyspace { get; }
    public string? Name { get; }
}
