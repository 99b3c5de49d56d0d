namespace Synced.Core.Elasticsearch;

/// <summary>Why connecting to Elasticsearch failed.</summary>
public enum ElasticsearchConnectionFailure
{
    /// <summary>No configured node answered (refused, timed out, DNS, TLS handshake).</summary>
    Unreachable,

    /// <summary>The server rejected the credentials (HTTP 401).</summary>
    BadCredentials,

    /// <summary>The credentials are valid but lack a privilege (HTTP 403).</summary>
    Forbidden,

    /// <summary>The server answered, but it is not Elasticsearch.</summary>
    NotElasticsearch,

    /// <summary>An Elasticsearch major version Synced does not support.</summary>
    UnsupportedVersion,

    /// <summary>Any other error answer to the version request.</summary>
    ServerError,
}
