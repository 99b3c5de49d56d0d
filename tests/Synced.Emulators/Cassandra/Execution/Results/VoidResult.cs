namespace Synced.Emulators.Cassandra.Execution;

/// <summary>A statement without rows (most writes).</summary>
internal sealed class VoidResult : StatementResult
{
    public static readonly VoidResult Instance = new();
}
