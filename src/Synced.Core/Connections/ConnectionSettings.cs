using System;
using System.Collections.Generic;
using System.Net;
using Synced.Core.Checkpoints;
using Synced.Core.Elasticsearch;
using Synced.Cql.Protocol;

namespace Synced.Core.Connections;

/// <summary>
/// How to reach both clusters: what the cmdlets' connection parameters say. Credentials live here only in
/// memory; they never reach a checkpoint, a log line or an error message.
/// </summary>
public sealed class ConnectionSettings
{
    /// <summary>Cassandra contact points (<c>host</c> or <c>host:port</c>); localhost when empty.</summary>
    public IList<string> CassandraHosts { get; } = new List<string>();

    /// <summary>Port of contact points given without one.</summary>
    public int CassandraPort { get; set; } = ConfigurationDefaults.CassandraPort;

    /// <summary>PasswordAuthenticator credentials, or null.</summary>
    public NetworkCredential? CassandraCredential { get; set; }

    /// <summary>Connect to Cassandra over TLS.</summary>
    public bool CassandraTls { get; set; }

    /// <summary>A PEM or DER file of the CA that signed the Cassandra nodes' certificates (implies TLS), or null for the system store.</summary>
    public string? CassandraCertificateAuthorityPath { get; set; }

    /// <summary>A client certificate for Cassandra nodes that require one (implies TLS), or null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? CassandraClientCertificate { get; set; }

    /// <summary>A PEM or DER file of the CA that signed the Elasticsearch nodes' certificates, or null for the system store.</summary>
    public string? ElasticsearchCertificateAuthorityPath { get; set; }

    /// <summary>The SHA-256 fingerprint of the Elasticsearch node certificate to trust (hex), or null.</summary>
    public string? ElasticsearchCertificateFingerprint { get; set; }

    /// <summary>True when any Cassandra TLS setting is given.</summary>
    public bool UsesCassandraTls => CassandraTls || CassandraCertificateAuthorityPath is not null || CassandraClientCertificate is not null;

    /// <summary>The Cassandra TLS options, or null for a plain connection.</summary>
    public Synced.Cql.CqlTlsOptions? CassandraTlsOptions => UsesCassandraTls
        ? new Synced.Cql.CqlTlsOptions { CaCertificateFile = CassandraCertificateAuthorityPath, ClientCertificate = CassandraClientCertificate }
        : null;

    /// <summary>The local data center for DC-aware routing, or null to take the first contact point's.</summary>
    public string? CassandraDataCenter { get; set; }

    /// <summary>Consistency of reads and writes (-Consistency), unless the next two say otherwise.</summary>
    public Consistency Consistency { get; set; } = Consistency.LocalQuorum;

    /// <summary>Consistency of Cassandra reads (-ReadConsistency); null takes <see cref="Consistency"/>.</summary>
    public Consistency? ReadConsistency { get; set; }

    /// <summary>Consistency of Cassandra writes (-WriteConsistency); null takes <see cref="Consistency"/>.</summary>
    public Consistency? WriteConsistency { get; set; }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (naming the parameter and what to give instead) when the read or
    /// write level in effect is one Cassandra refuses for that use: ANY for reads, SERIAL / LOCAL_SERIAL for writes.
    /// </summary>
    public void ValidateConsistency()
    {
        var read = ReadConsistency ?? Consistency;
        if (Synced.Core.Cassandra.ConsistencyRules.WhyNotForReads(read) is { } readProblem)
            throw new ArgumentException(ReadConsistency is null
                ? $"-Consistency {read} cannot serve Cassandra reads: {readProblem}. Give another -Consistency, or add -ReadConsistency (e.g. LocalQuorum) to keep {read} for writes only."
                : $"-ReadConsistency {read} cannot be used: {readProblem}. Give a read level such as LocalQuorum.",
                ReadConsistency is null ? nameof(Consistency) : nameof(ReadConsistency));
        var write = WriteConsistency ?? Consistency;
        if (Synced.Core.Cassandra.ConsistencyRules.WhyNotForWrites(write) is { } writeProblem)
            throw new ArgumentException(WriteConsistency is null
                ? $"-Consistency {write} cannot serve Cassandra writes: {writeProblem}. Give another -Consistency, or add -WriteConsistency (e.g. LocalQuorum) to keep {write} for reads only."
                : $"-WriteConsistency {write} cannot be used: {writeProblem}. Give a write level such as LocalQuorum.",
                WriteConsistency is null ? nameof(Consistency) : nameof(WriteConsistency));
    }

    /// <summary>Receives the warnings Cassandra nodes attach to the store's requests (e.g. a run's observer), or null.</summary>
    public Action<string>? OnCassandraWarning { get; set; }

    /// <summary>Elasticsearch URIs; http://localhost:9200 when empty.</summary>
    public IList<Uri> ElasticsearchUris { get; } = new List<Uri>();

    /// <summary>Basic-auth credentials, or null.</summary>
    public NetworkCredential? ElasticsearchCredential { get; set; }

    /// <summary>An API key (the base64 "id:key" form or the key alone), or null.</summary>
    public string? ElasticsearchApiKey { get; set; }

    /// <summary>How tables map to indices.</summary>
    public IndexLayout IndexLayout { get; set; } = IndexLayout.PerTable;

    /// <summary>The keyword field that tells tables apart in the SingleIndex layout.</summary>
    public string DiscriminatorField { get; set; } = "table";

    /// <summary>How writes into Elasticsearch guard against older versions.</summary>
    public ConflictMode ConflictMode { get; set; } = ConflictMode.Compare;

    /// <summary>The default of <see cref="ConnectTimeout"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The default of <see cref="RequestTimeout"/>: 60 s, room for a large bulk or a slow scan page on a busy
    /// cluster (Cassandra's own server-side timeouts, 2 to 10 s, answer well before it).
    /// </summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Time to open a connection to either cluster: TCP, TLS and the handshake (Cassandra) or the first <c>GET /</c> (Elasticsearch).</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Time one request to either cluster waits for its answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>The contact points with the default applied.</summary>
    public IReadOnlyList<string> EffectiveCassandraHosts
        => CassandraHosts.Count > 0 ? new List<string>(CassandraHosts) : new[] { ConfigurationDefaults.CassandraHost };

    /// <summary>The URIs with the default applied.</summary>
    public IReadOnlyList<Uri> EffectiveElasticsearchUris
        => ElasticsearchUris.Count > 0 ? new List<Uri>(ElasticsearchUris) : new[] { ConfigurationDefaults.ElasticsearchUri };

    /// <summary>Contact points for messages, e.g. <c>db1:9042, db2:9042</c>.</summary>
    public string DescribeCassandra() => string.Join(", ", SyncConfiguration.NormalizeHosts(EffectiveCassandraHosts, CassandraPort));

    /// <summary>URIs for messages, without any user information.</summary>
    public string DescribeElasticsearch() => string.Join(", ", SyncConfiguration.NormalizeUris(EffectiveElasticsearchUris));
}
