namespace Synced.Emulators.Cassandra.Execution;

/// <summary>The answer to USE.</summary>
internal sealed class SetKeyspaceResult : StatementResult
{
    public SetKeyspaceResult(string keyspace) { Keyspace = keyspace; }
    public string Keyspace { get; }
}
