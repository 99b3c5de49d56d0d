namespace Synced.Cql.Protocol;

/// <summary>Event type names used by REGISTER and EVENT.</summary>
public static class EventType
{
    public const string TopologyChange = "TOPOLOGY_CHANGE";
    public const string StatusChange = "STATUS_CHANGE";
    public const string SchemaChange = "SCHEMA_CHANGE";
}
