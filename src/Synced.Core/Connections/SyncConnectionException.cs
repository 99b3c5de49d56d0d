using System;

namespace Synced.Core.Connections;

/// <summary>One of the clusters cannot be used; raised before anything is written.</summary>
public sealed class SyncConnectionException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="side">Cassandra or Elasticsearch.</param>
    /// <param name="failure">What went wrong.</param>
    /// <param name="message">What, where, and what to do; never a credential.</param>
    /// <param name="inner">The underlying error.</param>
    public SyncConnectionException(string side, ConnectionFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Side = side;
        Failure = failure;
    }

    /// <summary>Cassandra or Elasticsearch.</summary>
    public string Side { get; }

    /// <summary>What went wrong.</summary>
    public ConnectionFailure Failure { get; }
}
