using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// The Elasticsearch side of a sync: tables are per-table indices under an alias (or one index with a
/// discriminator), scans read a tmstmp range with point-in-time paging, and upserts write only newer entries
/// (docs/design.md §3). Create one with <see cref="ConnectAsync"/>.
/// </summary>
public sealed class ElasticsearchStore : ISyncStore
{
    private readonly ElasticsearchApi _api;
    private readonly ElasticsearchStoreOptions _options;
    private readonly IndexNaming _naming;
    private readonly ElasticsearchScanner _scanner;
    private readonly ConditionalBulkWriter _compareWriter;
    private readonly ExternalVersionWriter _externalWriter;

    private readonly bool _ownsConnection;

    /// <summary>Creates a store over an open connection; the caller keeps owning (and disposes) the connection.</summary>
    public ElasticsearchStore(ElasticsearchConnection connection, ElasticsearchStoreOptions options)
        : this(connection, options, ownsConnection: false)
    {
    }

    private ElasticsearchStore(ElasticsearchConnection connection, ElasticsearchStoreOptions options, bool ownsConnection)
    {
        _ownsConnection = ownsConnection;
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _api = new ElasticsearchApi(connection.Client.LowLevel, connection.Options.DescribeNodes(), connection.Options.RequestTimeout);
        _naming = new IndexNaming(options.Index, options.Layout, options.DiscriminatorField);
        _scanner = new ElasticsearchScanner(_api, options, _naming, connection.SupportsPointInTime);
        Sender = new BulkSender(_api, options);
        _compareWriter = new ConditionalBulkWriter(_api, options, _naming, Sender);
        _externalWriter = new ExternalVersionWriter(_naming, Sender, new ExternalVersionPrecondition(_api, _naming));
    }

    /// <summary>Connects (detecting the server version) and creates the store, which owns the connection.</summary>
    public static async Task<ElasticsearchStore> ConnectAsync(ElasticsearchConnectionOptions connection, ElasticsearchStoreOptions options, CancellationToken cancellationToken)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var opened = await ElasticsearchConnection.ConnectAsync(connection, cancellationToken).ConfigureAwait(false);
        return new ElasticsearchStore(opened, options, ownsConnection: true);
    }

    /// <summary>The connection (client and server version).</summary>
    public ElasticsearchConnection Connection { get; }

    /// <inheritdoc />
    public string Name => "Elasticsearch";

    /// <inheritdoc />
    public TimestampPrecision Precision => TimestampPrecision.Milliseconds;

    internal ElasticsearchScanner Scanner => _scanner;

    internal ConditionalBulkWriter CompareWriter => _compareWriter;

    internal ExternalVersionWriter ExternalWriter => _externalWriter;

    internal BulkSender Sender { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken)
        => _options.Layout == IndexLayout.PerTable
            ? await ListPerTableAsync(cancellationToken).ConfigureAwait(false)
            : await ListSingleIndexAsync(cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<TableInfo>> ListPerTableAsync(CancellationToken cancellationToken)
    {
        var tables = new List<TableInfo>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mappings = await GetMappingsAsync(_naming.TableIndexPattern, cancellationToken).ConfigureAwait(false);
        foreach (var mapping in mappings.OrderBy(m => m.Index, StringComparer.Ordinal))
        {
            var table = _naming.TableOfIndex(mapping.Index);
            if (table is null) continue;
            // Keep the source's spelling when Synced recorded it at creation.
            if (mapping.MetaTables.Count == 1 && string.Equals(mapping.MetaTables[0].ToLowerInvariant(), table, StringComparison.Ordinal))
                table = mapping.MetaTables[0];
            seen.Add(mapping.Index);
            tables.Add(ContractCheck.Describe(table, mapping, null));
        }

        // Indices under the alias whose names do not say which table they hold are reported, not guessed at.
        var aliasAnswer = await _api.SendAsync(HttpMethod.GET, "/_alias/" + _options.Index, null, cancellationToken).ConfigureAwait(false);
        if (aliasAnswer.IsSuccess)
        {
            using var document = JsonDocument.Parse(aliasAnswer.Body);
            foreach (var member in document.RootElement.EnumerateObject())
                if (!seen.Contains(member.Name))
                    tables.Add(new TableInfo(member.Name, Array.Empty<ColumnInfo>(),
                        $"index {member.Name} is in alias {_options.Index} but is not named {_options.Index}-<table>; rename it or use the single-index layout",
                        member.Name));
        }
        else if (aliasAnswer.Status != 404)
            throw ElasticsearchApi.Failure(aliasAnswer, $"reading alias {_options.Index}");
        return tables;
    }

    private async Task<IReadOnlyList<TableInfo>> ListSingleIndexAsync(CancellationToken cancellationToken)
    {
        var answer = await _api.SendAsync(HttpMethod.GET, "/" + _options.Index + "/_mapping", null, cancellationToken).ConfigureAwait(false);
        if (answer.Status == 404) return Array.Empty<TableInfo>();
        if (!answer.IsSuccess) throw ElasticsearchApi.Failure(answer, $"reading the mapping of {_options.Index}");
        var mappings = IndexMapping.ParseResponse(answer.Body).OrderBy(m => m.Index, StringComparer.Ordinal).ToList();
        var mapping = mappings.FirstOrDefault();
        if (mapping is null) return Array.Empty<TableInfo>();
        // An alias over several indices is searched as one: each must meet the contract, or a scan would fail on the
        // shards of the one that does not (a tmstmp that is no date there) or read documents it cannot compare.
        var broken = mappings.Select(m => ContractCheck.FindViolation(m, _options.DiscriminatorField)).FirstOrDefault(v => v is not null);

        var names = new SortedSet<string>(mappings.SelectMany(m => m.MetaTables), StringComparer.Ordinal);
        if (mapping.Find(_options.DiscriminatorField) is not null)
            foreach (var name in await DiscoverDiscriminatorValuesAsync(names, cancellationToken).ConfigureAwait(false)) names.Add(name);
        var tables = new List<TableInfo>(names.Count);
        foreach (var name in names)
        {
            var described = ContractCheck.Describe(name, mapping, _options.DiscriminatorField);
            tables.Add(new TableInfo(name, described.Columns, described.Reason ?? broken, $"{_options.Index} ({_options.DiscriminatorField}={name})"));
        }
        return tables;
    }

    /// <summary>Most tables one single index may hold before listing gives up (each costs one search).</summary>
    private const int MaxSingleIndexTables = 10000;

    /// <summary>
    /// The discriminator values in the index besides <paramref name="known"/>: one search per new value for a
    /// document whose discriminator is none of those found so far. No aggregation is needed, so this works on
    /// every 7.x/8.x cluster, and the cost is one request per table.
    /// </summary>
    private async Task<IReadOnlyList<string>> DiscoverDiscriminatorValuesAsync(IEnumerable<string> known, CancellationToken cancellationToken)
    {
        await _api.SendExpectingSuccessAsync(HttpMethod.POST, "/" + _options.Index + "/_refresh", null, $"refreshing {_options.Index}", cancellationToken)
            .ConfigureAwait(false);
        var seen = new List<string>(known);
        var found = new List<string>();
        var field = _options.DiscriminatorField;
        for (var round = 0; round < MaxSingleIndexTables; round++)
        {
            byte[] body;
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("size", 1);
                    writer.WriteStartArray("_source");
                    writer.WriteStringValue(field);
                    writer.WriteEndArray();
                    writer.WriteStartObject("query");
                    writer.WriteStartObject("bool");
                    writer.WriteStartArray("filter");
                    SearchClauses.WriteExists(writer, field);
                    writer.WriteEndArray();
                    writer.WriteStartArray("must_not");
                    writer.WriteStartObject();
                    writer.WriteStartObject("terms");
                    writer.WriteStartArray(field);
                    foreach (var name in seen) writer.WriteStringValue(name);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
                body = stream.ToArray();
            }
            var answer = await _api.SendExpectingSuccessAsync(HttpMethod.POST, "/" + _options.Index + "/_search", body,
                $"listing the tables of {_options.Index}", cancellationToken).ConfigureAwait(false);
            string? value = null;
            using (var document = JsonDocument.Parse(answer))
            {
                // A partial answer could hide a table: listing fails rather than leave it out.
                PartialSearchResult.ThrowIfPartial(document.RootElement, _options.Index, $"listing the tables of {_options.Index}");
                if (document.RootElement.TryGetProperty("hits", out var hits) && hits.TryGetProperty("hits", out var list)
                    && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
                    && list[0].TryGetProperty("_source", out var source) && source.ValueKind == JsonValueKind.Object
                    && source.TryGetProperty(field, out var discriminator))
                    value = discriminator.ValueKind == JsonValueKind.String ? discriminator.GetString() : discriminator.GetRawText();
            }
            if (value is null) return found;
            seen.Add(value);
            found.Add(value);
        }
        throw new ElasticsearchStoreException($"index {_options.Index} holds more than {MaxSingleIndexTables} tables (values of '{field}'); use the per-table layout");
    }

    private async Task<List<IndexMapping>> GetMappingsAsync(string target, CancellationToken cancellationToken)
    {
        var answer = await _api.SendAsync(HttpMethod.GET, "/" + target + "/_mapping", null, cancellationToken).ConfigureAwait(false);
        if (answer.Status == 404) return new List<IndexMapping>();
        if (!answer.IsSuccess) throw ElasticsearchApi.Failure(answer, $"reading the mappings of {target}");
        return IndexMapping.ParseResponse(answer.Body);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        return _scanner.ScanAsync(table, range, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (batch is null) throw new ArgumentNullException(nameof(batch));
        if (context is null) throw new ArgumentNullException(nameof(context));
        if (batch.Count == 0) return Array.Empty<UpsertOutcome>();
        try
        {
            // A dry run compares in either mode: external versions cannot be asked without writing.
            if (_options.ConflictMode == ConflictMode.ExternalVersion && !context.DryRun)
                return await _externalWriter.UpsertAsync(table, batch, cancellationToken).ConfigureAwait(false);
            return await _compareWriter.UpsertAsync(table, batch, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ElasticsearchStoreException ex)
        {
            // The cluster did not answer: no entry of the batch is known to be written. (An index refused by the
            // ExternalVersion precondition is no entry's failure: that exception fails the table.)
            var outcomes = new UpsertOutcome[batch.Count];
            for (var i = 0; i < batch.Count; i++) outcomes[i] = UpsertOutcome.Failed(batch[i].Id, ex.Message);
            return outcomes;
        }
    }

    /// <inheritdoc />
    public async Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken)
    {
        if (sourceTable is null) throw new ArgumentNullException(nameof(sourceTable));
        return _options.Layout == IndexLayout.PerTable
            ? await CreatePerTableAsync(sourceTable, cancellationToken).ConfigureAwait(false)
            : await CreateInSingleIndexAsync(sourceTable, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TableInfo> CreatePerTableAsync(TableInfo sourceTable, CancellationToken cancellationToken)
    {
        var index = _naming.IndexFor(sourceTable.Name);
        var body = ElasticsearchMappingBuilder.BuildMapping(sourceTable, null, new[] { sourceTable.Name }, wrapInMappings: true,
            flattenedMaps: Connection.SupportsFlattened);
        var created = await _api.SendAsync(HttpMethod.PUT, "/" + index, body, cancellationToken).ConfigureAwait(false);
        // Another run may have created it meanwhile; its mapping is checked below like any other.
        if (!created.IsSuccess && ElasticsearchError.Parse(created.Body)?.Type != "resource_already_exists_exception")
            throw ElasticsearchApi.Failure(created, $"creating index {index} for table {sourceTable.Name}");

        var aliasBody = AliasActionBody(index, _options.Index);
        await _api.SendExpectingSuccessAsync(HttpMethod.POST, "/_aliases", aliasBody, $"adding index {index} to alias {_options.Index}", cancellationToken)
            .ConfigureAwait(false);

        var mapping = (await GetMappingsAsync(index, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            ?? throw new ElasticsearchStoreException($"index {index} was created but its mapping cannot be read");
        return ContractCheck.Describe(sourceTable.Name, mapping, null);
    }

    private async Task<TableInfo> CreateInSingleIndexAsync(TableInfo sourceTable, CancellationToken cancellationToken)
    {
        var index = _options.Index;
        var existing = (await GetMappingsAsync(index, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (existing is null)
        {
            var body = ElasticsearchMappingBuilder.BuildMapping(sourceTable, _options.DiscriminatorField, new[] { sourceTable.Name }, wrapInMappings: true,
                flattenedMaps: Connection.SupportsFlattened);
            var created = await _api.SendAsync(HttpMethod.PUT, "/" + index, body, cancellationToken).ConfigureAwait(false);
            if (!created.IsSuccess && ElasticsearchError.Parse(created.Body)?.Type != "resource_already_exists_exception")
                throw ElasticsearchApi.Failure(created, $"creating index {index} for table {sourceTable.Name}");
            existing = (await GetMappingsAsync(index, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        }
        if (existing is null) throw new ElasticsearchStoreException($"index {index} was created but its mapping cannot be read");

        if (!existing.MetaTables.Contains(sourceTable.Name))
        {
            // Add the table's fields and record it in _meta (put mapping replaces _meta whole, so keep the others).
            var tables = existing.MetaTables.Concat(new[] { sourceTable.Name }).ToArray();
            var body = ElasticsearchMappingBuilder.BuildMapping(sourceTable, _options.DiscriminatorField, tables, wrapInMappings: false,
                flattenedMaps: Connection.SupportsFlattened);
            await _api.SendExpectingSuccessAsync(HttpMethod.PUT, "/" + index + "/_mapping", body,
                $"adding the fields of table {sourceTable.Name} to index {index}", cancellationToken).ConfigureAwait(false);
            existing = (await GetMappingsAsync(index, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                ?? throw new ElasticsearchStoreException($"the mapping of index {index} cannot be read");
        }
        var described = ContractCheck.Describe(sourceTable.Name, existing, _options.DiscriminatorField);
        return new TableInfo(sourceTable.Name, described.Columns, described.Reason, $"{index} ({_options.DiscriminatorField}={sourceTable.Name})");
    }

    private static byte[] AliasActionBody(string index, string alias)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("actions");
            writer.WriteStartObject();
            writer.WriteStartObject("add");
            writer.WriteString("index", index);
            writer.WriteString("alias", alias);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <inheritdoc />
    public IAsyncEnumerable<EntryVersion> ReadVersionsAsync(TableInfo table, VersionScan scan, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (scan is null) throw new ArgumentNullException(nameof(scan));
        return _scanner.ScanVersionsAsync(table, scan, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One <c>_mget</c> (real-time: it sees documents not yet refreshed) with <c>_source</c> limited to tmstmp.</remarks>
    public async Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (ids is null) throw new ArgumentNullException(nameof(ids));
        var newest = new DateTime?[ids.Count];
        var index = _naming.IndexFor(table.Name);
        await MultiGetAsync(table, ids, DataContract.TmstmpName, (i, doc) =>
            newest[i] = doc.TryGetProperty("_source", out var source) && source.ValueKind == JsonValueKind.Object
                        && source.TryGetProperty(DataContract.TmstmpName, out var tmstmp)
                ? ElasticsearchDate.Read(tmstmp)
                : null, cancellationToken).ConfigureAwait(false);
        return newest;
    }

    /// <inheritdoc />
    /// <remarks>One <c>_mget</c> of the whole documents (real-time).</remarks>
    public async Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (ids is null) throw new ArgumentNullException(nameof(ids));
        var entries = new SyncEntry?[ids.Count];
        var index = _naming.IndexFor(table.Name);
        await MultiGetAsync(table, ids, null, (i, doc) =>
        {
            try
            {
                entries[i] = _scanner.ToEntry(doc, index, table.Name);
            }
            catch (ElasticsearchStoreException ex)
            {
                entries[i] = SyncEntry.Unreadable(table.Name, _naming.DocumentId(table.Name, ids[i]), null, ex.Message);
            }
        }, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    /// <summary>
    /// Reads the documents of <paramref name="ids"/> in one <c>_mget</c> and hands each one found to
    /// <paramref name="found"/> with the id's index; throws when the cluster or a document answers with an error.
    /// </summary>
    private async Task MultiGetAsync(TableInfo table, IReadOnlyList<Guid> ids, string? sourceIncludes, Action<int, JsonElement> found, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var index = _naming.IndexFor(table.Name);
        var body = SearchClauses.MultiGetBody(index, ids.Select(id => _naming.DocumentId(table.Name, id)));
        var path = sourceIncludes is null ? "/_mget" : "/_mget?_source_includes=" + sourceIncludes;
        var answer = await _api.SendExpectingSuccessAsync(HttpMethod.POST, path, body, $"reading {ids.Count} documents of {index} (_mget)", cancellationToken)
            .ConfigureAwait(false);
        using var document = JsonDocument.Parse(answer);
        if (!document.RootElement.TryGetProperty("docs", out var docs) || docs.ValueKind != JsonValueKind.Array || docs.GetArrayLength() != ids.Count)
            throw new ElasticsearchStoreException($"the _mget answer of {index} does not hold one result per document asked for");
        var i = 0;
        foreach (var doc in docs.EnumerateArray())
        {
            if (doc.TryGetProperty("error", out var error))
            {
                var parsed = ElasticsearchError.FromElement(error);
                if (parsed.Type != "index_not_found_exception")
                    throw new ElasticsearchStoreException($"reading document {_naming.DocumentId(table.Name, ids[i])} of {index} failed: {parsed}");
            }
            else if (doc.TryGetProperty("found", out var isFound) && isFound.ValueKind == JsonValueKind.True)
                found(i, doc);
            i++;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _externalWriter.Precondition.Dispose();
        if (_ownsConnection) Connection.Dispose();
        return default;
    }
}
