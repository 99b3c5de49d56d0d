using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>PREPARE of a query text.</summary>
internal sealed class PrepareRequest : CqlRequest
{
    public PrepareRequest(string query) => Query = query;

    public string Query { get; }

    public override Opcode Opcode => Opcode.Prepare;

    public override void WriteBody(FrameWriter writer) => writer.WriteLongString(Query);

    public override string Describe() => "PREPARE " + Query;
}
