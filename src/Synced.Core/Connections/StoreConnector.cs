using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Elasticsearch;
using Synced.Core.Stores;

namespace Synced.Core.Connections;

/// <summary>
/// The one place that opens stores from <see cref="ConnectionSettings"/>: it checks the settings, then, before
/// anything is written, that both clusters answer, accept the credentials, and hold the keyspace and the index.
/// Whatever keeps a cluster from being used is a <see cref="ConnectionFailureException"/>.
/// </summary>
public static class StoreConnector
{
    /// <summary>Opens the Cassandra store of <paramref name="keyspace"/>.</summary>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
    /// <exception cref="ConnectionFailureException">Unreachable, bad credentials, TLS, or no such keyspace.</exception>
    public static Task<CassandraStore> ConnectCassandraAsync(ConnectionSettings settings, string keyspace, CancellationToken cancellationToken)
    {
        Validate(settings);
        return CassandraStore.ConnectAsync(settings.ToCassandraOptions(), keyspace, cancellationToken);
    }

    /// <summary>Opens the Elasticsearch store of <paramref name="index"/>.</summary>
    /// <param name="settings">Connection settings.</param>
    /// <param name="index">The index (PerTable: the alias over the table indices).</param>
    /// <param name="allowMissingIndex">True when the run creates missing tables, or only lists them: the index need not exist yet.</param>
    /// <param name="conflictMode">How the store's writes guard against older versions.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <exception cref="InvalidSettingException">A setting (or the index name) cannot be used.</exception>
    /// <exception cref="ConnectionFailureException">Unreachable, bad credentials, not Elasticsearch, or no such index.</exception>
    public static async Task<ElasticsearchStore> ConnectElasticsearchAsync(ConnectionSettings settings, string index, bool allowMissingIndex, ConflictMode conflictMode,
        CancellationToken cancellationToken)
    {
        Validate(settings);
        if (index is null) throw new ArgumentNullException(nameof(index));
        var name = index.ToLowerInvariant();
        var options = new ElasticsearchStoreOptions { Index = name, Layout = settings.IndexLayout, DiscriminatorField = settings.DiscriminatorField, ConflictMode = conflictMode };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidSettingException("Index", ex.Message, null, ex);
        }
        var store = await ElasticsearchStore.ConnectAsync(settings.ToElasticsearchOptions(), options, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!allowMissingIndex && !await IndexExistsAsync(store.Connection, name, cancellationToken).ConfigureAwait(false)
                && (await store.ListTablesAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
                throw new ConnectionFailureException(ConnectionFailureKind.IndexNotFound, StoreSide.Elasticsearch,
                    $"Elasticsearch at {settings.DescribeElasticsearch()} has no index or alias '{name}'" +
                    (settings.IndexLayout == IndexLayout.PerTable ? $" and no table indices '{name}-*'" : string.Empty) +
                    ". Check the index name, or let the run create the indices of the Cassandra tables.",
                    null, ConnectionRemedy.CheckTarget, ConnectionRemedy.CreateMissing);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens both stores (Cassandra first); closes the first when the second fails.</summary>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
    /// <exception cref="ConnectionFailureException">A cluster cannot be used.</exception>
    public static async Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)> ConnectAsync(ConnectionSettings settings, string keyspace, string index,
        bool allowMissingIndex, ConflictMode conflictMode, CancellationToken cancellationToken)
    {
        var cassandra = await ConnectCassandraAsync(settings, keyspace, cancellationToken).ConfigureAwait(false);
        try
        {
            var elasticsearch = await ConnectElasticsearchAsync(settings, index, allowMissingIndex, conflictMode, cancellationToken).ConfigureAwait(false);
            return (cassandra, elasticsearch);
        }
        catch
        {
            await cassandra.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The two stores of <paramref name="keyspace"/> and <paramref name="index"/>, opened on first use (and again
    /// after a reset); for work that holds them for a while (a loop of runs, a pipeline of differences).
    /// </summary>
    public static StorePair Pair(ConnectionSettings settings, string keyspace, string index, bool allowMissingIndex, ConflictMode conflictMode)
    {
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        return new StorePair(ct => ConnectAsync(settings, keyspace, index, allowMissingIndex, conflictMode, ct),
            $"Cassandra at {settings.DescribeCassandra()} and Elasticsearch at {settings.DescribeElasticsearch()}");
    }

    /// <summary>
    /// Connects both stores, runs <paramref name="work"/> over them and closes them, whatever the work does: the
    /// one way to do one piece of work on both clusters. Writes go with <see cref="ConflictMode.Compare"/>.
    /// </summary>
    /// <param name="settings">Connection settings.</param>
    /// <param name="keyspace">The Cassandra keyspace.</param>
    /// <param name="index">The Elasticsearch index.</param>
    /// <param name="allowMissingIndex">True when the index need not exist (the work only lists tables).</param>
    /// <param name="work">What to do with the open stores.</param>
    /// <param name="onPhase">Hears that the connection starts, or null.</param>
    /// <param name="cancellationToken">Stops connecting and the work.</param>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
    /// <exception cref="ConnectionFailureException">A cluster cannot be used.</exception>
    public static async Task<T> UseAsync<T>(ConnectionSettings settings, string keyspace, string index, bool allowMissingIndex,
        Func<ISyncStore, ISyncStore, CancellationToken, Task<T>> work, Action<string>? onPhase, CancellationToken cancellationToken)
    {
        if (work is null) throw new ArgumentNullException(nameof(work));
        var stores = Pair(settings, keyspace, index, allowMissingIndex, ConflictMode.Compare);
        await using (stores.ConfigureAwait(false))
        {
            onPhase?.Invoke($"Connecting to {stores.Description}");
            var (cassandra, elasticsearch) = await stores.GetAsync(cancellationToken).ConfigureAwait(false);
            return await work(cassandra, elasticsearch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks each cluster on its own (reachable, credentials, version) and, when given, that the keyspace and the
    /// index exist; never throws for what a cluster does (a failure is the check's <see cref="ConnectionCheck.Failure"/>).
    /// </summary>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
    public static async Task<ConnectionCheck[]> CheckAsync(ConnectionSettings settings, string? keyspace, string? index, CancellationToken cancellationToken)
    {
        Validate(settings);
        var cassandra = CheckCassandraAsync(settings, keyspace, cancellationToken);
        var elasticsearch = CheckElasticsearchAsync(settings, index, cancellationToken);
        return new[] { await cassandra.ConfigureAwait(false), await elasticsearch.ConfigureAwait(false) };
    }

    /// <summary>Checks Cassandra and, when given, that <paramref name="keyspace"/> exists.</summary>
    internal static async Task<ConnectionCheck> CheckCassandraAsync(ConnectionSettings settings, string? keyspace, CancellationToken cancellationToken)
    {
        var check = new ConnectionCheck { Side = StoreSide.Cassandra, Endpoint = settings.DescribeCassandra(), Target = keyspace };
        var clock = Stopwatch.StartNew();
        try
        {
            var options = settings.ToCassandraOptions();
            var session = await CassandraStore.OpenSessionAsync(options, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                check.Reachable = true;
                check.Authenticated = true;
                check.Version = session.Hosts.Select(h => h.ReleaseVersion).FirstOrDefault(v => v is not null);
                if (keyspace is not null)
                {
                    check.TargetExists = (await CassandraStore.FindKeyspaceAsync(session, options, keyspace, cancellationToken).ConfigureAwait(false)).Keyspace is not null;
                    if (check.TargetExists == false)
                        check.Failure = new ConnectionFailure(ConnectionFailureKind.KeyspaceNotFound, StoreSide.Cassandra,
                            $"Connected to Cassandra {check.Version}, but keyspace '{keyspace}' does not exist.", ConnectionRemedy.CheckTarget);
                }
                check.Message = check.Failure?.Message
                    ?? $"Connected to Cassandra {check.Version} ({session.Hosts.Count} node(s), local data center {session.LocalDataCenter ?? "?"}).";
            }
        }
        catch (ConnectionFailureException ex)
        {
            Fail(check, ex.Failure);
        }
        finally
        {
            check.Latency = clock.Elapsed;
        }
        return check;
    }

    /// <summary>Checks Elasticsearch and, when given, that <paramref name="index"/> (or its tables' indices) exists.</summary>
    internal static async Task<ConnectionCheck> CheckElasticsearchAsync(ConnectionSettings settings, string? index, CancellationToken cancellationToken)
    {
        var check = new ConnectionCheck { Side = StoreSide.Elasticsearch, Endpoint = settings.DescribeElasticsearch(), Target = index };
        var clock = Stopwatch.StartNew();
        try
        {
            using var connection = await ElasticsearchConnection.ConnectAsync(settings.ToElasticsearchOptions(), cancellationToken).ConfigureAwait(false);
            check.Reachable = true;
            check.Authenticated = true;
            check.Version = connection.ServerVersion.ToString();
            if (index is not null)
            {
                check.TargetExists = await IndexExistsAsync(connection, index.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
                if (check.TargetExists == false)
                    check.Failure = new ConnectionFailure(ConnectionFailureKind.IndexNotFound, StoreSide.Elasticsearch,
                        $"Connected to Elasticsearch {check.Version}, but there is no index or alias '{index}'.", ConnectionRemedy.CheckTarget);
            }
            check.Message = check.Failure?.Message ?? $"Connected to Elasticsearch {check.Version}.";
        }
        catch (ConnectionFailureException ex)
        {
            Fail(check, ex.Failure);
        }
        finally
        {
            check.Latency = clock.Elapsed;
        }
        return check;
    }

    private static void Fail(ConnectionCheck check, ConnectionFailure failure)
    {
        check.Failure = failure;
        // A failed TLS handshake is no answer; a refusal of the credentials (or of a privilege) is one.
        check.Reachable = failure.Kind is not ConnectionFailureKind.Unreachable and not ConnectionFailureKind.Tls;
        check.Authenticated = check.Reachable && failure.Kind is not ConnectionFailureKind.BadCredentials and not ConnectionFailureKind.Forbidden;
        check.Message = failure.Message;
    }

    /// <summary>Whether the index or alias exists (HEAD, which answers for aliases too).</summary>
    private static async Task<bool> IndexExistsAsync(ElasticsearchConnection connection, string index, CancellationToken cancellationToken)
    {
        var answer = await connection.Client.Indices.ExistsAsync(index, ct: cancellationToken).ConfigureAwait(false);
        if (answer.ApiCall.HttpStatusCode is 200) return true;
        if (answer.ApiCall.HttpStatusCode is 404) return false;
        if (answer.ApiCall.HttpStatusCode is null && ElasticsearchConnection.IsTimeout(answer.OriginalException, cancellationToken))
            throw new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Elasticsearch,
                $"Elasticsearch at {connection.Options.DescribeNodes()} did not answer HEAD /{index} within the request timeout of {ElasticsearchConnection.Seconds(connection.Options.RequestTimeout)} s: check that the cluster is healthy and not overloaded, or raise the request timeout.",
                answer.OriginalException, ConnectionRemedy.RaiseRequestTimeout);
        throw new ConnectionFailureException(ConnectionFailureKind.ServerError, StoreSide.Elasticsearch,
            $"Elasticsearch at {connection.Options.DescribeNodes()} did not say whether index '{index}' exists (HTTP {answer.ApiCall.HttpStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}).",
            answer.OriginalException);
    }

    private static void Validate(ConnectionSettings settings)
        => (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
}
