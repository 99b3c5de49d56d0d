using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql;

namespace Synced.Core.Connections;

/// <summary>Checks each cluster on its own (Test-SyncedConnection): reachable, credentials, version, keyspace / index.</summary>
public static class ConnectionProbe
{
    /// <summary>Checks Cassandra and, when given, that <paramref name="keyspace"/> exists. Never throws for cluster problems.</summary>
    public static async Task<ConnectionCheck> CheckCassandraAsync(ConnectionSettings settings, string? keyspace, CancellationToken cancellationToken)
    {
        var check = new ConnectionCheck { Side = CassandraConnector.Side, Endpoint = settings.DescribeCassandra(), Target = keyspace };
        var clock = Stopwatch.StartNew();
        try
        {
            await using var session = await CassandraConnector.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
            check.Reachable = true;
            check.Authenticated = true;
            check.Version = session.Hosts.Select(h => h.ReleaseVersion).FirstOrDefault(v => v is not null);
            if (keyspace is not null)
            {
                var metadata = await session.GetMetadataAsync(refresh: true, cancellationToken).ConfigureAwait(false);
                check.TargetExists = metadata.GetKeyspace(keyspace.ToLowerInvariant()) is not null || metadata.GetKeyspace(keyspace) is not null;
                if (check.TargetExists == false) check.Failure = ConnectionFailure.KeyspaceNotFound;
            }
            check.Message = check.TargetExists == false
                ? $"Connected to Cassandra {check.Version}, but keyspace '{keyspace}' does not exist."
                : $"Connected to Cassandra {check.Version} ({session.Hosts.Count} node(s), local data center {session.LocalDataCenter ?? "?"}).";
        }
        catch (SyncConnectionException ex)
        {
            check.Failure = ex.Failure;
            check.Reachable = ex.Failure is not ConnectionFailure.Unreachable and not ConnectionFailure.Tls;
            check.Message = ex.Message;
        }
        finally
        {
            check.Latency = clock.Elapsed;
        }
        return check;
    }

    /// <summary>Checks Elasticsearch and, when given, that <paramref name="index"/> (or its tables' indices) exists. Never throws for cluster problems.</summary>
    public static async Task<ConnectionCheck> CheckElasticsearchAsync(ConnectionSettings settings, string? index, CancellationToken cancellationToken)
    {
        var check = new ConnectionCheck { Side = ElasticsearchConnector.Side, Endpoint = settings.DescribeElasticsearch(), Target = index };
        var clock = Stopwatch.StartNew();
        try
        {
            var connection = await ElasticsearchConnector.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
            check.Reachable = true;
            check.Authenticated = true;
            check.Version = connection.ServerVersion.ToString();
            if (index is not null)
            {
                check.TargetExists = await ElasticsearchConnector.IndexExistsAsync(connection, index.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
                if (check.TargetExists == false) check.Failure = ConnectionFailure.IndexNotFound;
            }
            check.Message = check.TargetExists == false
                ? $"Connected to Elasticsearch {check.Version}, but there is no index or alias '{index}'."
                : $"Connected to Elasticsearch {check.Version}.";
        }
        catch (SyncConnectionException ex)
        {
            check.Failure = ex.Failure;
            check.Reachable = ex.Failure is not ConnectionFailure.Unreachable and not ConnectionFailure.Tls;
            check.Authenticated = ex.Failure is not ConnectionFailure.BadCredentials && check.Reachable;
            check.Message = ex.Message;
        }
        finally
        {
            check.Latency = clock.Elapsed;
        }
        return check;
    }
}
