using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>CREATE of a keyspace or table that exists (error AlreadyExists).</summary>
public sealed class AlreadyExistsException : CqlServerException
{
    public AlreadyExistsException(string message, string keyspace, string table)
        : base(ErrorCode.AlreadyExists, message)
    {
        Keyspace = keyspace;
        Table = table;
    }

    public string Keyspace { get; }

    /// <summary>The table, or empty when the keyspace itself exists.</summary>
    public string Table { get; }

    private protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteString(Keyspace);
        writer.WriteString(Table);
    }
}
