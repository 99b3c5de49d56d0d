using System;

namespace Synced.Core.Elasticsearch;

/// <summary>An Elasticsearch request of the store failed as a whole (not a single entry of a batch).</summary>
public sealed class ElasticsearchStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ElasticsearchStoreException(string message, int? statusCode = null, string? errorType = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    /// <summary>HTTP status of the answer; null when none came.</summary>
    public int? StatusCode { get; }

    /// <summary>Elasticsearch's error type, e.g. <c>index_not_found_exception</c>; null when the answer had none.</summary>
    public string? ErrorType { get; }
}
