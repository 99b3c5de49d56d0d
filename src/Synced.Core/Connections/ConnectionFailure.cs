namespace Synced.Core.Connections;

/// <summary>Why a cluster could not be used.</summary>
public enum ConnectionFailure
{
    /// <summary>No node answered (refused, timed out, name not found).</summary>
    Unreachable,

    /// <summary>The cluster refused the credentials.</summary>
    BadCredentials,

    /// <summary>A TLS handshake or certificate check failed.</summary>
    Tls,

    /// <summary>The server answered but is not what was expected (e.g. not Elasticsearch).</summary>
    WrongServer,

    /// <summary>The keyspace does not exist.</summary>
    KeyspaceNotFound,

    /// <summary>The index (or alias) does not exist.</summary>
    IndexNotFound,

    /// <summary>Anything else the cluster answered with.</summary>
    Other,
}
