namespace Synced.Core.Cassandra;

/// <summary>Why connecting to Cassandra failed.</summary>
public enum CassandraConnectionFailure
{
    /// <summary>No contact point could be reached (refused, timed out, unknown host).</summary>
    Unreachable,

    /// <summary>The cluster rejected the user name or password, or requires credentials that were not given.</summary>
    BadCredentials,

    /// <summary>The TLS handshake failed (untrusted certificate, host name mismatch).</summary>
    Tls,

    /// <summary>The cluster answered, but the keyspace does not exist.</summary>
    KeyspaceMissing,
}
