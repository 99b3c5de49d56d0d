using System;

namespace Synced.Core.Cassandra;

/// <summary>The index on tmstmp of a table was not created; the message says why and what to do.</summary>
public sealed class IndexCreationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IndexCreationException(IndexCreationFailure failure, string table, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Table = table;
    }

    /// <summary>What kind of failure it was.</summary>
    public IndexCreationFailure Failure { get; }

    /// <summary>The table, as <c>keyspace.table</c>.</summary>
    public string Table { get; }
}
