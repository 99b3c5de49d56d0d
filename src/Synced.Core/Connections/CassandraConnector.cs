using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Cql;
using Synced.Cql.Errors;

namespace Synced.Core.Connections;

/// <summary>Builds CQL client options from <see cref="ConnectionSettings"/> and names Cassandra's failures.</summary>
internal static class CassandraConnector
{
    public const string Side = "Cassandra";

    /// <summary>The Cassandra store's options the settings describe: the one mapping from settings to Cassandra.</summary>
    public static CassandraStoreOptions StoreOptions(ConnectionSettings settings)
    {
        var options = new CassandraStoreOptions
        {
            Port = settings.CassandraPort,
            Credential = settings.CassandraCredential,
            LocalDataCenter = settings.CassandraDataCenter,
            Consistency = settings.Consistency,
            ReadConsistency = settings.ReadConsistency,
            WriteConsistency = settings.WriteConsistency,
            OnWarning = settings.OnCassandraWarning,
            ConnectTimeout = settings.ConnectTimeout,
            RequestTimeout = settings.RequestTimeout,
            Tls = settings.CassandraTlsOptions,
        };
        foreach (var host in settings.EffectiveCassandraHosts) options.ContactPoints.Add(host);
        return options;
    }

    /// <summary>The CQL client options of a plain session (connection checks), derived from <see cref="StoreOptions"/>.</summary>
    public static CqlClusterOptions Options(ConnectionSettings settings) => StoreOptions(settings).ToClusterOptions();

    public static async Task<CqlSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await CqlSession.ConnectAsync(Options(settings), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CqlException && Translate(ex, settings) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Turns a connect-time CQL error into a <see cref="SyncConnectionException"/> saying what to do.</summary>
    public static SyncConnectionException? Translate(Exception error, ConnectionSettings settings)
    {
        var hosts = settings.DescribeCassandra();
        var root = error is NoHostAvailableException none && none.Errors.Count > 0 ? none.Errors.Values.First() : error;
        switch (root)
        {
            case CqlAuthenticationException or BadCredentialsException:
                return new SyncConnectionException(Side, ConnectionFailure.BadCredentials,
                    $"Cassandra at {hosts} refused the credentials: {root.Message} Check -CassandraCredential.", error);
            case CqlTlsException:
                return new SyncConnectionException(Side, ConnectionFailure.Tls,
                    $"The TLS handshake with Cassandra at {hosts} failed: {root.Message}", error);
            case CqlConnectionException or NoHostAvailableException or CqlTimeoutException:
                return new SyncConnectionException(Side, ConnectionFailure.Unreachable,
                    $"Cassandra is not reachable at {hosts}: {error.Message} Check -CassandraHost and -CassandraPort, and that the node is up{SlowNetworkHint(root, settings)}.", error);
            default:
                return error is CqlException
                    ? new SyncConnectionException(Side, ConnectionFailure.Other, $"Cassandra at {hosts} answered with an error: {error.Message}", error)
                    : null;
        }
    }

    /// <summary>
    /// For a TCP connect that timed out, the parameter that sets the limit (a CQL request that timed out names
    /// its own limit and what to do; a refused connection has nothing to do with time).
    /// </summary>
    private static string SlowNetworkHint(Exception root, ConnectionSettings settings)
        => root is CqlConnectionException && root.Message.IndexOf("within", StringComparison.Ordinal) >= 0
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, ", or raise -ConnectTimeout (now {0:0.###} s) if the network is slow", settings.ConnectTimeout.TotalSeconds)
            : string.Empty;
}
