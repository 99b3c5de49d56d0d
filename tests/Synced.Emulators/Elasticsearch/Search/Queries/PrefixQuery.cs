using System;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>prefix</c> on keyword values.</summary>
internal sealed class PrefixQuery : FieldQuery
{
    private readonly string _prefix;

    public PrefixQuery(string field, string prefix) : base(field) => _prefix = prefix;

    public override bool Matches(in SearchDocument doc)
    {
        var mapping = MappingFor(doc.Index);
        if (mapping is null) return false;
        foreach (var v in ValuesOf(doc, Field, mapping))
        {
            if (v.Kind != FieldValueKind.String) continue;
            if (mapping.IsText)
            {
                foreach (var token in SearchDocument.Analyze(v.String!))
                    if (token.StartsWith(_prefix, StringComparison.Ordinal)) return true;
            }
            else if (v.String!.StartsWith(_prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
