using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Elasticsearch;
using Synced.Core.Stores;

namespace Synced.Core.Connections;

/// <summary>
/// Opens both stores of a sync from <see cref="ConnectionSettings"/>, checking before anything is written that
/// both clusters answer, accept the credentials, and hold the keyspace and the index.
/// </summary>
public static class StoreConnector
{
    /// <summary>Opens the Cassandra store of <paramref name="keyspace"/>.</summary>
    /// <exception cref="SyncConnectionException">Unreachable, bad credentials, TLS, or no such keyspace.</exception>
    public static async Task<CassandraStore> ConnectCassandraAsync(ConnectionSettings settings, string keyspace, CancellationToken cancellationToken)
    {
        var options = CassandraConnector.StoreOptions(settings);
        try
        {
            return await CassandraStore.ConnectAsync(options, keyspace, cancellationToken).ConfigureAwait(false);
        }
        catch (CassandraConnectionException ex)
        {
            var failure = ex.Failure switch
            {
                CassandraConnectionFailure.Unreachable => ConnectionFailure.Unreachable,
                CassandraConnectionFailure.BadCredentials => ConnectionFailure.BadCredentials,
                CassandraConnectionFailure.Tls => ConnectionFailure.Tls,
                CassandraConnectionFailure.KeyspaceMissing => ConnectionFailure.KeyspaceNotFound,
                _ => ConnectionFailure.Other,
            };
            throw new SyncConnectionException(CassandraConnector.Side, failure, ex.Message, ex);
        }
    }

    /// <summary>Opens the Elasticsearch store of <paramref name="index"/>.</summary>
    /// <param name="settings">Connection settings.</param>
    /// <param name="index">The index (PerTable: the alias over the table indices).</param>
    /// <param name="allowMissingIndex">True with -CreateMissing: tables are created as needed.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <exception cref="SyncConnectionException">Unreachable, bad credentials, not Elasticsearch, or no such index.</exception>
    public static async Task<ElasticsearchStore> ConnectElasticsearchAsync(ConnectionSettings settings, string index, bool allowMissingIndex, CancellationToken cancellationToken)
    {
        var name = index.ToLowerInvariant();
        var storeOptions = new ElasticsearchStoreOptions
        {
            Index = name,
            Layout = settings.IndexLayout,
            DiscriminatorField = settings.DiscriminatorField,
            ConflictMode = settings.ConflictMode,
        };
        try
        {
            storeOptions.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new SyncConnectionException(ElasticsearchConnector.Side, ConnectionFailure.Other, ex.Message, ex);
        }
        var connection = await ElasticsearchConnector.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        var store = new ElasticsearchStore(connection, storeOptions);
        if (!allowMissingIndex && !await ElasticsearchConnector.IndexExistsAsync(connection, name, cancellationToken).ConfigureAwait(false))
        {
            var tables = await store.ListTablesAsync(cancellationToken).ConfigureAwait(false);
            if (tables.Count == 0)
                throw new SyncConnectionException(ElasticsearchConnector.Side, ConnectionFailure.IndexNotFound,
                    $"Elasticsearch at {settings.DescribeElasticsearch()} has no index or alias '{name}'" +
                    (settings.IndexLayout == IndexLayout.PerTable ? $" and no table indices '{name}-*'" : string.Empty) +
                    ". Check -Index, or give -CreateMissing to create the indices of the Cassandra tables.");
        }
        return store;
    }

    /// <summary>Opens both stores (Cassandra first); disposes the first when the second fails.</summary>
    public static async Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)> ConnectAsync(ConnectionSettings settings, string keyspace, string index,
        bool allowMissingIndex, CancellationToken cancellationToken)
    {
        var cassandra = await ConnectCassandraAsync(settings, keyspace, cancellationToken).ConfigureAwait(false);
        try
        {
            var elasticsearch = await ConnectElasticsearchAsync(settings, index, allowMissingIndex, cancellationToken).ConfigureAwait(false);
            return (cassandra, elasticsearch);
        }
        catch
        {
            await cassandra.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
