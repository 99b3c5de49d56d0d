using System;
using System.Collections.Generic;
using System.Net;
using Synced.Cql;
using Synced.Cql.Protocol;

namespace Synced.Core.Cassandra;

/// <summary>How <see cref="CassandraStore"/> connects to a cluster and how hard it works it.</summary>
public sealed class CassandraStoreOptions
{
    /// <summary>The CQL native port used when a contact point gives none.</summary>
    public const int DefaultPort = CqlClusterOptions.DefaultPort;

    /// <summary>Nodes to connect to first: <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>; <c>localhost</c> when empty.</summary>
    public IList<string> ContactPoints { get; } = new List<string>();

    /// <summary>Port of contact points that give none.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>User name for PasswordAuthenticator; null when the cluster needs none (or <see cref="Credential"/> is used).</summary>
    public string? UserName { get; set; }

    /// <summary>Password of <see cref="UserName"/>. Never written to messages.</summary>
    public string? Password { get; set; }

    /// <summary>User name and password as one object (what a PSCredential gives); wins over <see cref="UserName"/>/<see cref="Password"/>.</summary>
    public NetworkCredential? Credential { get; set; }

    /// <summary>TLS settings; null for plain TCP.</summary>
    public CqlTlsOptions? Tls { get; set; }

    /// <summary>Data center whose nodes are preferred; null takes the one of the first contact point reached.</summary>
    public string? LocalDataCenter { get; set; }

    /// <summary>Consistency of the store's reads and writes, unless <see cref="ReadConsistency"/> / <see cref="WriteConsistency"/> say otherwise.</summary>
    public Consistency Consistency { get; set; } = Consistency.LocalQuorum;

    /// <summary>Consistency of reads (scans and the newest-version reads of upserts); null takes <see cref="Consistency"/>.</summary>
    public Consistency? ReadConsistency { get; set; }

    /// <summary>Consistency of writes; null takes <see cref="Consistency"/>.</summary>
    public Consistency? WriteConsistency { get; set; }

    /// <summary>The read level in effect.</summary>
    public Consistency EffectiveReadConsistency => ReadConsistency ?? Consistency;

    /// <summary>The write level in effect.</summary>
    public Consistency EffectiveWriteConsistency => WriteConsistency ?? Consistency;

    /// <summary>Rows per page of a scan.</summary>
    public int PageSize { get; set; } = 5000;

    /// <summary>
    /// Token sub-ranges a scan splits the ring into; null for 8 × processor count. A scan always uses at least one
    /// per primary range of the ring.
    /// </summary>
    public int? ScanSplits { get; set; }

    /// <summary>Sub-range queries of a scan running at once.</summary>
    public int ReadParallelism { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Entries of an upsert batch being compared and written at once.</summary>
    public int UpsertConcurrency { get; set; } = 64;

    /// <summary>
    /// Most ids whose newest versions one request reads (<c>WHERE id IN ? PER PARTITION LIMIT 1</c>, ids of one primary
    /// replica, for tables kept newest first); 1 reads each id on its own.
    /// </summary>
    public int NewestReadGroupSize { get; set; } = 100;

    /// <summary>
    /// Most entries (each its own partition) one unlogged batch inserts, all of one primary replica; 1 inserts each
    /// entry on its own. The default, 10, is Cassandra's unlogged_batch_across_partitions_warn_threshold: a batch over
    /// more partitions earns a warning. A batch also stays under 4 KiB (batch_size_warn_threshold is 5 KiB).
    /// </summary>
    public int InsertBatchSize { get; set; } = 10;

    /// <summary>Entries a scan may hold between the queries and the reader (in lists of 500, at least one).</summary>
    public int ScanBufferSize { get; set; } = 2000;

    /// <summary>
    /// Times a scan asks again for a page that failed because nodes went away (after the client's own retries),
    /// pausing <see cref="ScanRetryDelay"/>, doubled each time, in between.
    /// </summary>
    public int ScanRetries { get; set; } = 5;

    /// <summary>The first pause before a failed page of a scan is asked for again.</summary>
    public TimeSpan ScanRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How many times a scan halves the rest of a token range whose read times out (ReadTimeout, ReadFailure, or no
    /// answer in <see cref="RequestTimeout"/>) before it fails the table: 5 reads pieces down to 1/32 of a sub-range.
    /// </summary>
    public int TimeoutSplitDepth { get; set; } = 5;

    /// <summary>
    /// Largest request sent to a node, in bytes (the nodes' native_transport_max_frame_size, 16 MiB by default since
    /// Cassandra 4.0); an entry that needs more fails alone, with the reason, and is never sent.
    /// </summary>
    public int MaxRequestSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// After creating a table (-CreateMissing), how long to wait for every live node to report the same schema
    /// version before the table fails: DDL reaches the other nodes by gossip, and a write to a node that does not
    /// know the table yet fails.
    /// </summary>
    public TimeSpan SchemaAgreementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Receives the warnings Cassandra attaches to the store's requests (tombstones, large partitions...) and the
    /// store's own notes (a scan that went on after lost pages), each distinct one once; called from worker threads.
    /// </summary>
    public Action<string>? OnWarning { get; set; }

    /// <summary>Time to open a connection and finish the handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time one request waits for its answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>The scan split count in effect.</summary>
    internal int EffectiveScanSplits => ScanSplits ?? 8 * Environment.ProcessorCount;

    internal (string? User, string? Password) EffectiveCredentials
        => Credential is not null ? (Credential.UserName, Credential.Password) : (UserName, Password);

    internal void Validate()
    {
        if (Port <= 0 || Port > 65535) throw new ArgumentException($"Port {Port} is not a TCP port (1 to 65535).", nameof(Port));
        if (PageSize < 1) throw new ArgumentException($"PageSize must be at least 1; it is {PageSize}.", nameof(PageSize));
        if (ScanSplits is < 1) throw new ArgumentException($"ScanSplits must be at least 1; it is {ScanSplits}.", nameof(ScanSplits));
        if (ReadParallelism < 1) throw new ArgumentException($"ReadParallelism must be at least 1; it is {ReadParallelism}.", nameof(ReadParallelism));
        if (UpsertConcurrency < 1) throw new ArgumentException($"UpsertConcurrency must be at least 1; it is {UpsertConcurrency}.", nameof(UpsertConcurrency));
        if (NewestReadGroupSize is < 1 or > 10_000) throw new ArgumentException($"NewestReadGroupSize must be 1 to 10000; it is {NewestReadGroupSize}.", nameof(NewestReadGroupSize));
        if (InsertBatchSize is < 1 or > 1000) throw new ArgumentException($"InsertBatchSize must be 1 to 1000; it is {InsertBatchSize}.", nameof(InsertBatchSize));
        if (ScanRetries < 0) throw new ArgumentException($"ScanRetries must not be negative; it is {ScanRetries}.", nameof(ScanRetries));
        if (ScanRetryDelay < TimeSpan.Zero) throw new ArgumentException($"ScanRetryDelay must not be negative; it is {ScanRetryDelay}.", nameof(ScanRetryDelay));
        if (TimeoutSplitDepth is < 0 or > 30) throw new ArgumentException($"TimeoutSplitDepth must be 0 to 30; it is {TimeoutSplitDepth}.", nameof(TimeoutSplitDepth));
        if (SchemaAgreementTimeout <= TimeSpan.Zero) throw new ArgumentException($"SchemaAgreementTimeout must be positive; it is {SchemaAgreementTimeout}.", nameof(SchemaAgreementTimeout));
        if (ScanBufferSize < 1) throw new ArgumentException($"ScanBufferSize must be at least 1; it is {ScanBufferSize}.", nameof(ScanBufferSize));
        if (ConsistencyRules.WhyNotForReads(EffectiveReadConsistency) is { } readProblem)
            throw new ArgumentException($"{(ReadConsistency is null ? nameof(Consistency) : nameof(ReadConsistency))} {ConsistencyRules.Name(EffectiveReadConsistency)} cannot be used: {readProblem}. Give a read level such as LOCAL_QUORUM.",
                ReadConsistency is null ? nameof(Consistency) : nameof(ReadConsistency));
        if (ConsistencyRules.WhyNotForWrites(EffectiveWriteConsistency) is { } writeProblem)
            throw new ArgumentException($"{(WriteConsistency is null ? nameof(Consistency) : nameof(WriteConsistency))} {ConsistencyRules.Name(EffectiveWriteConsistency)} cannot be used: {writeProblem}. Give a write level such as LOCAL_QUORUM.",
                WriteConsistency is null ? nameof(Consistency) : nameof(WriteConsistency));
        var (user, password) = EffectiveCredentials;
        if (string.IsNullOrEmpty(user) != (password is null))
            throw new ArgumentException("Give both a user name and a password, or neither.", nameof(Credential));
    }

    internal CqlClusterOptions ToClusterOptions()
    {
        var cluster = new CqlClusterOptions
        {
            Port = Port,
            Tls = Tls,
            LocalDataCenter = LocalDataCenter,
            DefaultConsistency = EffectiveReadConsistency,
            DefaultPageSize = PageSize,
            ConnectTimeout = ConnectTimeout,
            RequestTimeout = RequestTimeout,
            MaxRequestSize = MaxRequestSize,
            SchemaAgreementTimeout = SchemaAgreementTimeout,
        };
        foreach (var point in ContactPoints)
            if (!string.IsNullOrWhiteSpace(point)) cluster.ContactPoints.Add(point.Trim());
        if (cluster.ContactPoints.Count == 0) cluster.ContactPoints.Add("localhost");
        var (user, password) = EffectiveCredentials;
        if (!string.IsNullOrEmpty(user)) cluster.Credentials = new CqlCredentials(user!, password ?? string.Empty);
        return cluster;
    }

    /// <summary>The contact points as <c>host:port</c> for messages.</summary>
    internal string DescribeContactPoints()
    {
        var points = new List<string>();
        foreach (var point in ContactPoints)
            if (!string.IsNullOrWhiteSpace(point)) points.Add(point.Trim().Contains(":") ? point.Trim() : $"{point.Trim()}:{Port}");
        return points.Count == 0 ? $"localhost:{Port}" : string.Join(", ", points);
    }
}
