using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using Synced.Core.Cassandra;
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

    /// <summary>The longest <see cref="ConnectTimeout"/> or <see cref="RequestTimeout"/>: 24 hours.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    /// <summary>
    /// Checks the settings before anything connects: each problem is an <see cref="InvalidSettingException"/> naming
    /// the setting, saying why and what to give instead.
    /// </summary>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
    public void Validate()
    {
        if (ElasticsearchCredential is not null && ElasticsearchApiKey is not null)
            throw new InvalidSettingException(nameof(ElasticsearchApiKey), "Give either Elasticsearch credentials or an API key, not both.", nameof(ElasticsearchCredential));
        RequireTimeout(ConnectTimeout, nameof(ConnectTimeout), "connect timeout");
        RequireTimeout(RequestTimeout, nameof(RequestTimeout), "request timeout");
        if (DiscriminatorField is "id" or "tmstmp")
            throw new InvalidSettingException(nameof(DiscriminatorField), $"The discriminator field cannot be '{DiscriminatorField}': it is a field of the data contract.");
        if (IndexLayout == IndexLayout.SingleIndex && string.IsNullOrWhiteSpace(DiscriminatorField))
            throw new InvalidSettingException(nameof(DiscriminatorField), "The single-index layout needs a discriminator field name.");
        ValidateConsistency();
        RequireFile(CassandraCertificateAuthorityPath, nameof(CassandraCertificateAuthorityPath));
        RequireFile(ElasticsearchCertificateAuthorityPath, nameof(ElasticsearchCertificateAuthorityPath));
        if (ElasticsearchCertificateFingerprint is not null)
        {
            try
            {
                CertificateFingerprint.Parse(ElasticsearchCertificateFingerprint);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidSettingException(nameof(ElasticsearchCertificateFingerprint), $"The Elasticsearch certificate fingerprint cannot be used: {ex.Message}.", null, ex);
            }
        }
    }

    /// <summary>Refuses a read or write level Cassandra refuses for that use: ANY for reads, SERIAL / LOCAL_SERIAL for writes.</summary>
    private void ValidateConsistency()
    {
        var read = ReadConsistency ?? Consistency;
        if (ConsistencyRules.WhyNotForReads(read) is { } readProblem)
            throw ReadConsistency is null
                ? new InvalidSettingException(nameof(Consistency),
                    $"Consistency {read} cannot serve Cassandra reads: {readProblem}. Give another consistency, or a read consistency of its own (e.g. LocalQuorum) to keep {read} for writes only.",
                    nameof(ReadConsistency))
                : new InvalidSettingException(nameof(ReadConsistency), $"Read consistency {read} cannot be used: {readProblem}. Give a read level such as LocalQuorum.");
        var write = WriteConsistency ?? Consistency;
        if (ConsistencyRules.WhyNotForWrites(write) is { } writeProblem)
            throw WriteConsistency is null
                ? new InvalidSettingException(nameof(Consistency),
                    $"Consistency {write} cannot serve Cassandra writes: {writeProblem}. Give another consistency, or a write consistency of its own (e.g. LocalQuorum) to keep {write} for reads only.",
                    nameof(WriteConsistency))
                : new InvalidSettingException(nameof(WriteConsistency), $"Write consistency {write} cannot be used: {writeProblem}. Give a write level such as LocalQuorum.");
    }

    private static void RequireTimeout(TimeSpan value, string setting, string words)
    {
        if (value > TimeSpan.Zero && value <= MaxTimeout) return;
        throw new InvalidSettingException(setting, $"The {words} must be more than 0 and at most {MaxTimeout.TotalHours:0} hours; it is {value}.");
    }

    private static void RequireFile(string? path, string setting)
    {
        if (path is null || File.Exists(path)) return;
        throw new InvalidSettingException(setting, $"The file '{path}' does not exist.", null, new FileNotFoundException($"The file '{path}' does not exist.", path));
    }

    /// <summary>The Cassandra store's options these settings describe: the one mapping from settings to Cassandra.</summary>
    public CassandraStoreOptions ToCassandraOptions()
    {
        var options = new CassandraStoreOptions
        {
            Port = CassandraPort,
            Credential = CassandraCredential,
            LocalDataCenter = CassandraDataCenter,
            Consistency = Consistency,
            ReadConsistency = ReadConsistency,
            WriteConsistency = WriteConsistency,
            OnWarning = OnCassandraWarning,
            ConnectTimeout = ConnectTimeout,
            RequestTimeout = RequestTimeout,
            Tls = CassandraTlsOptions,
        };
        foreach (var host in EffectiveCassandraHosts) options.ContactPoints.Add(host);
        return options;
    }

    /// <summary>The Elasticsearch connection options these settings describe: the one mapping from settings to Elasticsearch.</summary>
    public ElasticsearchConnectionOptions ToElasticsearchOptions()
    {
        var options = new ElasticsearchConnectionOptions
        {
            Credential = ElasticsearchCredential,
            ApiKey = ElasticsearchApiKey,
            ConnectTimeout = ConnectTimeout,
            RequestTimeout = RequestTimeout,
            CertificateAuthorityPath = ElasticsearchCertificateAuthorityPath,
            CertificateFingerprint = ElasticsearchCertificateFingerprint,
        };
        foreach (var uri in EffectiveElasticsearchUris) options.Uris.Add(uri);
        return options;
    }
}
