namespace Synced.Core.Elasticsearch;

/// <summary>One top-level field of an index mapping.</summary>
internal sealed class MappedField
{
    public MappedField(string name, string type, bool hasKeywordSubfield)
    {
        Name = name;
        Type = type;
        HasKeywordSubfield = hasKeywordSubfield;
    }

    public string Name { get; }

    /// <summary>The field type; <c>object</c> for a field with only <c>properties</c>.</summary>
    public string Type { get; }

    /// <summary>A multi-field of type keyword exists under <c>fields</c>.</summary>
    public bool HasKeywordSubfield { get; }
}
