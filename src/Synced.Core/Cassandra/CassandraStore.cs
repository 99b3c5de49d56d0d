using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Connections;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;
using Synced.Cql;
using Synced.Cql.Errors;
using Synced.Cql.Metadata;
using Synced.Cql.Tokens;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// The Cassandra side of a sync: the tables of one keyspace that meet the data contract, scanned by token
/// sub-ranges in parallel and streamed, and written with upsert-if-newer (the newest stored version of each id
/// is read first; only newer entries are inserted, each as a new version row). Create one with
/// <see cref="ConnectAsync"/>.
/// </summary>
public sealed class CassandraStore : ISyncStore
{
    private readonly CqlSession _session;
    private readonly CassandraStoreOptions _options;
    private readonly string _contactPoints;

    private readonly ServerWarnings _warnings;
    private readonly NewestRowReader _newest;

    private CassandraStore(CqlSession session, CassandraStoreOptions options, string keyspace)
    {
        _session = session;
        _options = options;
        Keyspace = keyspace;
        _contactPoints = options.DescribeContactPoints();
        _warnings = new ServerWarnings(options.OnWarning);
        _newest = new NewestRowReader(session, options, Warn);
    }

    /// <summary>
    /// The distinct warnings Cassandra attached to the store's requests so far (each also passed to
    /// <see cref="CassandraStoreOptions.OnWarning"/> when it came), for a caller to report with the run's result.
    /// </summary>
    public IReadOnlyList<string> ServerWarnings => _warnings.Snapshot();

    private void Warn(CqlResult result, string doing)
    {
        foreach (var warning in result.Warnings) _warnings.Add($"Cassandra {result.Host} warned while {doing}: {warning}");
    }

    /// <summary>
    /// Connects to the cluster and checks that <paramref name="keyspace"/> exists.
    /// </summary>
    /// <exception cref="ConnectionFailureException">No node reachable, credentials rejected, TLS failed, or no such keyspace.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static async Task<CassandraStore> ConnectAsync(CassandraStoreOptions options, string keyspace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(keyspace)) throw new ArgumentException("Give the keyspace to sync.", nameof(keyspace));
        var session = await OpenSessionAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var found = await FindKeyspaceAsync(session, options, keyspace, cancellationToken).ConfigureAwait(false);
            if (found.Keyspace is null)
            {
                var known = found.Metadata.Keyspaces.Keys.Where(k => !k.StartsWith("system", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList();
                throw new ConnectionFailureException(ConnectionFailureKind.KeyspaceNotFound, StoreSide.Cassandra,
                    $"keyspace '{keyspace}' does not exist on {options.DescribeContactPoints()}; create it or check the name (user keyspaces there: {(known.Count == 0 ? "none" : string.Join(", ", known))})",
                    null, ConnectionRemedy.CheckTarget);
            }
            return new CassandraStore(session, options, found.Keyspace.Name);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a session to the cluster the options describe (no keyspace), turning what went wrong into a
    /// <see cref="ConnectionFailureException"/> that says what to check.
    /// </summary>
    /// <exception cref="ConnectionFailureException">No node reachable, credentials rejected, or TLS failed.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    internal static async Task<CqlSession> OpenSessionAsync(CassandraStoreOptions options, CancellationToken cancellationToken)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        try
        {
            return await CqlSession.ConnectAsync(options.ToClusterOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not ArgumentException)
        {
            var (user, password) = options.EffectiveCredentials;
            throw DescribeConnectFailure(ex, options.DescribeContactPoints(), user, password);
        }
    }

    /// <summary>
    /// The keyspace of that name as the cluster spells it (an unquoted name in any case finds the lower-case
    /// keyspace), or null, with the schema it was looked up in.
    /// </summary>
    /// <exception cref="ConnectionFailureException">The schema cannot be read.</exception>
    internal static async Task<(KeyspaceMetadata? Keyspace, ClusterMetadata Metadata)> FindKeyspaceAsync(CqlSession session, CassandraStoreOptions options,
        string keyspace, CancellationToken cancellationToken)
    {
        ClusterMetadata metadata;
        try
        {
            metadata = await session.GetMetadataAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Cassandra,
                Redact($"connected to Cassandra at {options.DescribeContactPoints()} but could not read its schema: {ex.Message}", options.EffectiveCredentials.Password),
                ex, ConnectionRemedy.CheckAddress);
        }
        return (metadata.GetKeyspace(keyspace) ?? metadata.GetKeyspace(keyspace.ToLowerInvariant()), metadata);
    }

    private static ConnectionFailureException DescribeConnectFailure(Exception ex, string points, string? user, string? password)
    {
        var inner = ex is NoHostAvailableException none ? none.Errors.Values.FirstOrDefault(e => e is BadCredentialsException or CqlAuthenticationException or CqlTlsException) ?? ex : ex;
        switch (inner)
        {
            case BadCredentialsException:
                return new ConnectionFailureException(ConnectionFailureKind.BadCredentials, StoreSide.Cassandra,
                    Redact($"Cassandra at {points} rejected the credentials of user '{user}': {inner.Message}; check the user name and password", password), ex,
                    ConnectionRemedy.CheckCredential);
            case CqlAuthenticationException:
                return new ConnectionFailureException(ConnectionFailureKind.BadCredentials, StoreSide.Cassandra,
                    Redact(user is null
                        ? $"Cassandra at {points} requires authentication: give a credential ({inner.Message})"
                        : $"Cassandra at {points} did not accept user '{user}': {inner.Message}", password), ex,
                    ConnectionRemedy.CheckCredential);
            case CqlTlsException:
                return new ConnectionFailureException(ConnectionFailureKind.Tls, StoreSide.Cassandra,
                    Redact($"TLS with Cassandra at {points} failed: {inner.Message}; check the certificate authority and host name", password), ex,
                    ConnectionRemedy.CheckCertificate, ConnectionRemedy.CheckAddress);
            default:
                // A connection that ran out of time (TCP connect, or the handshake) may only be slow: a longer limit may do.
                var timedOut = Root(ex) is CqlTimeoutException || (Root(ex) is CqlConnectionException && Root(ex).Message.IndexOf("within", StringComparison.Ordinal) >= 0);
                return new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Cassandra,
                    Redact($"cannot reach Cassandra at {points}: {ex.Message}; check that the nodes run and listen on that host and port" +
                           (timedOut ? ", or raise the connect timeout if the network is slow" : string.Empty), password), ex,
                    timedOut ? new[] { ConnectionRemedy.CheckAddress, ConnectionRemedy.RaiseConnectTimeout } : new[] { ConnectionRemedy.CheckAddress });
        }
    }

    /// <summary>The first node's error of a connection that reached no node, else the error itself.</summary>
    private static Exception Root(Exception error)
        => error is NoHostAvailableException none && none.Errors.Count > 0 ? none.Errors.Values.First() : error;

    /// <summary>Removes a password from a message, should a server or library ever echo it.</summary>
    private static string Redact(string message, string? password)
        => string.IsNullOrEmpty(password) ? message : message.Replace(password, "***");

    /// <summary>The keyspace the store syncs (as the cluster spells it).</summary>
    public string Keyspace { get; }

    /// <summary>The session, for callers that need the cluster directly (versions, tests).</summary>
    public CqlSession Session => _session;

    /// <inheritdoc />
    public string Name => "Cassandra";

    /// <inheritdoc />
    public TimestampPrecision Precision => TimestampPrecision.Ticks;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken)
    {
        var keyspace = await GetKeyspaceAsync(true, cancellationToken).ConfigureAwait(false);
        return keyspace.Tables.Values
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
    }

    /// <summary>A table as the engine sees it: contract, columns, and the scan a run will use.</summary>
    private TableInfo Describe(TableMetadata table) => TableContract.Describe(table, TmstmpIndex.Describe(table, ReleaseVersions));

    /// <summary>The release versions the nodes report (null where one did not).</summary>
    private IEnumerable<string?> ReleaseVersions => _session.Hosts.Select(h => h.ReleaseVersion);

    private async Task<KeyspaceMetadata> GetKeyspaceAsync(bool refresh, CancellationToken cancellationToken)
    {
        ClusterMetadata metadata;
        try
        {
            metadata = await _session.GetMetadataAsync(refresh, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new CassandraStoreException($"reading the schema of keyspace {Keyspace} from {_contactPoints} failed: {ex.Message}", ex);
        }
        return metadata.GetKeyspace(Keyspace)
            ?? throw new CassandraStoreException($"keyspace '{Keyspace}' no longer exists on {_contactPoints}");
    }

    private async Task<TableMetadata> GetTableAsync(TableInfo table, CancellationToken cancellationToken)
    {
        var keyspace = await GetKeyspaceAsync(false, cancellationToken).ConfigureAwait(false);
        if (keyspace.Tables.TryGetValue(table.Name, out var found)) return found;
        keyspace = await GetKeyspaceAsync(true, cancellationToken).ConfigureAwait(false);
        return keyspace.Tables.TryGetValue(table.Name, out found)
            ? found
            : throw new CassandraStoreException($"table {Keyspace}.{table.Name} does not exist on {_contactPoints}");
    }

    private static string Qualified(TableMetadata table) => CqlIdentifier.Quote(table.Keyspace) + "." + CqlIdentifier.Quote(table.Name);

    /// <inheritdoc />
    public IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        return ScanAsync(table, range, cancellationToken);
    }

    private async IAsyncEnumerable<SyncEntry> ScanAsync(TableInfo table, TimeRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metadata = await GetTableAsync(table, cancellationToken).ConfigureAwait(false);
        var statements = await PrepareScanAsync(metadata, cancellationToken).ConfigureAwait(false);

        var ranges = ScanRanges.Plan(_session.TokenRing, _options.EffectiveScanSplits);
        // Exact bounds at tick precision: the smallest timeuuid of the begin tick and of the end tick.
        var lower = EntryTime.LowerBound(range.Begin);
        var upper = EntryTime.LowerBound(range.End);
        // Lists of entries, not entries, cross the channel: ScanBufferSize entries' worth of them (at least one) wait for the reader.
        var channel = Channel.CreateBounded<List<SyncEntry>>(new BoundedChannelOptions(Math.Max(1, _options.ScanBufferSize / TokenRangeScan.HandOverSize))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

        using var scan = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = channel.Writer;
        var rows = new EntryRows(metadata.Name);
        var rangeReader = new TokenRangeScan<SyncEntry>(_session, metadata, statements, new object[] { lower, upper }, _options, _contactPoints,
            rows.Convert, (entries, token) => writer.WriteAsync(entries, token)) { OnWarning = _warnings.Add };
        var producer = ProduceAsync(metadata, ranges, (subRange, _, token) => rangeReader.ReadAsync(subRange, token), writer, scan);
        try
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                while (reader.TryRead(out var entries))
                    foreach (var entry in entries)
                        yield return entry;
        }
        finally
        {
            scan.Cancel();
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Prepares the scan of a time range: through the SAI index on tmstmp when the table has one (no ALLOW FILTERING,
    /// so the nodes read only the range), and the ALLOW FILTERING scan, which is the scan of a table without the
    /// index and the fallback of one whose index cannot serve (dropped since the schema was read, or not built yet).
    /// </summary>
    private Task<ScanStatements> PrepareScanAsync(TableMetadata metadata, CancellationToken cancellationToken)
        // SELECT *: prepared again with fresh metadata after a schema change, so a column added during the run is read too.
        => PrepareScanAsync(metadata, throughIndex => TmstmpIndex.ScanQuery(metadata, throughIndex), useIndex: true, cancellationToken);

    /// <summary>
    /// Prepares the statements of a scan (<paramref name="query"/> gives the text through the index or with ALLOW
    /// FILTERING): through the index only when <paramref name="useIndex"/> and the table has one.
    /// </summary>
    private async Task<ScanStatements> PrepareScanAsync(TableMetadata metadata, Func<bool, string> query, bool useIndex, CancellationToken cancellationToken)
    {
        PreparedStatement? throughIndex = null;
        var index = useIndex ? TmstmpIndex.Find(metadata) : null;
        if (index is not null)
        {
            try
            {
                throughIndex = await _session.PrepareAsync(query(true), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidQueryException ex)
            {
                _warnings.Add($"{metadata} has the index {index.Name} on tmstmp, but Cassandra {_contactPoints} refused the scan through it ({ex.ServerMessage}); " +
                              "it is read by a full scan with ALLOW FILTERING instead, which reads every row of the table");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new CassandraStoreException($"preparing the scan of {metadata} failed: {ex.Message}", ex);
            }
        }

        try
        {
            var filtering = await _session.PrepareAsync(query(false), cancellationToken).ConfigureAwait(false);
            return new ScanStatements(throughIndex, index?.Name, filtering);
        }
        catch (Exception ex) when (throughIndex is not null && TokenRangeScan.IsAllowFilteringGuardrail(ex))
        {
            // The guardrail refuses ALLOW FILTERING, and the index needs none: the scan goes on without a fallback.
            return new ScanStatements(throughIndex, index!.Name, null);
        }
        catch (Exception ex) when (TokenRangeScan.IsAllowFilteringGuardrail(ex))
        {
            throw TokenRangeScan.GuardrailRefused(metadata, _contactPoints, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new CassandraStoreException($"preparing the scan of {metadata} failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Reads the sub-ranges with bounded parallelism (<paramref name="readRange"/> queries one and writes what it finds)
    /// into the channel; completes it with the first error, naming the table and the sub-range.
    /// </summary>
    private async Task ProduceAsync<T>(TableMetadata table, IReadOnlyList<TokenRange> ranges, Func<TokenRange, ChannelWriter<T>, CancellationToken, Task> readRange,
        ChannelWriter<T> writer, CancellationTokenSource scan)
    {
        var next = -1;
        Exception? firstError = null;
        var token = scan.Token;

        async Task WorkAsync()
        {
            while (!token.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= ranges.Count) return;
                try
                {
                    await readRange(ranges[index], writer, token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    if (!(ex is OperationCanceledException && token.IsCancellationRequested))
                        Interlocked.CompareExchange(ref firstError, ex as CassandraStoreException
                            ?? new CassandraStoreException($"scanning {table} (tokens {ranges[index]}) on {_contactPoints} failed: {ex.Message}", ex), null);
                    scan.Cancel();
                    return;
                }
            }
        }

        var workers = new Task[Math.Min(_options.ReadParallelism, ranges.Count)];
        for (var i = 0; i < workers.Length; i++) workers[i] = Task.Run(WorkAsync);
        await Task.WhenAll(workers).ConfigureAwait(false);
        writer.TryComplete(firstError);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Three steps per batch: the values of every entry are converted (an entry that cannot be fails alone), the newest
    /// stored version of every id is read (several ids per request, see <see cref="NewestRowReader"/>), and the entries
    /// newer than it are inserted, those of one replica together in an unlogged batch of at most
    /// <see cref="CassandraStoreOptions.InsertBatchSize"/> partitions, <see cref="CassandraStoreOptions.UpsertConcurrency"/>
    /// requests at once.
    /// </remarks>
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (batch is null) throw new ArgumentNullException(nameof(batch));
        if (context is null) throw new ArgumentNullException(nameof(context));
        if (batch.Count == 0) return Array.Empty<UpsertOutcome>();

        var outcomes = new UpsertOutcome?[batch.Count];
        TableMetadata metadata;
        PreparedStatement insert;
        try
        {
            metadata = await GetTableAsync(table, cancellationToken).ConfigureAwait(false);
            if (InsertValues.HasUnknownField(metadata, batch))
            {
                // A column added since the schema was read (its event may not have arrived yet): read it again before
                // failing those entries for a column that is there.
                var keyspace = await GetKeyspaceAsync(true, cancellationToken).ConfigureAwait(false);
                if (keyspace.Tables.TryGetValue(table.Name, out var fresh)) metadata = fresh;
            }
            var writable = metadata.Columns;
            insert = await _session.PrepareAsync(
                $"INSERT INTO {Qualified(metadata)} ({string.Join(", ", writable.Select(c => CqlIdentifier.Quote(c.Name)))}) VALUES ({string.Join(", ", writable.Select(_ => "?"))})",
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the table or its statements no entry can be written; each is reported.
            var failed = new UpsertOutcome[batch.Count];
            for (var i = 0; i < batch.Count; i++) failed[i] = UpsertOutcome.Failed(batch[i].Id, $"table {Keyspace}.{table.Name}, id {batch[i].Id}: {ex.Message}");
            return failed;
        }

        // 1. The values of each entry: one that cannot be converted fails here and is not read.
        var values = new object?[]?[batch.Count];
        var candidates = new List<int>(batch.Count);
        var binder = new InsertValues(metadata);
        for (var i = 0; i < batch.Count; i++)
        {
            if (binder.TryBind(batch[i], out var bound, out var problem))
            {
                values[i] = bound;
                candidates.Add(i);
            }
            else outcomes[i] = UpsertOutcome.Failed(batch[i].Id, problem!);
        }

        // 2. The newest stored version of each id left; a failed read fails its entry only.
        var ids = new Guid[candidates.Count];
        for (var k = 0; k < ids.Length; k++) ids[k] = batch[candidates[k]].Id;
        var stored = new DateTime?[candidates.Count];
        await _newest.ReadAsync(metadata, DataContract.TmstmpName, ids, _options.EffectiveReadConsistency,
            (k, row) => stored[k] = row is { } found && found.GetValue(1) is Guid version ? EntryTime.FromTimeUuid(version) : null,
            (k, ex) => outcomes[candidates[k]] = UpsertOutcome.Failed(ids[k], $"table {metadata}, id {ids[k]}: {DescribeWriteFailure(ex)}"),
            cancellationToken).ConfigureAwait(false);

        // 3. Insert what is newer, each version as a row of its own.
        var precision = context.SourcePrecision == TimestampPrecision.Milliseconds ? TimestampPrecision.Milliseconds : TimestampPrecision.Ticks;
        var writes = new List<int>(candidates.Count);
        for (var k = 0; k < candidates.Count; k++)
        {
            var i = candidates[k];
            if (outcomes[i] is not null) continue; // its read failed
            if (stored[k] is { } storedVersion && !UtcTime.IsNewer(batch[i].Tmstmp, storedVersion, precision))
                outcomes[i] = UpsertOutcome.SkippedNotNewer(batch[i].Id);
            else if (context.DryRun)
                outcomes[i] = UpsertOutcome.WouldWrite(batch[i].Id);
            else
                writes.Add(i);
        }
        var writeIds = new Guid[writes.Count];
        for (var w = 0; w < writeIds.Length; w++) writeIds[w] = batch[writes[w]].Id;
        var groups = ReplicaGroups.Of(_session, metadata.Keyspace, writeIds, _options.InsertBatchSize, w => InsertSize.Of(values[writes[w]]!), InsertSize.BatchLimit);
        await Concurrently.ForEachAsync(groups.Count, _options.UpsertConcurrency, g => InsertGroupAsync(groups[g]), cancellationToken).ConfigureAwait(false);

        var result = new UpsertOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            result[i] = outcomes[i] ?? UpsertOutcome.Failed(batch[i].Id, $"table {metadata}, id {batch[i].Id}: no outcome was decided (internal error)");
        return result;

        // Entries of one replica go as one unlogged batch (at most InsertBatchSize partitions and InsertSize.BatchLimit
        // bytes, under Cassandra's warning thresholds); a batch that fails is written again entry by entry, so each
        // failure stays with its entry (a version written twice lands on the same row).
        async Task InsertGroupAsync(List<int> group)
        {
            if (group.Count == 1)
            {
                await InsertAsync(writes[group[0]]).ConfigureAwait(false);
                return;
            }
            try
            {
                var write = new BatchStatement(Synced.Cql.Protocol.BatchType.Unlogged)
                {
                    Consistency = _options.EffectiveWriteConsistency,
                    IsIdempotent = true,
                    RoutingKeyspace = metadata.Keyspace,
                };
                foreach (var w in group) write.Add(Bind(writes[w]));
                Warn(await _session.ExecuteAsync(write, cancellationToken).ConfigureAwait(false), $"writing {group.Count} entries to {metadata}");
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await Concurrently.ForEachAsync(group.Count, _options.UpsertConcurrency, k => InsertAsync(writes[group[k]]), cancellationToken).ConfigureAwait(false);
                return;
            }
            foreach (var w in group) outcomes[writes[w]] = UpsertOutcome.Written(batch[writes[w]].Id);
        }

        BoundStatement Bind(int index)
        {
            var entry = batch[index];
            var bound = values[index]!;
            bound[0] = entry.Id;
            bound[1] = EntryTime.ForVersion(entry.Id, entry.Tmstmp);
            var statement = insert.Bind(bound);
            statement.Consistency = _options.EffectiveWriteConsistency;
            statement.IsIdempotent = true; // the same version always lands on the same row
            return statement;
        }

        async Task InsertAsync(int index)
        {
            var entry = batch[index];
            try
            {
                Warn(await _session.ExecuteAsync(Bind(index), cancellationToken).ConfigureAwait(false), $"writing {entry.Id} to {metadata}");
                outcomes[index] = UpsertOutcome.Written(entry.Id);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                outcomes[index] = UpsertOutcome.Failed(entry.Id, $"table {metadata}, id {entry.Id}: {DescribeWriteFailure(ex)}");
            }
        }
    }

    /// <summary>Why an entry's write failed, with what to do when the cause is one of the cluster's size limits.</summary>
    private static string DescribeWriteFailure(Exception ex) => ex switch
    {
        CqlRequestTooLargeException tooLarge =>
            $"the entry needs a request of {tooLarge.Size} bytes, over the {tooLarge.Limit} bytes a Cassandra node accepts in one " +
            "(native_transport_max_frame_size; a mutation is also limited by max_mutation_size, half of commitlog_segment_size, 16 MiB by default). " +
            "Nothing was written for it: shrink its values, or raise those limits on every node (and CassandraStoreOptions.MaxRequestSize with them).",
        InvalidQueryException invalid when invalid.ServerMessage.IndexOf("oversized mutation", StringComparison.OrdinalIgnoreCase) >= 0 =>
            $"Cassandra refused the entry as larger than its mutation size limit (max_mutation_size, by default half of commitlog_segment_size: 16 MiB): " +
            $"{invalid.ServerMessage}. Nothing was written for it: shrink its values, or raise commitlog_segment_size on every node.",
        _ => ex.Message,
    };

    /// <inheritdoc />
    /// <remarks>The column types follow <see cref="CqlTableDefinition"/>: Elasticsearch object fields become text holding their JSON.</remarks>
    public async Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken)
    {
        if (sourceTable is null) throw new ArgumentNullException(nameof(sourceTable));
        var lowered = sourceTable.Name.ToLowerInvariant();
        var name = CqlIdentifier.IsPlain(lowered) ? lowered : sourceTable.Name;
        var statement = CqlTableDefinition.BuildCreateTable(Keyspace, name, sourceTable);
        CqlResult result;
        try
        {
            // The session waits for every live node to report the new schema version (SchemaAgreementTimeout).
            result = await _session.ExecuteAsync(new SimpleStatement(statement) { Consistency = _options.EffectiveWriteConsistency }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new CassandraStoreException($"creating table {Keyspace}.{name} on {_contactPoints} failed: {ex.Message}", ex);
        }
        Warn(result, $"creating table {Keyspace}.{name}");
        if (!result.SchemaInAgreement)
            throw new CassandraStoreException(
                $"table {Keyspace}.{name} was created, but the nodes did not all report the new schema within {_options.SchemaAgreementTimeout.TotalSeconds:0.#} s " +
                $"(schema versions: {result.SchemaAgreement}); writing to it now could fail on nodes that do not know it yet. " +
                "Check the cluster with nodetool describecluster (every node should show one schema version), then run again: the table exists and will be used.");
        var keyspace = await GetKeyspaceAsync(true, cancellationToken).ConfigureAwait(false);
        return keyspace.Tables.TryGetValue(name, out var created)
            ? Describe(created)
            : throw new CassandraStoreException($"table {Keyspace}.{name} was created but does not show in the schema of {_contactPoints}");
    }

    /// <summary>
    /// Creates the storage-attached index on tmstmp of a table (<c>CREATE INDEX &lt;table&gt;_tmstmp_sai ON ks.t (tmstmp)
    /// USING 'sai'</c>, Cassandra 5.0+), so that a run reads only the entries of its range instead of every row. A
    /// table that has such an index already is left as it is. Cassandra builds the index in the background: until
    /// a node has built it, scans of that node's ranges fall back to ALLOW FILTERING (with a warning).
    /// </summary>
    /// <param name="tableName">The table, as the keyspace spells it.</param>
    /// <param name="cancellationToken">Stops waiting (a statement already sent may still apply).</param>
    /// <exception cref="IndexCreationException">No such table, a table outside the contract, a cluster before 5.0, or Cassandra refused the statement.</exception>
    public async Task<IndexCreation> CreateTmstmpIndexAsync(string tableName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tableName)) throw new ArgumentException("Give the table.", nameof(tableName));
        var keyspace = await GetKeyspaceAsync(true, cancellationToken).ConfigureAwait(false);
        var qualified = $"{Keyspace}.{tableName}";
        if (!keyspace.Tables.TryGetValue(tableName, out var table))
            throw new IndexCreationException(IndexCreationFailure.TableNotFound, qualified,
                $"table {qualified} does not exist on {_contactPoints}; check the table's name among the keyspace's tables");
        if (TableContract.FindViolation(table) is { } violation)
            throw new IndexCreationException(IndexCreationFailure.OutsideContract, qualified,
                $"{table} does not meet the data contract ({violation}): runs do not scan it, so an index on tmstmp would not help; no index was created");
        var statement = TmstmpIndex.CreateStatement(table);
        if (TmstmpIndex.Find(table) is { } existing) return new IndexCreation(Describe(table), existing.Name, statement, created: false, schemaNote: null);
        if (TmstmpIndex.WhyUnsupported(ReleaseVersions) is { } unsupported)
            throw new IndexCreationException(IndexCreationFailure.NotSupported, qualified, $"{table} on {_contactPoints} cannot have the index: {unsupported}. No index was created; runs scan the table with ALLOW FILTERING.");

        CqlResult result;
        try
        {
            // The session waits for every live node to report the new schema version (SchemaAgreementTimeout).
            result = await _session.ExecuteAsync(new SimpleStatement(statement) { Consistency = _options.EffectiveWriteConsistency }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Someone else may have created it meanwhile (the name is then taken, or an index on tmstmp is there).
            if (await FindTmstmpIndexAsync(tableName, cancellationToken).ConfigureAwait(false) is { } raced)
                return new IndexCreation(Describe(raced.Table), raced.Index.Name, statement, created: false, schemaNote: null);
            var hint = ex is UnauthorizedException ? " The user needs the ALTER permission on the table (GRANT ALTER ON TABLE ... TO ...)." : string.Empty;
            throw new IndexCreationException(IndexCreationFailure.Refused, qualified,
                $"creating the index on tmstmp of {table} on {_contactPoints} failed: {ex.Message}.{hint} The statement was: {statement}", ex);
        }
        Warn(result, $"creating the index on tmstmp of {table}");
        var note = result.SchemaInAgreement ? null
            : $"the index was created, but the nodes did not all report the new schema within {_options.SchemaAgreementTimeout.TotalSeconds:0.#} s (schema versions: {result.SchemaAgreement}); " +
              "until they do, scans served by the other nodes read with ALLOW FILTERING. Check the cluster with nodetool describecluster.";
        var created = await FindTmstmpIndexAsync(tableName, cancellationToken).ConfigureAwait(false)
            ?? throw new IndexCreationException(IndexCreationFailure.Refused, qualified,
                $"{statement} succeeded on {_contactPoints}, but no storage-attached index on tmstmp of {table} shows in the schema; check it with DESCRIBE TABLE {table}");
        return new IndexCreation(Describe(created.Table), created.Index.Name, statement, created: true, note);
    }

    private async Task<(TableMetadata Table, IndexMetadata Index)?> FindTmstmpIndexAsync(string tableName, CancellationToken cancellationToken)
    {
        var keyspace = await GetKeyspaceAsync(true, cancellationToken).ConfigureAwait(false);
        return keyspace.Tables.TryGetValue(tableName, out var table) && TmstmpIndex.Find(table) is { } index ? (table, index) : null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads <c>SELECT id, tmstmp</c> by token sub-ranges in parallel (the given ranges, else the ring's ranges split
    /// as a sync scan splits them). The rows of one partition come together, newest first or last by the clustering
    /// order, so each worker collapses them to the newest as they stream by; nothing is held beyond one id.
    /// </remarks>
    public IAsyncEnumerable<EntryVersion> ReadVersionsAsync(TableInfo table, VersionScan scan, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (scan is null) throw new ArgumentNullException(nameof(scan));
        return ScanVersionsAsync(table, scan, cancellationToken);
    }

    /// <summary>
    /// Rows per page of a version scan: 40 bytes a row, so a page stays under the 85,000 bytes from which .NET puts a
    /// buffer on the large-object heap, which only a full collection frees. A long scan then leaves no garbage behind
    /// that would make its memory grow with the table.
    /// </summary>
    private const int VersionPageSize = 1800;

    private async IAsyncEnumerable<EntryVersion> ScanVersionsAsync(TableInfo table, VersionScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metadata = await GetTableAsync(table, cancellationToken).ConfigureAwait(false);
        // Only a lower bound can be pushed down: the newest version decides, and when it lies before the bound so do all.
        // With one, an SAI index on tmstmp serves it (the nodes read what is newer only), as for a run's scan.
        var notBefore = scan.NotBefore is not null;
        var statements = await PrepareScanAsync(metadata, throughIndex => TmstmpIndex.VersionScanQuery(metadata, notBefore, throughIndex), useIndex: notBefore,
            cancellationToken).ConfigureAwait(false);

        var ranges = scan.Tokens ?? ScanRanges.Plan(_session.TokenRing, _options.EffectiveScanSplits);
        var restrictions = scan.NotBefore is { } bound ? new object[] { EntryTime.LowerBound(UtcTime.TruncateToMilliseconds(bound)) } : Array.Empty<object>();
        var channel = Channel.CreateBounded<EntryVersion>(new BoundedChannelOptions(_options.ScanBufferSize)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Each sub-range through the scan that entry scans use (pages retried, timed-out reads split), its rows
        // collapsed to the newest of each id as they stream by: a sub-range hands its rows on in token order, the
        // rows of a partition together, so nothing is held beyond one id.
        var producer = ProduceAsync<EntryVersion>(metadata, ranges, async (subRange, writer, token) =>
        {
            var newest = new NewestOfPartition(writer);
            var rangeReader = new TokenRangeScan<(Guid Id, Guid Version)>(_session, metadata, statements, restrictions, _options, _contactPoints,
                static (_, id, version) => (id, version), newest.AddAsync)
            { OnWarning = _warnings.Add, PageSize = Math.Min(_options.PageSize, VersionPageSize) };
            await rangeReader.ReadAsync(subRange, token).ConfigureAwait(false);
            await newest.FlushAsync(token).ConfigureAwait(false);
        }, channel.Writer, stop);
        try
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                while (reader.TryRead(out var version))
                    yield return version;
        }
        finally
        {
            stop.Cancel();
            await producer.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (ids is null) throw new ArgumentNullException(nameof(ids));
        var newest = new DateTime?[ids.Count];
        if (ids.Count == 0) return newest;
        var metadata = await GetTableAsync(table, cancellationToken).ConfigureAwait(false);
        await ForEachNewestRowAsync(metadata, DataContract.TmstmpName, ids,
            (index, row) => newest[index] = row is { } found ? EntryTime.FromTimeUuid(found.GetGuid(1)) : null, cancellationToken).ConfigureAwait(false);
        return newest;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (ids is null) throw new ArgumentNullException(nameof(ids));
        var entries = new SyncEntry?[ids.Count];
        if (ids.Count == 0) return entries;
        var metadata = await GetTableAsync(table, cancellationToken).ConfigureAwait(false);
        var columns = metadata.Columns;
        await ForEachNewestRowAsync(metadata, string.Join(", ", columns.Where(c => c.Name != DataContract.IdName).Select(c => CqlIdentifier.Quote(c.Name))), ids, (index, row) =>
        {
            if (row is not { } found) return;
            try
            {
                entries[index] = CqlValueReader.ToEntry(metadata.Name, found);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                entries[index] = SyncEntry.Unreadable(metadata.Name, ids[index].ToString(), null, $"its newest row cannot be read: {ex.Message}");
            }
        }, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    /// <summary>
    /// Reads the newest row of each id (<see cref="NewestRowReader"/>: several ids per request where the table allows),
    /// and hands it (or null) to <paramref name="found"/> with the id's index; the first failed read fails them all.
    /// </summary>
    private async Task ForEachNewestRowAsync(TableMetadata table, string selection, IReadOnlyList<Guid> ids, Action<int, CqlRow?> found, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var failedId = Guid.Empty;
        await _newest.ReadAsync(table, selection, ids, _options.Consistency, found, (index, ex) =>
        {
            if (Interlocked.CompareExchange(ref failure, ex, null) is null) failedId = ids[index];
        }, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            throw new CassandraStoreException($"reading the newest version of id {failedId} in {table} from {_contactPoints} failed: {failure.Message}", failure);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
