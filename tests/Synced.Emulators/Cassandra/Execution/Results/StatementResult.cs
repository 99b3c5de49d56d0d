namespace Synced.Emulators.Cassandra.Execution;

/// <summary>What a statement produced; the protocol layer turns it into a RESULT frame.</summary>
internal abstract class StatementResult
{
}
