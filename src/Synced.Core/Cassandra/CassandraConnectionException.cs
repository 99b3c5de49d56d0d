using System;

namespace Synced.Core.Cassandra;

/// <summary>Connecting to Cassandra failed; the message names the nodes and what to check, never a password.</summary>
public sealed class CassandraConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CassandraConnectionException(CassandraConnectionFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure it was.</summary>
    public CassandraConnectionFailure Failure { get; }
}
