using System;

namespace Synced.Core.Elasticsearch;

/// <summary>Connecting to Elasticsearch failed; the message names the nodes and what to check, never credentials.</summary>
public sealed class ElasticsearchConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ElasticsearchConnectionException(ElasticsearchConnectionFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure it was.</summary>
    public ElasticsearchConnectionFailure Failure { get; }
}
