namespace Synced.PowerShell.Parameters;

/// <summary>
/// The engine's value of each parameter enum. Every member of those enums is defined as the engine's member of
/// the same name, so the conversion is a cast that cannot reach a value the engine lacks.
/// </summary>
internal static class ParameterValues
{
    public static Core.Model.SyncDirection ToEngine(this SyncDirection value) => (Core.Model.SyncDirection)value;

    public static Core.Elasticsearch.ConflictMode ToEngine(this ConflictMode value) => (Core.Elasticsearch.ConflictMode)value;

    public static Core.Elasticsearch.IndexLayout ToEngine(this IndexLayout value) => (Core.Elasticsearch.IndexLayout)value;

    public static Cql.Protocol.Consistency ToEngine(this Consistency value) => (Cql.Protocol.Consistency)value;

    public static Cql.Protocol.Consistency? ToEngine(this Consistency? value) => value is { } level ? level.ToEngine() : null;

    public static Core.Comparison.DifferenceKind ToEngine(this DifferenceKind value) => (Core.Comparison.DifferenceKind)value;
}
