namespace Synced.Cql.Protocol;

/// <summary>Targets of SCHEMA_CHANGE results and events, as their wire strings.</summary>
public static class SchemaChangeTarget
{
    public const string Keyspace = "KEYSPACE";
    public const string Table = "TABLE";
    public const string Type = "TYPE";
    public const string Function = "FUNCTION";
    public const string Aggregate = "AGGREGATE";
}
