using Synced.Core.Model;

namespace Synced.Core.Elasticsearch;

/// <summary>One top-level field of an index mapping.</summary>
internal sealed class MappedField
{
    public MappedField(string name, ElasticsearchFieldType type, bool hasKeywordSubfield, string? format = null)
    {
        Name = name;
        Type = type;
        HasKeywordSubfield = hasKeywordSubfield;
        Format = format;
    }

    /// <summary>The field's <c>format</c> parameter (dates); null when the mapping leaves the default.</summary>
    public string? Format { get; }

    public string Name { get; }

    /// <summary>The field type; <see cref="ElasticsearchFieldType.Object"/> for a field with only <c>properties</c>.</summary>
    public ElasticsearchFieldType Type { get; }

    /// <summary>A multi-field of type keyword exists under <c>fields</c>.</summary>
    public bool HasKeywordSubfield { get; }
}
