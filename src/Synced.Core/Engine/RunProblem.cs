namespace Synced.Core.Engine;

/// <summary>One reason a run is incomplete, in a sentence that says what to do, and the table it concerns.</summary>
public sealed class RunProblem
{
    internal RunProblem(string message, TableResult? table = null)
    {
        Message = message;
        Table = table;
    }

    /// <summary>What is missing and what to do.</summary>
    public string Message { get; }

    /// <summary>The table and direction not synced (unmatched or failed); null for entries that failed.</summary>
    public TableResult? Table { get; }

    /// <inheritdoc />
    public override string ToString() => Message;
}
