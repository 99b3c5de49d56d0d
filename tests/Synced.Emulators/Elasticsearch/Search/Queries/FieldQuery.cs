using System;
using System.Collections.Concurrent;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Base of queries on one field: resolves the field per index (mappings differ between indices).</summary>
internal abstract class FieldQuery : Query
{
    // Read for every document a search examines: a lookup without a lock.
    private readonly ConcurrentDictionary<IndexState, FieldMapping?> _mappings = new();

    protected FieldQuery(string field) => Field = field;

    public string Field { get; }

    protected FieldMapping? MappingFor(IndexState index)
        => _mappings.GetOrAdd(index, static (i, field) => MetaField(field) ?? i.Mapping.Find(field), Field);

    /// <summary>The metadata fields a query can name.</summary>
    public static FieldMapping? MetaField(string field) => field switch
    {
        "_id" or "_index" or "_routing" => KeywordMeta,
        "_seq_no" or "_version" or "_primary_term" => LongMeta,
        _ => null,
    };

    private static readonly FieldMapping KeywordMeta = new("keyword");
    private static readonly FieldMapping LongMeta = new("long");

    /// <summary>Values of the field in a document, metadata fields included.</summary>
    protected static FieldValue[] ValuesOf(in SearchDocument doc, string field, FieldMapping mapping) => field switch
    {
        "_id" => new[] { FieldValue.FromString(doc.Document.Id) },
        "_index" => new[] { FieldValue.FromString(doc.Index.Name) },
        "_seq_no" => new[] { FieldValue.FromLong(doc.Document.SeqNo) },
        "_version" => new[] { FieldValue.FromLong(doc.Document.Version) },
        "_primary_term" => new[] { FieldValue.FromLong(doc.Document.PrimaryTerm) },
        "_routing" => Array.Empty<FieldValue>(),
        _ => doc.Values(field, mapping),
    };
}
