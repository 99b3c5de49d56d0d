using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>DDL: builds the next schema snapshot from the current one, with Cassandra's checks and messages.</summary>
internal static class SchemaExecutor
{
    private static readonly HashSet<string> KnownTableOptions = new(StringComparer.Ordinal)
    {
        "additional_write_policy", "bloom_filter_fp_chance", "caching", "cdc", "comment", "compaction", "compression",
        "crc_check_chance", "dclocal_read_repair_chance", "default_time_to_live", "extensions", "gc_grace_seconds",
        "max_index_interval", "memtable_flush_period_in_ms", "min_index_interval", "read_repair", "read_repair_chance",
        "speculative_retry", "id",
    };

    /// <summary>Applies a DDL statement; returns the new snapshot (null when nothing changed) and the change to announce.</summary>
    public static (SchemaSnapshot? Next, SchemaChangeResult? Change) Apply(SchemaSnapshot schema, CqlStatement statement, string? currentKeyspace, SchemaFeatures? features = null)
    {
        var previous = _features;
        _features = features ?? SchemaFeatures.Default;
        try
        {
            return ApplyCore(schema, statement, currentKeyspace);
        }
        finally
        {
            _features = previous;
        }
    }

    // The cluster's features for the statement being applied (DDL runs under the cluster's DDL lock, one at a time per thread).
    [ThreadStatic] private static SchemaFeatures? _features;

    private static SchemaFeatures Features => _features ?? SchemaFeatures.Default;

    private static (SchemaSnapshot? Next, SchemaChangeResult? Change) ApplyCore(SchemaSnapshot schema, CqlStatement statement, string? currentKeyspace)
    {
        switch (statement)
        {
            case CreateKeyspaceStatement s: return CreateKeyspace(schema, s);
            case CreateTableStatement s: return CreateTable(schema, s, currentKeyspace);
            case CreateTypeStatement s: return CreateType(schema, s, currentKeyspace);
            case DropStatement s: return Drop(schema, s, currentKeyspace);
            case AlterKeyspaceStatement s: return AlterKeyspace(schema, s);
            case AlterTableStatement s: return AlterTable(schema, s, currentKeyspace);
            case AlterTypeStatement s: return AlterType(schema, s, currentKeyspace);
            case CreateIndexStatement s: return CreateIndex(schema, s, currentKeyspace);
        }
        throw new InvalidOperationException("not a DDL statement: " + statement.GetType().Name);
    }

    private static SchemaSnapshot With(SchemaSnapshot schema, KeyspaceSchema keyspace)
        => new(schema.Keyspaces.SetItem(keyspace.Name, keyspace), Guid.NewGuid());

    private static KeyspaceSchema UserKeyspace(SchemaSnapshot schema, string name)
    {
        var ks = schema.FindKeyspace(name) ?? throw new CqlInvalidException($"Keyspace '{name}' doesn't exist");
        if (ks.IsSystem) throw new CqlUnauthorizedException($"{name} keyspace is not user-modifiable.");
        return ks;
    }

    private static (SchemaSnapshot?, SchemaChangeResult?) CreateKeyspace(SchemaSnapshot schema, CreateKeyspaceStatement s)
    {
        if (s.Name.Length > 48) throw new CqlInvalidException($"Keyspace name must not be more than 48 characters long (got {s.Name.Length} characters for \"{s.Name}\")");
        var existing = schema.FindKeyspace(s.Name);
        if (existing is not null)
        {
            if (s.IfNotExists) return (null, null);
            throw new CqlAlreadyExistsException(s.Name, "", $"Keyspace '{s.Name}' already exists");
        }
        var (replication, durable) = KeyspaceOptions(s.Name, s.Properties, null);
        var ks = new KeyspaceSchema(s.Name, replication, durable, KeyspaceSchema.NoTables, KeyspaceSchema.NoTypes, false);
        return (With(schema, ks), new SchemaChangeResult("CREATED", "KEYSPACE", s.Name, null));
    }

    private static (Dictionary<string, string> Replication, bool DurableWrites) KeyspaceOptions(string name, Dictionary<string, object> properties, KeyspaceSchema? current)
    {
        var replication = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current.Replication, StringComparer.Ordinal);
        var durable = current?.DurableWrites ?? true;
        foreach (var p in properties)
        {
            switch (p.Key)
            {
                case "replication":
                    if (p.Value is not MapTerm map) throw new CqlSyntaxException("Invalid value for property 'replication'. It should be a map.");
                    replication.Clear();
                    foreach (var e in map.Entries) replication[Text(e.Key)] = Text(e.Value);
                    break;
                case "durable_writes":
                    durable = Text((Term)p.Value).Equals("true", StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    throw new CqlSyntaxException($"Unknown property '{p.Key}'");
            }
        }
        if (!replication.TryGetValue("class", out var cls)) throw new CqlConfigurationException("Missing replication strategy class");
        if (!cls.Contains('.')) replication["class"] = "org.apache.cassandra.locator." + cls;
        // Validated as the strategy will read it (factors, data center names).
        Cluster.ReplicationStrategy.Parse(name, replication, Features.DataCenters);
        return (replication, durable);
    }

    private static (SchemaSnapshot?, SchemaChangeResult?) AlterKeyspace(SchemaSnapshot schema, AlterKeyspaceStatement s)
    {
        var ks = UserKeyspace(schema, s.Name);
        var (replication, durable) = KeyspaceOptions(ks.Name, s.Properties, ks);
        var altered = new KeyspaceSchema(ks.Name, replication, durable, ks.Tables, ks.Types, false);
        return (With(schema, altered), new SchemaChangeResult("UPDATED", "KEYSPACE", ks.Name, null));
    }

    /// <summary>WITH options of CREATE/ALTER TABLE: scalars as text, maps as string maps; default_time_to_live checked.</summary>
    private static (Dictionary<string, object> Options, int DefaultTtl) TableOptions(Dictionary<string, object> properties, IReadOnlyDictionary<string, object>? current, bool counters)
    {
        var options = current is null ? new Dictionary<string, object>(StringComparer.Ordinal) : new Dictionary<string, object>(current, StringComparer.Ordinal);
        foreach (var p in properties)
        {
            if (!KnownTableOptions.Contains(p.Key)) throw new CqlSyntaxException($"Unknown property '{p.Key}'");
            options[p.Key] = p.Value switch
            {
                MapTerm map => TableOptionMaps.Normalize(p.Key, map.Entries.ToDictionary(e => Text(e.Key), e => Text(e.Value), StringComparer.Ordinal)),
                // "{}" parses as an empty set literal; as an option value it is an empty map.
                SetTerm { Items.Count: 0 } => TableOptionMaps.Normalize(p.Key, new Dictionary<string, string>(StringComparer.Ordinal)),
                _ when TableOptionMaps.IsMapOption(p.Key) => throw new CqlSyntaxException($"Invalid value for property '{p.Key}'. It should be a map."),
                _ => Text((Term)p.Value),
            };
        }
        var ttl = 0;
        if (options.TryGetValue("default_time_to_live", out var ttlText))
        {
            if (!int.TryParse((string)ttlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out ttl) || ttl < 0)
                throw new CqlConfigurationException($"default_time_to_live must be greater than or equal to 0 (got {ttlText})");
            if (counters && ttl > 0) throw new CqlInvalidException("Cannot set default_time_to_live on a table with counters");
        }
        return (options, ttl);
    }

    private static (SchemaSnapshot?, SchemaChangeResult?) AlterTable(SchemaSnapshot schema, AlterTableStatement s, string? current)
    {
        var ksName = ExecutionContextKeyspace(s.Table, current);
        var ks = UserKeyspace(schema, ksName);
        if (!ks.Tables.TryGetValue(s.Table.Name, out var table)) throw new CqlInvalidException($"Table '{ksName}.{s.Table.Name}' doesn't exist");
        var others = table.Others.Select(c => c.Copy()).ToList();
        var options = table.Options;
        var ttl = table.DefaultTtl;
        switch (s.Kind)
        {
            case AlterTableKind.Add:
                foreach (var def in s.Added)
                {
                    if (table.Find(def.Name) is not null || others.Any(c => c.Name == def.Name))
                        throw new CqlInvalidException($"Column with name '{def.Name}' already exists");
                    if (def.Static && table.Clustering.Count == 0)
                        throw new CqlInvalidException($"Static columns are only useful (and thus allowed) if the table has at least one clustering column");
                    var type = TypeResolver.Resolve(def.Type, ks, allowVector: Features.Cassandra5);
                    if ((type.Kind == TypeKind.Counter) != table.IsCounter || table.Others.Count == 0 && type.Kind == TypeKind.Counter)
                        throw new CqlInvalidException(table.IsCounter ? "Cannot add a non counter column (" + def.Name + ") in a counter column family" : "Cannot add a counter column (" + def.Name + ") in a non counter column family");
                    others.Add(new ColumnSchema(def.Name, type, def.Static ? ColumnKind.Static : ColumnKind.Regular, -1, false));
                }
                break;
            case AlterTableKind.Drop:
                foreach (var name in s.Dropped)
                {
                    var column = table.Find(name) ?? throw new CqlInvalidException($"Column {name} was not found in table {ksName}.{table.Name}");
                    if (column.IsPrimaryKey) throw new CqlInvalidException($"Cannot drop PRIMARY KEY column {name}");
                    var dependent = table.Indexes.Where(i => i.Column == name).Select(i => i.Name).ToList();
                    if (dependent.Count > 0)
                        throw new CqlInvalidException($"Cannot drop column {name} because it has dependent secondary indexes ({string.Join(", ", dependent)})");
                    others.RemoveAll(c => c.Name == name);
                }
                break;
            default:
                (var changed, ttl) = TableOptions(s.Properties, table.Options, table.IsCounter);
                options = changed;
                break;
        }
        var altered = new TableSchema(ksName, table.Name, table.Id, table.PartitionKey.Select(c => c.Copy()).ToArray(),
            table.Clustering.Select(c => c.Copy()).ToArray(), others, options, ttl, table.Indexes);
        return (With(schema, ks.WithTables(ks.Tables.SetItem(table.Name, altered))), new SchemaChangeResult("UPDATED", "TABLE", ksName, table.Name));
    }

    private static (SchemaSnapshot?, SchemaChangeResult?) AlterType(SchemaSnapshot schema, AlterTypeStatement s, string? current)
    {
        var ksName = ExecutionContextKeyspace(s.Type, current);
        var ks = UserKeyspace(schema, ksName);
        if (!ks.Types.TryGetValue(s.Type.Name, out var udt)) throw new CqlInvalidException($"No user type named {ksName}.{s.Type.Name} exists.");
        var names = udt.FieldNames.ToList();
        var types = udt.FieldTypes.ToList();
        foreach (var f in s.Added)
        {
            if (names.Contains(f.Key)) throw new CqlInvalidException($"Cannot add new field {f.Key} to type {ksName}.{udt.Name}: a field of the same name already exists");
            names.Add(f.Key);
            types.Add(TypeResolver.Resolve(f.Value, ks, allowVector: Features.Cassandra5));
        }
        var altered = new UserTypeSchema(ksName, udt.Name, names, types);
        var next = ks.WithTypes(ks.Types.SetItem(udt.Name, altered));
        // Columns of this type (at any depth) now carry the new field list.
        var tables = next.Tables;
        foreach (var t in ks.Tables.Values)
        {
            if (!t.AllColumns.Any(c => Uses(c.Type, udt.Name))) continue;
            ColumnSchema Retype(ColumnSchema c) => new(c.Name, Replace(c.Type, altered), c.Kind, c.Position, c.Descending);
            tables = tables.SetItem(t.Name, new TableSchema(ksName, t.Name, t.Id, t.PartitionKey.Select(Retype).ToArray(),
                t.Clustering.Select(Retype).ToArray(), t.Others.Select(Retype).ToList(), t.Options, t.DefaultTtl, t.Indexes));
        }
        return (With(schema, next.WithTables(tables)), new SchemaChangeResult("UPDATED", "TYPE", ksName, udt.Name));
    }

    private static ColumnType Replace(ColumnType type, UserTypeSchema udt)
    {
        if (type.Kind == TypeKind.Udt && type.UdtName == udt.Name) return udt.AsType(type.IsFrozen);
        if (!type.Parameters.Any(p => Uses(p, udt.Name))) return type;
        var parameters = type.Parameters.Select(p => Replace(p, udt)).ToArray();
        return type.Kind switch
        {
            TypeKind.List => ColumnType.ListOf(parameters[0], type.IsFrozen),
            TypeKind.Set => ColumnType.SetOf(parameters[0], type.IsFrozen),
            TypeKind.Map => ColumnType.MapOf(parameters[0], parameters[1], type.IsFrozen),
            TypeKind.Tuple => ColumnType.TupleOf(parameters),
            TypeKind.Udt => ColumnType.UserType(type.Keyspace!, type.UdtName!, type.FieldNames, parameters, type.IsFrozen),
            _ => type,
        };
    }

    private static string ExecutionContextKeyspace(QualifiedName name, string? current) => StatementContext.KeyspaceOf(name, current);

    private static string Text(Term term) => term switch
    {
        LiteralTerm l => l.Text,
        _ => throw new CqlSyntaxException("Invalid property value: a constant is expected"),
    };

    private static (SchemaSnapshot?, SchemaChangeResult?) CreateTable(SchemaSnapshot schema, CreateTableStatement s, string? current)
    {
        var ksName = StatementContext.KeyspaceOf(s.Table, current);
        var ks = UserKeyspace(schema, ksName);
        var name = s.Table.Name;
        if (ks.Tables.ContainsKey(name))
        {
            if (s.IfNotExists) return (null, null);
            throw new CqlAlreadyExistsException(ksName, name, $"Cannot add already existing table \"{name}\" to keyspace \"{ksName}\"");
        }
        if (s.PartitionKey.Count == 0) throw new CqlInvalidException("No PRIMARY KEY specifed for table '" + name + "' (exactly one required)");
        if (s.CompactStorage) throw new CqlInvalidException("COMPACT STORAGE tables are not supported by this emulator");
        var defs = new Dictionary<string, ColumnDefinition>(StringComparer.Ordinal);
        foreach (var c in s.Columns)
            if (!defs.TryAdd(c.Name, c)) throw new CqlInvalidException($"Duplicate column '{c.Name}' declaration for table {ksName}.{name}");
        ColumnType TypeOf(string column) => TypeResolver.Resolve(defs[column].Type, ks, allowVector: Features.Cassandra5);
        foreach (var k in s.PartitionKey.Concat(s.Clustering))
            if (!defs.ContainsKey(k)) throw new CqlInvalidException($"Unknown definition {k} referenced in PRIMARY KEY");
        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in s.PartitionKey.Concat(s.Clustering))
            if (!keyNames.Add(k)) throw new CqlInvalidException($"Column '{k}' appears more than once in the PRIMARY KEY");

        var order = s.ClusteringOrder;
        for (var i = 0; i < order.Count; i++)
        {
            if (!s.Clustering.Contains(order[i].Key)) throw new CqlInvalidException($"Only clustering key columns can be defined in CLUSTERING ORDER directive: {order[i].Key} is not a clustering column");
            if (i >= s.Clustering.Count || s.Clustering[i] != order[i].Key)
                throw new CqlInvalidException("The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns");
        }

        var partitionKey = new List<ColumnSchema>();
        for (var i = 0; i < s.PartitionKey.Count; i++)
        {
            var type = KeyType(TypeOf(s.PartitionKey[i]), s.PartitionKey[i]);
            if (defs[s.PartitionKey[i]].Static) throw new CqlInvalidException($"Static column {s.PartitionKey[i]} cannot be part of the PRIMARY KEY");
            partitionKey.Add(new ColumnSchema(s.PartitionKey[i], type, ColumnKind.PartitionKey, i, false));
        }
        var clustering = new List<ColumnSchema>();
        for (var i = 0; i < s.Clustering.Count; i++)
        {
            var type = KeyType(TypeOf(s.Clustering[i]), s.Clustering[i]);
            if (defs[s.Clustering[i]].Static) throw new CqlInvalidException($"Static column {s.Clustering[i]} cannot be part of the PRIMARY KEY");
            var desc = i < order.Count && order[i].Value;
            clustering.Add(new ColumnSchema(s.Clustering[i], type, ColumnKind.Clustering, i, desc));
        }
        var others = new List<ColumnSchema>();
        foreach (var c in s.Columns)
        {
            if (keyNames.Contains(c.Name)) continue;
            if (c.Static && s.Clustering.Count == 0)
                throw new CqlInvalidException("Static columns are only useful (and thus allowed) if the table has at least one clustering column");
            others.Add(new ColumnSchema(c.Name, TypeOf(c.Name), c.Static ? ColumnKind.Static : ColumnKind.Regular, -1, false));
        }
        var counters = others.Count(c => c.Type.Kind == TypeKind.Counter);
        if (counters > 0 && counters != others.Count)
            throw new CqlInvalidException("Cannot mix counter and non counter columns in the same table");

        var (options, ttl) = TableOptions(s.Properties, null, counters > 0);
        var id = options.TryGetValue("id", out var idText) ? Guid.Parse((string)idText) : Guid.NewGuid();
        var table = new TableSchema(ksName, name, id, partitionKey, clustering, others, options, ttl);
        return (With(schema, ks.WithTables(ks.Tables.SetItem(name, table))), new SchemaChangeResult("CREATED", "TABLE", ksName, name));
    }

    private static ColumnType KeyType(ColumnType type, string column)
    {
        if (type.IsMultiCell) throw new CqlInvalidException($"Invalid non-frozen {(type.Kind == TypeKind.Udt ? "user-defined type" : "collection type")} for PRIMARY KEY component {column}");
        if (type.Kind == TypeKind.Counter) throw new CqlInvalidException($"counter type is not supported for PRIMARY KEY column '{column}'");
        if (type.Kind == TypeKind.Duration) throw new CqlInvalidException($"duration type is not supported for PRIMARY KEY column '{column}'");
        return type;
    }

    private static (SchemaSnapshot?, SchemaChangeResult?) CreateType(SchemaSnapshot schema, CreateTypeStatement s, string? current)
    {
        var ksName = StatementContext.KeyspaceOf(s.Type, current);
        var ks = UserKeyspace(schema, ksName);
        var name = s.Type.Name;
        if (ks.Types.ContainsKey(name))
        {
            if (s.IfNotExists) return (null, null);
            throw new CqlInvalidException($"A user type with name '{name}' already exists");
        }
        if (ColumnType.TryNative(name, out _) || name is "list" or "set" or "map" or "tuple" or "frozen")
            throw new CqlInvalidException($"Type name '{name}' is reserved");
        var names = new List<string>();
        var types = new List<ColumnType>();
        foreach (var f in s.Fields)
        {
            if (names.Contains(f.Key)) throw new CqlInvalidException($"Duplicate field name {f.Key} in type {name}");
            if (f.Value.Name == name && !f.Value.Quoted) throw new CqlInvalidException($"User type {ksName}.{name} cannot refer to itself");
            var t = TypeResolver.Resolve(f.Value, ks, allowVector: Features.Cassandra5);
            if (t.Kind == TypeKind.Counter) throw new CqlInvalidException("A user type cannot contain counters");
            names.Add(f.Key);
            types.Add(t);
        }
        var udt = new UserTypeSchema(ksName, name, names, types);
        return (With(schema, ks.WithTypes(ks.Types.SetItem(name, udt))), new SchemaChangeResult("CREATED", "TYPE", ksName, name));
    }

    private static (SchemaSnapshot?, SchemaChangeResult?) Drop(SchemaSnapshot schema, DropStatement s, string? current)
    {
        switch (s.Kind)
        {
            case DropKind.Keyspace:
            {
                var existing = schema.FindKeyspace(s.Name.Name);
                if (existing is null)
                {
                    if (s.IfExists) return (null, null);
                    throw new CqlInvalidException($"Keyspace '{s.Name.Name}' doesn't exist");
                }
                if (existing.IsSystem) throw new CqlUnauthorizedException($"{existing.Name} keyspace is not user-modifiable.");
                return (new SchemaSnapshot(schema.Keyspaces.Remove(s.Name.Name), Guid.NewGuid()), new SchemaChangeResult("DROPPED", "KEYSPACE", s.Name.Name, null));
            }
            case DropKind.Table:
            {
                var ksName = StatementContext.KeyspaceOf(s.Name, current);
                var ks = schema.FindKeyspace(ksName);
                if (ks is null)
                {
                    if (s.IfExists) return (null, null);
                    throw new CqlInvalidException($"Keyspace '{ksName}' doesn't exist");
                }
                if (ks.IsSystem) throw new CqlUnauthorizedException($"{ksName} keyspace is not user-modifiable.");
                if (!ks.Tables.ContainsKey(s.Name.Name))
                {
                    if (s.IfExists) return (null, null);
                    throw new CqlInvalidException($"Table '{ksName}.{s.Name.Name}' doesn't exist");
                }
                return (With(schema, ks.WithTables(ks.Tables.Remove(s.Name.Name))), new SchemaChangeResult("DROPPED", "TABLE", ksName, s.Name.Name));
            }
            case DropKind.Index:
            {
                var ksName = StatementContext.KeyspaceOf(s.Name, current);
                var ks = schema.FindKeyspace(ksName);
                var owner = ks?.Tables.Values.FirstOrDefault(t => t.Indexes.Any(i => i.Name == s.Name.Name));
                if (ks is null || owner is null)
                {
                    if (s.IfExists) return (null, null);
                    if (ks is null) throw new CqlInvalidException($"Keyspace '{ksName}' doesn't exist");
                    throw new CqlInvalidException($"Index '{ksName}.{s.Name.Name}' doesn't exist");
                }
                if (ks.IsSystem) throw new CqlUnauthorizedException($"{ksName} keyspace is not user-modifiable.");
                var without = owner.WithIndexes(owner.Indexes.Where(i => i.Name != s.Name.Name).ToList());
                return (With(schema, ks.WithTables(ks.Tables.SetItem(owner.Name, without))), new SchemaChangeResult("UPDATED", "TABLE", ksName, owner.Name));
            }
            default:
            {
                var ksName = StatementContext.KeyspaceOf(s.Name, current);
                var ks = schema.FindKeyspace(ksName);
                if (ks is null || !ks.Types.ContainsKey(s.Name.Name))
                {
                    if (s.IfExists) return (null, null);
                    if (ks is null) throw new CqlInvalidException($"Keyspace '{ksName}' doesn't exist");
                    throw new CqlInvalidException($"Type '{ksName}.{s.Name.Name}' doesn't exist");
                }
                foreach (var t in ks.Tables.Values)
                    foreach (var c in t.AllColumns)
                        if (Uses(c.Type, s.Name.Name))
                            throw new CqlInvalidException($"Cannot drop user type {ksName}.{s.Name.Name} as it is still used by table {ksName}.{t.Name}");
                foreach (var other in ks.Types.Values)
                    if (other.Name != s.Name.Name && other.FieldTypes.Any(ft => Uses(ft, s.Name.Name)))
                        throw new CqlInvalidException($"Cannot drop user type {ksName}.{s.Name.Name} as it is still used by user type {other.Name}");
                return (With(schema, ks.WithTypes(ks.Types.Remove(s.Name.Name))), new SchemaChangeResult("DROPPED", "TYPE", ksName, s.Name.Name));
            }
        }
    }

    /// <summary>
    /// CREATE INDEX: a legacy secondary index without USING; USING 'sai' / 'StorageAttachedIndex' (Cassandra 5.0) a
    /// storage-attached index. Cassandra's checks and default name (table_column_idx) apply; SCHEMA_CHANGE is UPDATED TABLE.
    /// </summary>
    private static (SchemaSnapshot?, SchemaChangeResult?) CreateIndex(SchemaSnapshot schema, CreateIndexStatement s, string? current)
    {
        var ksName = StatementContext.KeyspaceOf(s.Table, current);
        var ks = UserKeyspace(schema, ksName);
        if (!ks.Tables.TryGetValue(s.Table.Name, out var table)) throw new CqlInvalidException($"Table '{ksName}.{s.Table.Name}' doesn't exist");
        var column = table.Find(s.Column) ?? throw new CqlInvalidException($"Column '{s.Column}' doesn't exist");
        string? className = null;
        if (s.Using is { } klass)
        {
            className = klass switch
            {
                _ when klass.Equals("sai", StringComparison.OrdinalIgnoreCase) || klass == "StorageAttachedIndex" || klass == IndexSchema.SaiClass => IndexSchema.SaiClass,
                _ when klass.Equals("legacy_local_table", StringComparison.OrdinalIgnoreCase) => null,
                _ => throw new CqlInvalidException($"Unable to find custom indexer class '{klass}'"),
            };
            if (className == IndexSchema.SaiClass && !Features.Cassandra5)
                throw new CqlInvalidException($"Unable to find custom indexer class '{klass}'");
        }
        if (table.IsCounter) throw new CqlInvalidException("Secondary indexes on counter tables are not supported");
        if (column.Kind == ColumnKind.PartitionKey && table.PartitionKey.Count == 1 && className is null)
            throw new CqlInvalidException($"Cannot create secondary index on the only partition key column {column.Name}");
        var target = s.TargetKind switch
        {
            "keys" => IndexTargetKind.Keys,
            "values" => IndexTargetKind.Values,
            "entries" => IndexTargetKind.Entries,
            "full" => IndexTargetKind.Full,
            _ => column.Type.IsMultiCell && column.Type.IsCollection ? IndexTargetKind.Values : IndexTargetKind.Simple,
        };
        if (target is IndexTargetKind.Keys or IndexTargetKind.Entries && column.Type.Kind != TypeKind.Map)
            throw new CqlInvalidException($"Cannot create index on {s.TargetKind} of column {column.Name} with non-map type");
        if (target is IndexTargetKind.Keys or IndexTargetKind.Values or IndexTargetKind.Entries && !column.Type.IsMultiCell)
            throw new CqlInvalidException($"Cannot create {s.TargetKind}() index on frozen column {column.Name}. Frozen collections are immutable and must be fully indexed by using the 'full({column.Name})' modifier");
        if (target == IndexTargetKind.Full && !(column.Type.IsCollection && column.Type.IsFrozen))
            throw new CqlInvalidException("full() indexes can only be created on frozen collections");
        if (target == IndexTargetKind.Simple && column.Type.IsFrozen && column.Type.IsCollection)
            throw new CqlInvalidException($"Cannot create index on frozen column {column.Name}. Frozen collections only support full() indexes");
        var name = s.Name ?? $"{table.Name}_{column.Name}_idx";
        var index = new IndexSchema(name, column.Name, target, className, s.Options);
        foreach (var t in ks.Tables.Values)
            foreach (var existing in t.Indexes)
                if (existing.Name == name)
                {
                    if (s.IfNotExists) return (null, null);
                    throw new CqlInvalidException($"Index '{name}' already exists");
                }
        var duplicate = table.Indexes.FirstOrDefault(i => i.Column == index.Column && i.Target == index.Target && i.ClassName == index.ClassName);
        if (duplicate is not null)
        {
            if (s.IfNotExists) return (null, null);
            throw new CqlInvalidException($"Index {name} is a duplicate of existing index {duplicate.Name}");
        }
        var indexed = table.WithIndexes(table.Indexes.Append(index).ToList());
        return (With(schema, ks.WithTables(ks.Tables.SetItem(table.Name, indexed))), new SchemaChangeResult("UPDATED", "TABLE", ksName, table.Name));
    }

    private static bool Uses(ColumnType type, string udt)
        => type.Kind == TypeKind.Udt && type.UdtName == udt || type.Parameters.Any(p => Uses(p, udt));
}
