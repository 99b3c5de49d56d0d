using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>EXECUTE: the id of a prepared statement and its options; named by the prepared query text.</summary>
internal sealed class ExecuteRequest : CqlRequest
{
    public ExecuteRequest(byte[] id, string query, QueryOptions options)
    {
        Id = id;
        Query = query;
        Options = options;
    }

    public byte[] Id { get; }

    public string Query { get; }

    public QueryOptions Options { get; }

    public override Opcode Opcode => Opcode.Execute;

    public override void WriteBody(FrameWriter writer)
    {
        writer.WriteShortBytes(Id);
        Options.WriteTo(writer);
    }

    public override string Describe() => "EXECUTE " + Query;
}
