namespace Synced.Emulators.Cassandra.Execution;

/// <summary>The answer to PREPARE.</summary>
internal sealed class PreparedStatementResult : StatementResult
{
    public PreparedStatementResult(PreparedStatementInfo prepared) { Prepared = prepared; }
    public PreparedStatementInfo Prepared { get; }
}
