using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Protocol;
using Synced.Cql.Tokens;
using Synced.Cql.Types;

namespace Synced.Cql.Metadata;

/// <summary>Reads keyspaces, tables, columns and user types from system_schema (Cassandra 3.0+).</summary>
internal static class SchemaLoader
{
    public static async Task<ClusterMetadata> LoadAsync(CqlSession session, TokenRing ring, IReadOnlyList<CqlHost> hosts, CancellationToken cancellationToken)
    {
        var keyspaces = await ReadAsync(session, "SELECT * FROM system_schema.keyspaces", cancellationToken).ConfigureAwait(false);
        var tables = await ReadAsync(session, "SELECT * FROM system_schema.tables", cancellationToken).ConfigureAwait(false);
        var columns = await ReadAsync(session, "SELECT * FROM system_schema.columns", cancellationToken).ConfigureAwait(false);
        var types = await ReadAsync(session, "SELECT * FROM system_schema.types", cancellationToken).ConfigureAwait(false);
        var indexes = await ReadIndexesAsync(session, cancellationToken).ConfigureAwait(false);

        var result = new Dictionary<string, KeyspaceMetadata>(StringComparer.Ordinal);
        foreach (var keyspaceRow in keyspaces)
        {
            var keyspace = (string)keyspaceRow["keyspace_name"]!;
            var userTypes = ResolveUserTypes(keyspace, types.Where(t => Equals(t["keyspace_name"], keyspace)).ToList());
            CqlType? Resolve(string? ks, string name) => (ks == null || ks == keyspace) && userTypes.TryGetValue(name, out var t) ? t : null;

            var tableMetadata = new Dictionary<string, TableMetadata>(StringComparer.Ordinal);
            foreach (var tableRow in tables.Where(t => Equals(t["keyspace_name"], keyspace)))
            {
                var table = (string)tableRow["table_name"]!;
                var tableColumns = new List<ColumnMetadata>();
                foreach (var columnRow in columns.Where(c => Equals(c["keyspace_name"], keyspace) && Equals(c["table_name"], table)))
                {
                    var typeText = (string)columnRow["type"]!;
                    CqlType type;
                    string? problem = null;
                    try
                    {
                        type = CqlType.Parse(typeText, Resolve);
                    }
                    catch (Exception ex) when (ex is FormatException || ex is ArgumentException)
                    {
                        // A type this client does not know must not stop the schema from loading: the column keeps
                        // its text (as a custom type) and says why; users of the table decide what that means.
                        type = CqlType.Custom(typeText);
                        problem = ex.Message;
                    }

                    tableColumns.Add(new ColumnMetadata(
                        (string)columnRow["column_name"]!,
                        type,
                    ParseKind(columnRow.TryGetValue("kind", out var kind) ? kind as string : null),
                    columnRow.TryGetValue("position", out var position) && position is int p ? p : -1,
                    ParseOrder(columnRow.TryGetValue("clustering_order", out var order) ? order as string : null),
                        problem));
                }

                var tableIndexes = indexes
                    .Where(i => Equals(i["keyspace_name"], keyspace) && Equals(i["table_name"], table))
                    .Select(i => new IndexMetadata(
                        (string)i["index_name"]!,
                        i.TryGetValue("kind", out var indexKind) && indexKind is string k ? k : string.Empty,
                        NodeRows.ToStringMap(i.TryGetValue("options", out var options) ? options : null)))
                    .ToList();
                tableMetadata[table] = new TableMetadata(keyspace, table, tableColumns, tableIndexes);
            }

            result[keyspace] = new KeyspaceMetadata(
                keyspace,
            !(keyspaceRow.TryGetValue("durable_writes", out var durable) && durable is bool d) || d,
            NodeRows.ToStringMap(keyspaceRow.TryGetValue("replication", out var replication) ? replication : null),
                tableMetadata,
                userTypes);
        }

        return new ClusterMetadata(result, ring, hosts);
    }

    private static Dictionary<string, CqlType> ResolveUserTypes(string keyspace, List<Dictionary<string, object?>> rows)
    {
        var resolved = new Dictionary<string, CqlType>(StringComparer.Ordinal);
        var byName = rows.ToDictionary(r => (string)r["type_name"]!, StringComparer.Ordinal);

        CqlType? Resolve(string? ks, string name)
        {
            if ((ks != null && ks != keyspace) || !byName.TryGetValue(name, out var row))
            {
                return null;
            }

            if (resolved.TryGetValue(name, out var done))
            {
                return done;
            }

            var names = ((IEnumerable<object?>)row["field_names"]!).Cast<string>().ToList();
            var typeTexts = ((IEnumerable<object?>)row["field_types"]!).Cast<string>().ToList();
            List<CqlUdtField> fields;
            try
            {
                fields = names.Select((n, i) => new CqlUdtField(n, CqlType.Parse(typeTexts[i], Resolve))).ToList();
            }
            catch (Exception ex) when (ex is FormatException || ex is ArgumentException)
            {
                // A field of an unknown type: the user type stays unresolved, so only columns using it are affected.
                return null;
            }

            var udt = CqlType.Udt(keyspace, name, fields);
            resolved[name] = udt;
            return udt;
        }

        foreach (var name in byName.Keys)
        {
            Resolve(null, name);
        }

        return resolved;
    }

    private static ColumnKind ParseKind(string? kind)
    {
        switch (kind)
        {
            case "partition_key": return ColumnKind.PartitionKey;
            case "clustering": return ColumnKind.Clustering;
            case "static": return ColumnKind.Static;
            default: return ColumnKind.Regular;
        }
    }

    private static ClusteringOrder ParseOrder(string? order)
    {
        switch (order)
        {
            case "asc": return ClusteringOrder.Ascending;
            case "desc": return ClusteringOrder.Descending;
            default: return ClusteringOrder.None;
        }
    }

    /// <summary>
    /// system_schema.indexes; a node without that table (not Cassandra 3.0+, or a look-alike) has no indexes to
    /// tell, which is not a reason to fail the schema.
    /// </summary>
    private static async Task<List<Dictionary<string, object?>>> ReadIndexesAsync(CqlSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(session, "SELECT * FROM system_schema.indexes", cancellationToken).ConfigureAwait(false);
        }
        catch (Errors.InvalidQueryException)
        {
            return new List<Dictionary<string, object?>>();
        }
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(CqlSession session, string query, CancellationToken cancellationToken)
    {
        var rows = new List<Dictionary<string, object?>>();
        var statement = new SimpleStatement(query) { Consistency = Consistency.One };
        await foreach (var row in session.QueryAsync(statement, cancellationToken).ConfigureAwait(false))
        {
            var values = new Dictionary<string, object?>(row.ColumnCount, StringComparer.Ordinal);
            for (var i = 0; i < row.ColumnCount; i++)
            {
                values[row.Columns[i].Name] = row.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }
}
