using System.Collections.Generic;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Base of queries on one field: resolves the field per index (mappings differ between indices).</summary>
internal abstract class FieldQuery : Query
{
    private readonly Dictionary<IndexState, FieldMapping?> _mappings = new();

    protected FieldQuery(string field) => Field = field;

    public string Field { get; }

    protected FieldMapping? MappingFor(IndexState index)
    {
        lock (_mappings)
        {
            if (!_mappings.TryGetValue(index, out var m))
            {
                m = MetaField(Field) ?? index.Mapping.Find(Field);
                _mappings[index] = m;
            }
            return m;
        }
    }

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
    protected static List<FieldValue> ValuesOf(in SearchDocument doc, string field, FieldMapping mapping)
    {
        var values = new List<FieldValue>(2);
        switch (field)
        {
            case "_id": values.Add(FieldValue.FromString(doc.Document.Id)); break;
            case "_index": values.Add(FieldValue.FromString(doc.Index.Name)); break;
            case "_seq_no": values.Add(FieldValue.FromLong(doc.Document.SeqNo)); break;
            case "_version": values.Add(FieldValue.FromLong(doc.Document.Version)); break;
            case "_primary_term": values.Add(FieldValue.FromLong(doc.Document.PrimaryTerm)); break;
            case "_routing": break;
            default: doc.CollectValues(field, mapping, values); break;
        }
        return values;
    }
}
