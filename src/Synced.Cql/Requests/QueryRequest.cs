using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>QUERY: a CQL text and its options.</summary>
internal sealed class QueryRequest : CqlRequest
{
    public QueryRequest(string query, QueryOptions options)
    {
        Query = query;
        Options = options;
    }

    public string Query { get; }

    public QueryOptions Options { get; }

    public override Opcode Opcode => Opcode.Query;

    public override void WriteBody(FrameWriter writer)
    {
        writer.WriteLongString(Query);
        Options.WriteTo(writer);
    }

    public override string Describe() => Query;
}
