namespace Synced.Cql.Protocol;

/// <summary>The [byte] kind of each statement inside a BATCH message.</summary>
internal enum BatchStatementKind : byte
{
    /// <summary>Followed by the query text as a [long string].</summary>
    Query = 0,
    /// <summary>Followed by a prepared id as [short bytes].</summary>
    Prepared = 1,
}
