using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Net;
using System.Text;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// The system keyspaces drivers read at connect (system.local/peers/peers_v2, system_schema.*,
/// system_virtual_schema.*). Their rows are generated from the current schema snapshot and cached per version.
/// </summary>
internal sealed class SystemTables
{
    private static readonly string[] Definitions =
    {
        "CREATE TABLE system.local (key text PRIMARY KEY, bootstrapped text, broadcast_address inet, broadcast_port int, cluster_name text, cql_version text, data_center text, gossip_generation int, host_id uuid, listen_address inet, listen_port int, native_protocol_version text, partitioner text, rack text, release_version text, rpc_address inet, rpc_port int, schema_version uuid, tokens set<text>, truncated_at map<uuid, blob>)",
        "CREATE TABLE system.peers (peer inet PRIMARY KEY, data_center text, host_id uuid, preferred_ip inet, rack text, release_version text, rpc_address inet, schema_version uuid, tokens set<text>)",
        "CREATE TABLE system.peers_v2 (peer inet, peer_port int, data_center text, host_id uuid, native_address inet, native_port int, preferred_ip inet, preferred_port int, rack text, release_version text, schema_version uuid, tokens set<text>, PRIMARY KEY (peer, peer_port))",
        "CREATE TABLE system_schema.keyspaces (keyspace_name text PRIMARY KEY, durable_writes boolean, replication frozen<map<text, text>>)",
        "CREATE TABLE system_schema.tables (keyspace_name text, table_name text, additional_write_policy text, bloom_filter_fp_chance double, caching frozen<map<text, text>>, cdc boolean, comment text, compaction frozen<map<text, text>>, compression frozen<map<text, text>>, crc_check_chance double, dclocal_read_repair_chance double, default_time_to_live int, extensions frozen<map<text, blob>>, flags frozen<set<text>>, gc_grace_seconds int, id uuid, max_index_interval int, memtable_flush_period_in_ms int, min_index_interval int, read_repair text, read_repair_chance double, speculative_retry text, PRIMARY KEY (keyspace_name, table_name))",
        "CREATE TABLE system_schema.columns (keyspace_name text, table_name text, column_name text, clustering_order text, column_name_bytes blob, kind text, position int, type text, PRIMARY KEY (keyspace_name, table_name, column_name))",
        "CREATE TABLE system_schema.types (keyspace_name text, type_name text, field_names frozen<list<text>>, field_types frozen<list<text>>, PRIMARY KEY (keyspace_name, type_name))",
        "CREATE TABLE system_schema.functions (keyspace_name text, function_name text, argument_types frozen<list<text>>, argument_names frozen<list<text>>, body text, called_on_null_input boolean, language text, return_type text, PRIMARY KEY (keyspace_name, function_name, argument_types))",
        "CREATE TABLE system_schema.aggregates (keyspace_name text, aggregate_name text, argument_types frozen<list<text>>, final_func text, initcond text, return_type text, state_func text, state_type text, PRIMARY KEY (keyspace_name, aggregate_name, argument_types))",
        "CREATE TABLE system_schema.triggers (keyspace_name text, table_name text, trigger_name text, options frozen<map<text, text>>, PRIMARY KEY (keyspace_name, table_name, trigger_name))",
        "CREATE TABLE system_schema.views (keyspace_name text, view_name text, base_table_id uuid, base_table_name text, bloom_filter_fp_chance double, caching frozen<map<text, text>>, cdc boolean, comment text, compaction frozen<map<text, text>>, compression frozen<map<text, text>>, crc_check_chance double, dclocal_read_repair_chance double, default_time_to_live int, extensions frozen<map<text, blob>>, gc_grace_seconds int, id uuid, include_all_columns boolean, max_index_interval int, memtable_flush_period_in_ms int, min_index_interval int, read_repair_chance double, speculative_retry text, where_clause text, PRIMARY KEY (keyspace_name, view_name))",
        "CREATE TABLE system_schema.indexes (keyspace_name text, table_name text, index_name text, kind text, options frozen<map<text, text>>, PRIMARY KEY (keyspace_name, table_name, index_name))",
        "CREATE TABLE system_schema.dropped_columns (keyspace_name text, table_name text, column_name text, dropped_time timestamp, kind text, type text, PRIMARY KEY (keyspace_name, table_name, column_name))",
        "CREATE TABLE system_virtual_schema.keyspaces (keyspace_name text PRIMARY KEY)",
        "CREATE TABLE system_virtual_schema.tables (keyspace_name text, table_name text, comment text, PRIMARY KEY (keyspace_name, table_name))",
        "CREATE TABLE system_virtual_schema.columns (keyspace_name text, table_name text, column_name text, clustering_order text, column_name_bytes blob, kind text, position int, type text, PRIMARY KEY (keyspace_name, table_name, column_name))",
        "CREATE TABLE system_traces.sessions (session_id uuid PRIMARY KEY, client inet, command text, coordinator inet, coordinator_port int, duration int, parameters map<text, text>, request text, started_at timestamp)",
        "CREATE TABLE system_traces.events (session_id uuid, event_id timeuuid, activity text, source inet, source_elapsed int, source_port int, thread text, PRIMARY KEY ((session_id), event_id))",
        // The cost model (issue 11): rows read from storage before filtering, and rows returned, per table since start.
        "CREATE TABLE system_views.rows_examined (keyspace_name text, table_name text, rows_examined bigint, rows_returned bigint, PRIMARY KEY (keyspace_name, table_name))",
    };

    /// <summary>Tables generated on every read (their contents change without a schema change).</summary>
    private static readonly string[] CompoundFlag = { "compound" };
    private static readonly HashSet<string> LiveTables = new(StringComparer.Ordinal)
    {
        "system.local", "system.peers", "system.peers_v2", "system_traces.sessions", "system_traces.events", "system_views.rows_examined",
    };

    /// <summary>Keyspaces that are virtual: listed in system_virtual_schema, not in system_schema, read on the coordinator.</summary>
    public static readonly IReadOnlyCollection<string> VirtualKeyspaces = new[] { "system_virtual_schema", "system_views" };

    public static bool IsVirtual(string keyspace) => VirtualKeyspaces.Contains(keyspace);

    private readonly CassandraNode _node;
    private readonly ConcurrentDictionary<(Guid Version, Guid Table), TableStore> _cache = new();

    public SystemTables(CassandraNode node) { _node = node; }

    private NodeIdentity Identity => _node.Identity;

    /// <summary>The schema a node starts with: the system keyspaces and their tables.</summary>
    public static SchemaSnapshot InitialSchema()
    {
        var keyspaces = ImmutableSortedDictionary.Create<string, KeyspaceSchema>(StringComparer.Ordinal);
        var localReplication = new Dictionary<string, string> { ["class"] = Cluster.ReplicationStrategy.Local };
        // system_traces is a distributed keyspace (SimpleStrategy, replication factor 2, as Cassandra creates it).
        var tracesReplication = new Dictionary<string, string> { ["class"] = Cluster.ReplicationStrategy.Simple, ["replication_factor"] = "2" };
        var snapshot = new SchemaSnapshot(keyspaces, Guid.Empty);
        foreach (var ksName in new[] { "system", "system_schema", "system_traces", "system_virtual_schema", "system_views" })
        {
            var ks = new KeyspaceSchema(ksName, ksName == "system_traces" ? tracesReplication : localReplication, true, KeyspaceSchema.NoTables, KeyspaceSchema.NoTypes, true);
            snapshot = new SchemaSnapshot(snapshot.Keyspaces.SetItem(ksName, ks), Guid.Empty);
        }
        foreach (var definition in Definitions)
        {
            var statement = (CreateTableStatement)CqlParser.Parse(definition);
            var ks = snapshot.FindKeyspace(statement.Table.Keyspace!)!;
            // Built like user tables, then put into the (read-only) system keyspace.
            var open = new KeyspaceSchema(ks.Name, ks.Replication, true, ks.Tables, ks.Types, false);
            var (next, _) = SchemaExecutor.Apply(new SchemaSnapshot(snapshot.Keyspaces.SetItem(ks.Name, open), Guid.Empty), statement, null);
            var built = next!.FindKeyspace(ks.Name)!;
            snapshot = new SchemaSnapshot(snapshot.Keyspaces.SetItem(ks.Name, new KeyspaceSchema(ks.Name, ks.Replication, true, built.Tables, built.Types, true)), Guid.Empty);
        }
        return new SchemaSnapshot(snapshot.Keyspaces, Guid.NewGuid());
    }

    /// <summary>The generated contents of a system table as this node sees it at the given schema version.</summary>
    public TableStore StoreFor(TableSchema table, SchemaSnapshot schema)
    {
        if (LiveTables.Contains($"{table.Keyspace}.{table.Name}"))
        {
            var live = new TableStore(table);
            foreach (var row in Rows(table, schema)) Load(live, row);
            return live;
        }
        return _cache.GetOrAdd((schema.Version, table.Id), _ =>
        {
            // Drop older versions so the cache stays small.
            foreach (var key in _cache.Keys) if (key.Version != schema.Version) _cache.TryRemove(key, out var _);
            var store = new TableStore(table);
            foreach (var row in Rows(table, schema)) Load(store, row);
            return store;
        });
    }

    private static void Load(TableStore store, Dictionary<string, byte[]?> values)
    {
        var t = store.Schema;
        var components = t.PartitionKey.Select(c => values[c.Name]!).ToArray();
        var key = PartitionKeyCodec.Compose(components);
        var partition = store.GetOrCreate(Tokens.Of(key), key, components);
        var row = store.GetOrCreateRow(partition, t.Clustering.Select(c => values[c.Name]!).ToArray());
        row.WriteMarker(0, 0, 0);
        foreach (var c in t.Others)
            if (values.TryGetValue(c.Name, out var v) && v is not null)
                row.Write(c.CellIndex, Cell.Live(v, 0, 0, 0));
    }

    private IEnumerable<Dictionary<string, byte[]?>> Rows(TableSchema table, SchemaSnapshot schema)
    {
        var userVisible = schema.Keyspaces.Values.Where(k => !VirtualKeyspaces.Contains(k.Name)).ToList();
        var virtualKs = schema.Keyspaces.Values.Where(k => VirtualKeyspaces.Contains(k.Name)).ToList();
        var identity = Identity;
        var peers = _node.Cluster.Nodes.Where(n => !ReferenceEquals(n, _node)).ToList();
        switch ($"{table.Keyspace}.{table.Name}")
        {
            case "system.local":
                yield return new Dictionary<string, byte[]?>
                {
                    ["key"] = Text("local"),
                    ["bootstrapped"] = Text("COMPLETED"),
                    ["broadcast_address"] = Inet(identity.Address),
                    ["broadcast_port"] = LiteralCodec.Int32(7000),
                    ["cluster_name"] = Text(identity.ClusterName),
                    ["cql_version"] = Text(identity.CqlVersion),
                    ["data_center"] = Text(identity.DataCenter),
                    ["gossip_generation"] = LiteralCodec.Int32(identity.GossipGeneration),
                    ["host_id"] = Uuid(identity.HostId),
                    ["listen_address"] = Inet(identity.Address),
                    ["listen_port"] = LiteralCodec.Int32(7000),
                    ["native_protocol_version"] = Text("4"),
                    ["partitioner"] = Text("org.apache.cassandra.dht.Murmur3Partitioner"),
                    ["rack"] = Text(identity.Rack),
                    ["release_version"] = Text(identity.ReleaseVersion),
                    ["rpc_address"] = Inet(identity.Address),
                    ["rpc_port"] = LiteralCodec.Int32(identity.Port),
                    ["schema_version"] = Uuid(schema.Version),
                    ["tokens"] = TextSet(identity.TokenStrings),
                };
                break;
            case "system.peers":
                // Every other node, up or down, as gossip knows it (its own current schema version).
                foreach (var peer in peers)
                    yield return new Dictionary<string, byte[]?>
                    {
                        ["peer"] = Inet(peer.Address),
                        ["data_center"] = Text(peer.Identity.DataCenter),
                        ["host_id"] = Uuid(peer.Identity.HostId),
                        ["preferred_ip"] = null,
                        ["rack"] = Text(peer.Identity.Rack),
                        ["release_version"] = Text(peer.Identity.ReleaseVersion),
                        ["rpc_address"] = Inet(peer.Address),
                        ["schema_version"] = Uuid(peer.Schema.Version),
                        ["tokens"] = TextSet(peer.Identity.TokenStrings),
                    };
                break;
            case "system.peers_v2":
                foreach (var peer in peers)
                    yield return new Dictionary<string, byte[]?>
                    {
                        ["peer"] = Inet(peer.Address),
                        ["peer_port"] = LiteralCodec.Int32(7000),
                        ["data_center"] = Text(peer.Identity.DataCenter),
                        ["host_id"] = Uuid(peer.Identity.HostId),
                        ["native_address"] = Inet(peer.Address),
                        ["native_port"] = LiteralCodec.Int32(peer.Identity.Port),
                        ["preferred_ip"] = null,
                        ["preferred_port"] = null,
                        ["rack"] = Text(peer.Identity.Rack),
                        ["release_version"] = Text(peer.Identity.ReleaseVersion),
                        ["schema_version"] = Uuid(peer.Schema.Version),
                        ["tokens"] = TextSet(peer.Identity.TokenStrings),
                    };
                break;
            case "system_views.rows_examined":
                foreach (var (ks, t, examined, returned) in _node.Cluster.Metrics.Snapshot())
                    yield return new Dictionary<string, byte[]?>
                    {
                        ["keyspace_name"] = Text(ks),
                        ["table_name"] = Text(t),
                        ["rows_examined"] = LiteralCodec.Int64(examined),
                        ["rows_returned"] = LiteralCodec.Int64(returned),
                    };
                break;
            case "system_traces.sessions":
                foreach (var session in _node.Cluster.Traces.Snapshot())
                    yield return new Dictionary<string, byte[]?>
                    {
                        ["session_id"] = session.Id,
                        ["client"] = Inet(session.Client),
                        ["command"] = Text("QUERY"),
                        ["coordinator"] = Inet(session.Coordinator.Address),
                        ["coordinator_port"] = LiteralCodec.Int32(7000),
                        ["duration"] = session.DurationMicros is { } d ? LiteralCodec.Int32(d) : null,
                        ["parameters"] = TextMap(session.Parameters),
                        ["request"] = Text(session.Request),
                        ["started_at"] = LiteralCodec.Int64(session.StartedAt.ToUnixTimeMilliseconds()),
                    };
                break;
            case "system_traces.events":
                foreach (var session in _node.Cluster.Traces.Snapshot())
                    foreach (var e in session.Events)
                        yield return new Dictionary<string, byte[]?>
                        {
                            ["session_id"] = session.Id,
                            ["event_id"] = e.EventId,
                            ["activity"] = Text(e.Activity),
                            ["source"] = Inet(e.Source),
                            ["source_elapsed"] = LiteralCodec.Int32(e.SourceElapsedMicros),
                            ["source_port"] = LiteralCodec.Int32(7000),
                            ["thread"] = Text(e.Thread),
                        };
                break;
            case "system_schema.keyspaces":
                foreach (var ks in userVisible)
                    yield return new Dictionary<string, byte[]?>
                    {
                        ["keyspace_name"] = Text(ks.Name),
                        ["durable_writes"] = Bool(ks.DurableWrites),
                        ["replication"] = TextMap(ks.Replication),
                    };
                break;
            case "system_schema.tables":
                foreach (var ks in userVisible)
                    foreach (var t in ks.Tables.Values)
                        yield return TableRow(t);
                break;
            case "system_schema.columns":
                foreach (var ks in userVisible)
                    foreach (var t in ks.Tables.Values)
                        foreach (var c in t.AllColumns)
                            yield return ColumnRow(t, c);
                break;
            case "system_schema.types":
                foreach (var ks in userVisible)
                    foreach (var u in ks.Types.Values)
                        yield return new Dictionary<string, byte[]?>
                        {
                            ["keyspace_name"] = Text(u.Keyspace),
                            ["type_name"] = Text(u.Name),
                            ["field_names"] = TextList(u.FieldNames),
                            ["field_types"] = TextList(u.FieldTypes.Select(f => f.ToCqlText()).ToList()),
                        };
                break;
            case "system_schema.indexes":
                foreach (var ks in userVisible)
                    foreach (var t in ks.Tables.Values)
                        foreach (var index in t.Indexes)
                            yield return new Dictionary<string, byte[]?>
                            {
                                ["keyspace_name"] = Text(ks.Name),
                                ["table_name"] = Text(t.Name),
                                ["index_name"] = Text(index.Name),
                                ["kind"] = Text(index.Kind),
                                ["options"] = TextMap(index.Options),
                            };
                break;
            case "system_virtual_schema.keyspaces":
                foreach (var ks in virtualKs) yield return new Dictionary<string, byte[]?> { ["keyspace_name"] = Text(ks.Name) };
                break;
            case "system_virtual_schema.tables":
                foreach (var ks in virtualKs)
                    foreach (var t in ks.Tables.Values)
                        yield return new Dictionary<string, byte[]?> { ["keyspace_name"] = Text(ks.Name), ["table_name"] = Text(t.Name), ["comment"] = Text("") };
                break;
            case "system_virtual_schema.columns":
                foreach (var ks in virtualKs)
                    foreach (var t in ks.Tables.Values)
                        foreach (var c in t.AllColumns)
                            yield return ColumnRow(t, c);
                break;
        }
    }

    private static Dictionary<string, byte[]?> TableRow(TableSchema t)
    {
        string Opt(string name, string fallback) => t.Options.TryGetValue(name, out var v) && v is string s ? s : fallback;
        IReadOnlyDictionary<string, string> MapOpt(string name, IReadOnlyDictionary<string, string> fallback)
            => t.Options.TryGetValue(name, out var v) && v is Dictionary<string, string> m ? m : fallback;
        return new Dictionary<string, byte[]?>
        {
            ["keyspace_name"] = Text(t.Keyspace),
            ["table_name"] = Text(t.Name),
            ["additional_write_policy"] = Text(Opt("additional_write_policy", "99p")),
            ["bloom_filter_fp_chance"] = Double(Opt("bloom_filter_fp_chance", "0.01")),
            ["caching"] = TextMap(MapOpt("caching", new Dictionary<string, string> { ["keys"] = "ALL", ["rows_per_partition"] = "NONE" })),
            ["cdc"] = Bool(Opt("cdc", "false") == "true"),
            ["comment"] = Text(Opt("comment", "")),
            ["compaction"] = TextMap(MapOpt("compaction", new Dictionary<string, string> { ["class"] = "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy", ["max_threshold"] = "32", ["min_threshold"] = "4" })),
            ["compression"] = TextMap(MapOpt("compression", new Dictionary<string, string> { ["chunk_length_in_kb"] = "16", ["class"] = "org.apache.cassandra.io.compress.LZ4Compressor" })),
            ["crc_check_chance"] = Double(Opt("crc_check_chance", "1.0")),
            ["dclocal_read_repair_chance"] = Double(Opt("dclocal_read_repair_chance", "0.0")),
            ["default_time_to_live"] = LiteralCodec.Int32(t.DefaultTtl),
            ["extensions"] = CollectionValues.Join(new List<byte[]?>(), true),
            ["flags"] = TextSet(CompoundFlag),
            ["gc_grace_seconds"] = LiteralCodec.Int32(int.Parse(Opt("gc_grace_seconds", "864000"), System.Globalization.CultureInfo.InvariantCulture)),
            ["id"] = Uuid(t.Id),
            ["max_index_interval"] = LiteralCodec.Int32(2048),
            ["memtable_flush_period_in_ms"] = LiteralCodec.Int32(0),
            ["min_index_interval"] = LiteralCodec.Int32(128),
            ["read_repair"] = Text("BLOCKING"),
            ["read_repair_chance"] = Double(Opt("read_repair_chance", "0.0")),
            ["speculative_retry"] = Text(Opt("speculative_retry", "99p")),
        };
    }

    private static Dictionary<string, byte[]?> ColumnRow(TableSchema t, ColumnSchema c) => new()
    {
        ["keyspace_name"] = Text(t.Keyspace),
        ["table_name"] = Text(t.Name),
        ["column_name"] = Text(c.Name),
        ["clustering_order"] = Text(c.ClusteringOrderText),
        ["column_name_bytes"] = Encoding.UTF8.GetBytes(c.Name),
        ["kind"] = Text(c.KindText),
        ["position"] = LiteralCodec.Int32(c.Position),
        ["type"] = Text(c.Type.ToCqlText()),
    };

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
    private static byte[] Bool(bool b) => new[] { (byte)(b ? 1 : 0) };
    private static byte[] Inet(IPAddress a) => a.GetAddressBytes();
    private static byte[] Uuid(Guid g) => LiteralCodec.UuidBytes(g.ToString());
    private static byte[] Double(string s) => LiteralCodec.Int64(BitConverter.DoubleToInt64Bits(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)));
    private static byte[] TextSet(IEnumerable<string> items) => CollectionValues.Join(CollectionValues.NormalizeSet(ColumnType.Text, items.Select(Text)), false);
    private static byte[] TextList(IReadOnlyList<string> items) => CollectionValues.Join(items.Select(i => (byte[]?)Text(i)).ToList(), false);

    private static byte[] TextMap(IReadOnlyDictionary<string, string> map)
    {
        var flat = new List<byte[]?>();
        foreach (var p in map)
        {
            flat.Add(Text(p.Key));
            flat.Add(Text(p.Value));
        }
        return CollectionValues.Join(CollectionValues.NormalizeMap(ColumnType.Text, flat), true);
    }
}
