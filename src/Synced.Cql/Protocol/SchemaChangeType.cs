namespace Synced.Cql.Protocol;

/// <summary>Change types of SCHEMA_CHANGE results and events, as their wire strings.</summary>
public static class SchemaChangeType
{
    public const string Created = "CREATED";
    public const string Updated = "UPDATED";
    public const string Dropped = "DROPPED";
}
