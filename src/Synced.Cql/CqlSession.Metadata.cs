using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Connections;
using Synced.Cql.Metadata;

namespace Synced.Cql;

// Schema metadata and schema agreement.
public sealed partial class CqlSession
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile ClusterMetadata? _schema;
    private volatile bool _schemaStale = true;

    /// <summary>
    /// Waits until every live node reports the same schema version (system.local of the control node and its
    /// system.peers, or peers_v2; nodes this client sees as down are left out), checking every
    /// <see cref="CqlClusterOptions.SchemaAgreementInterval"/>, for at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<SchemaAgreement> WaitForSchemaAgreementAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var versions = await ReadSchemaVersionsAsync(cancellationToken).ConfigureAwait(false);
            var agreed = versions.Values.Distinct().Count() <= 1;
            if (agreed || clock.Elapsed >= timeout)
            {
                return new SchemaAgreement(agreed, versions, clock.Elapsed);
            }

            var pause = timeout - clock.Elapsed;
            await Task.Delay(pause < _options.SchemaAgreementInterval ? pause : _options.SchemaAgreementInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyDictionary<string, Guid?>> ReadSchemaVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        var control = _controlHost;
        var local = await ControlQueryAsync(LocalQuery, cancellationToken).ConfigureAwait(false);
        versions[control?.Address ?? "control"] = local.Count > 0 ? NodeRows.Column<object>(local[0], "schema_version") as Guid? : null;
        if (!_options.DiscoverPeers)
        {
            return versions;
        }

        var (peers, v2) = await QueryPeersAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in peers)
        {
            var endPoint = NodeRows.PeerEndPoint(row, v2, _options.Port);
            if (endPoint == null || (control != null && endPoint.Equals(control.EndPoint)))
            {
                continue;
            }

            var host = _hosts.FirstOrDefault(h => h.EndPoint.Equals(endPoint));
            if (host != null && !host.IsUp)
            {
                // A node that is down applies the change when it comes back; it does not hold the others up.
                continue;
            }

            versions[host?.Address ?? CqlConnection.HostLabel(endPoint)] = NodeRows.Column<object>(row, "schema_version") as Guid?;
        }

        return versions;
    }

    /// <summary>The schema and token ring; read from system_schema on first use and again after schema changes.</summary>
    public async Task<ClusterMetadata> GetMetadataAsync(bool refresh = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var current = _schema;
        if (current != null && !refresh && !_schemaStale)
        {
            return current;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schema != null && !refresh && !_schemaStale)
            {
                return _schema;
            }

            _schemaStale = false;
            var loaded = await SchemaLoader.LoadAsync(this, _ring, _hosts, cancellationToken).ConfigureAwait(false);
            _replication = loaded.Keyspaces.ToDictionary(k => k.Key, k => k.Value.Replication, StringComparer.Ordinal);
            _schema = loaded;
            return loaded;
        }
        catch
        {
            _schemaStale = true;
            throw;
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
