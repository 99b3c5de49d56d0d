using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql;

/// <summary>How <see cref="CqlSession"/> connects to a cluster and runs statements.</summary>
public sealed class CqlClusterOptions
{
    /// <summary>Default CQL native port.</summary>
    public const int DefaultPort = 9042;

    /// <summary>Nodes to connect to first: <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>. At least one.</summary>
    public IList<string> ContactPoints { get; } = new List<string>();

    /// <summary>Port for contact points and discovered peers that give none.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Credentials for PasswordAuthenticator; null when the cluster does not require authentication.</summary>
    public CqlCredentials? Credentials { get; set; }

    /// <summary>TLS settings; null for plain TCP.</summary>
    public CqlTlsOptions? Tls { get; set; }

    /// <summary>Keyspace every connection switches to (USE) when opened; null for none.</summary>
    public string? Keyspace { get; set; }

    /// <summary>Data center whose nodes are preferred; null uses the data center of the first contact point reached.</summary>
    public string? LocalDataCenter { get; set; }

    /// <summary>Connections per node (requests are multiplexed on each).</summary>
    public int ConnectionsPerHost { get; set; } = 2;

    /// <summary>Requests in flight per connection before callers wait (at most 32768 stream ids).</summary>
    public int MaxRequestsPerConnection { get; set; } = 2048;

    /// <summary>
    /// Largest request body sent, in bytes; a larger request fails alone with <see cref="Errors.CqlRequestTooLargeException"/>
    /// before it is sent. Default 16 MiB: Cassandra 4.0+'s native_transport_max_frame_size, above which a node
    /// closes the connection (and every request on it). Raise it only for clusters configured with a larger one.
    /// </summary>
    public int MaxRequestSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Time to open a TCP connection and finish the handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a request waits for its answer (per attempt).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>An idle connection sends OPTIONS this often to detect dead peers; zero disables heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay before reconnecting to a node that went down; doubled each failure.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest delay between reconnection attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a statement that changes the schema, how long to wait for every live node to report the same schema
    /// version before returning (as the DataStax drivers do); <see cref="CqlResult.SchemaInAgreement"/> says whether
    /// they did. Zero returns at once.
    /// </summary>
    public TimeSpan SchemaAgreementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between two checks of the nodes' schema versions while waiting for agreement.</summary>
    public TimeSpan SchemaAgreementInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Consistency of statements that set none.</summary>
    public Consistency DefaultConsistency { get; set; } = Consistency.LocalOne;

    /// <summary>Serial consistency of conditional statements that set none.</summary>
    public Consistency DefaultSerialConsistency { get; set; } = Consistency.Serial;

    /// <summary>Rows per page of statements that set no page size.</summary>
    public int DefaultPageSize { get; set; } = 5000;

    /// <summary>Retries of idempotent statements and reads; see <see cref="CqlRetryPolicy"/>.</summary>
    public CqlRetryPolicy RetryPolicy { get; set; } = new CqlRetryPolicy();

    /// <summary>Read nodes from system.peers / system.peers_v2 (off: use only the contact points).</summary>
    public bool DiscoverPeers { get; set; } = true;

    /// <summary>
    /// Called on a pool thread with each EVENT the cluster pushes (schema, topology, status changes). Exceptions it
    /// throws are written to <see cref="System.Diagnostics.Trace"/>, as there is no caller to return them to.
    /// </summary>
    public Action<ServerEvent>? OnEvent { get; set; }

    internal CqlClusterOptions Validate()
    {
        if (ContactPoints.Count == 0)
        {
            throw new ArgumentException("Give at least one contact point (host or host:port).", nameof(ContactPoints));
        }

        if (Port <= 0 || Port > 65535)
        {
            throw new ArgumentException($"Port {Port} is not a TCP port.", nameof(Port));
        }

        if (ConnectionsPerHost < 1 || MaxRequestsPerConnection < 1 || MaxRequestsPerConnection > 32768)
        {
            throw new ArgumentException("ConnectionsPerHost must be at least 1 and MaxRequestsPerConnection 1 to 32768.");
        }

        if (MaxRequestSize < 1024 || MaxRequestSize > Protocol.FrameHeader.MaxBodyLength)
        {
            throw new ArgumentException($"MaxRequestSize must be 1024 to {Protocol.FrameHeader.MaxBodyLength} bytes; it is {MaxRequestSize}.", nameof(MaxRequestSize));
        }

        if (SchemaAgreementTimeout < TimeSpan.Zero || SchemaAgreementInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SchemaAgreementTimeout must not be negative and SchemaAgreementInterval must be positive.");
        }

        if (RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts must be positive.");
        }

        if (Tls?.CaCertificateFile != null && !System.IO.File.Exists(Tls.CaCertificateFile))
        {
            throw new System.IO.FileNotFoundException($"The CA certificate file {Tls.CaCertificateFile} does not exist.", Tls.CaCertificateFile);
        }

        return this;
    }
}
