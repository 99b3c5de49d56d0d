using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;
using Synced.Cql;
using Synced.Emulators.Cassandra;

namespace Synced.Core.Tests.Cassandra;

/// <summary>An emulated node (or cluster of nodes) of its own with keyspace <c>ks</c> (replication factor 1), an admin session, and a connected store.</summary>
internal sealed class CassandraNode : IAsyncDisposable
{
    public const string KeyspaceName = "ks";

    private CassandraNode(CassandraEmulator emulator, CqlSession admin, CassandraStore store)
    {
        Emulator = emulator;
        Admin = admin;
        Store = store;
    }

    public CassandraEmulator Emulator { get; }

    public CqlSession Admin { get; }

    public CassandraStore Store { get; }

    /// <summary>
    /// Starts a node, or a cluster of <paramref name="nodes"/> (release 4.1 unless <paramref name="cassandraVersion"/>
    /// says otherwise, e.g. 5.0.2 for SAI). With one replica a partition, a request served by a node that does not
    /// hold all it touches shows in the emulator's request log.
    /// </summary>
    public static async Task<CassandraNode> StartAsync(IReadOnlyList<string>? tokens = null, Action<CassandraStoreOptions>? configure = null, string? cassandraVersion = null,
        int nodes = 1)
    {
        var emulatorOptions = new CassandraEmulatorOptions { Port = 0, Nodes = nodes };
        if (cassandraVersion is not null) emulatorOptions.CassandraVersion = cassandraVersion;
        if (tokens is not null) emulatorOptions.Tokens = tokens;
        var emulator = await CassandraEmulator.StartAsync(emulatorOptions);
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{emulator.EndPoint.Port}");
        var admin = await CqlSession.ConnectAsync(cluster);
        await admin.ExecuteAsync($"CREATE KEYSPACE {KeyspaceName} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        var options = Options(emulator);
        configure?.Invoke(options);
        var store = await CassandraStore.ConnectAsync(options, KeyspaceName, CancellationToken.None);
        return new CassandraNode(emulator, admin, store);
    }

    public static CassandraStoreOptions Options(CassandraEmulator emulator)
    {
        var options = new CassandraStoreOptions { Port = emulator.EndPoint.Port, Consistency = Synced.Cql.Protocol.Consistency.One };
        options.ContactPoints.Add("127.0.0.1");
        return options;
    }

    public Task CreateContractTableAsync(string table, string extraColumns = "name text")
        => Admin.ExecuteAsync($"CREATE TABLE {KeyspaceName}.{table} (id uuid, tmstmp timeuuid, {extraColumns}, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");

    public async Task<TableInfo> TableAsync(string name)
        => (await Store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == name);

    public async Task<List<SyncEntry>> ReadAllAsync(TableInfo table, TimeRange range)
    {
        var entries = new List<SyncEntry>();
        await foreach (var entry in Store.ReadAsync(table, range, CancellationToken.None)) entries.Add(entry);
        return entries;
    }

    /// <summary>Every stored version (id, tmstmp) of a table.</summary>
    public async Task<List<(Guid Id, Guid Tmstmp)>> VersionsAsync(string table)
    {
        var rows = new List<(Guid, Guid)>();
        await foreach (var row in Admin.QueryAsync($"SELECT id, tmstmp FROM {KeyspaceName}.{table}"))
            rows.Add(((Guid)row.GetValue(0)!, (Guid)row.GetValue(1)!));
        return rows;
    }

    public Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, TimestampPrecision source = TimestampPrecision.Milliseconds, bool dryRun = false)
        => Store.UpsertIfNewerAsync(table, batch, new UpsertContext { SourcePrecision = source, DryRun = dryRun }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Admin.DisposeAsync();
        await StopAsync(Emulator);
    }

    /// <summary>
    /// Stops an emulator once the server side of every closed client connection has ended: the emulator's
    /// connection disposal is not safe to run twice at once (reported to the lead).
    /// </summary>
    public static async Task StopAsync(CassandraEmulator emulator)
    {
        for (var i = 0; i < 200 && emulator.ConnectionCount > 0; i++) await Task.Delay(10);
        await emulator.DisposeAsync();
    }
}
