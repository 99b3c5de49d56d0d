namespace Synced.Cql.Protocol;

/// <summary>The [int] kind at the start of a RESULT body (v4 section 4.2.5).</summary>
public enum ResultKind
{
    Void = 0x0001,
    Rows = 0x0002,
    SetKeyspace = 0x0003,
    Prepared = 0x0004,
    SchemaChange = 0x0005,
}
