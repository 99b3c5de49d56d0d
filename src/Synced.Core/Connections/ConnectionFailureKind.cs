namespace Synced.Core.Connections;

/// <summary>Why a cluster could not be used.</summary>
public enum ConnectionFailureKind
{
    /// <summary>No node answered (refused, timed out, name not found, and for Elasticsearch a failed TLS handshake).</summary>
    Unreachable,

    /// <summary>The cluster refused the credentials, or requires credentials that were not given.</summary>
    BadCredentials,

    /// <summary>The credentials are valid but lack a privilege the connection needs.</summary>
    Forbidden,

    /// <summary>A TLS handshake or certificate check with Cassandra failed.</summary>
    Tls,

    /// <summary>The server answered but is not what was expected (e.g. not Elasticsearch).</summary>
    WrongServer,

    /// <summary>The server runs a version Synced does not support.</summary>
    UnsupportedVersion,

    /// <summary>The keyspace does not exist.</summary>
    KeyspaceNotFound,

    /// <summary>The index (or alias) does not exist.</summary>
    IndexNotFound,

    /// <summary>The cluster answered with an error of its own (starting, blocked, overloaded, ...).</summary>
    ServerError,
}
