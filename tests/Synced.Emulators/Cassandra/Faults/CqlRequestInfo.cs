
namespace Synced.Emulators.Cassandra;

/// <summary>What a fault predicate sees of a request.</summary>
public sealed class CqlRequestInfo
{
    internal CqlRequestInfo(CqlOpcode opcode, string? query, string? keyspace, long connectionId)
    {
        Opcode = opcode;
        Query = query;
        Keyspace = keyspace;
        ConnectionId = connectionId;
    }

    /// <summary>The request's opcode (QUERY, PREPARE, EXECUTE, BATCH, STARTUP...).</summary>
    public CqlOpcode Opcode { get; }

    /// <summary>CQL text: of a QUERY or PREPARE, the prepared text of an EXECUTE, the statements of a BATCH joined by "; ".</summary>
    public string? Query { get; }

    /// <summary>The connection's current keyspace.</summary>
    public string? Keyspace { get; }

    /// <summary>Distinguishes connections (1, 2, ... in accept order).</summary>
    public long ConnectionId { get; }
}
