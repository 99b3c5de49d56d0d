namespace Synced.Cql.Protocol;

/// <summary>
/// Rows sent without metadata (skip_metadata) do not match the result metadata the statement was prepared with:
/// the table changed since, and the node kept the statement. The session prepares it again and re-runs a read.
/// </summary>
public sealed class ResultMetadataChangedException : CqlProtocolException
{
    public ResultMetadataChangedException(string message)
        : base(message + " The table changed since the statement was prepared; prepare it again.")
    {
    }
}
