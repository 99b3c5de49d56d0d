namespace Synced.Emulators.Cassandra.Execution;

/// <summary>What decides whether a query is valid besides its text and table: the guardrails and the Cassandra release.</summary>
internal sealed record QueryRules(bool AllowFilteringEnabled, bool Cassandra5)
{
    /// <summary>Keyspaces guardrails leave alone (SchemaConstants.isSystemKeyspace and the virtual ones).</summary>
    public static bool IsSystemKeyspace(string keyspace) => keyspace is "system" or "system_schema" or "system_traces" or "system_auth"
        or "system_distributed" or "system_views" or "system_virtual_schema";
}
