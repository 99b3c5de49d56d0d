using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Stores;

namespace Synced.Core.Engine;

/// <summary>
/// The tables both stores hold, listed once per run (both sides at once) so the selection can be checked
/// before anything runs and the watermarks of every known table can be found. Tables a run creates are added.
/// </summary>
public sealed class TableInventory
{
    private readonly Dictionary<string, TableInfo> _cassandra;
    private readonly Dictionary<string, TableInfo> _elasticsearch;

    /// <summary>Creates an inventory from the two lists.</summary>
    public TableInventory(IEnumerable<TableInfo> cassandra, IEnumerable<TableInfo> elasticsearch)
    {
        _cassandra = ByName(cassandra);
        _elasticsearch = ByName(elasticsearch);
    }

    /// <summary>Lists the tables of both stores, in parallel.</summary>
    public static async Task<TableInventory> ListAsync(ISyncStore cassandra, ISyncStore elasticsearch, CancellationToken cancellationToken)
    {
        var fromCassandra = cassandra.ListTablesAsync(cancellationToken);
        var fromElasticsearch = elasticsearch.ListTablesAsync(cancellationToken);
        return new TableInventory(await fromCassandra.ConfigureAwait(false), await fromElasticsearch.ConfigureAwait(false));
    }

    /// <summary>Cassandra's tables, sorted by name.</summary>
    public IReadOnlyList<TableInfo> Cassandra => Sorted(_cassandra);

    /// <summary>Elasticsearch's tables (types), sorted by name.</summary>
    public IReadOnlyList<TableInfo> Elasticsearch => Sorted(_elasticsearch);

    /// <summary>Every table name either side holds, sorted, once each.</summary>
    public IReadOnlyList<string> Names
        => _cassandra.Keys.Concat(_elasticsearch.Keys).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>True when both sides hold a table of that name (else only a run that creates missing tables syncs it).</summary>
    public bool OnBothSides(string name) => _cassandra.ContainsKey(name) && _elasticsearch.ContainsKey(name);

    /// <summary>The tables of one side.</summary>
    internal IReadOnlyList<TableInfo> TablesOf(bool cassandraSide) => cassandraSide ? Cassandra : Elasticsearch;

    /// <summary>The table of that name on one side, or null.</summary>
    internal TableInfo? Find(bool cassandraSide, string name)
        => (cassandraSide ? _cassandra : _elasticsearch).TryGetValue(name, out var table) ? table : null;

    /// <summary>Records a table a run created.</summary>
    internal void Add(bool cassandraSide, TableInfo table) => (cassandraSide ? _cassandra : _elasticsearch)[table.Name] = table;

    /// <summary>Refuses a selection with a table pattern that matches no table on either side.</summary>
    /// <exception cref="TableNotFoundException">Some pattern matches nothing.</exception>
    public void EnsureSelectionMatches(TableSelection selection)
        => (selection ?? throw new ArgumentNullException(nameof(selection))).EnsureMatchesAny(Names);

    private static Dictionary<string, TableInfo> ByName(IEnumerable<TableInfo> tables)
    {
        var map = new Dictionary<string, TableInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables ?? throw new ArgumentNullException(nameof(tables))) map[table.Name] = table;
        return map;
    }

    private static List<TableInfo> Sorted(Dictionary<string, TableInfo> tables)
        => tables.Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
}
