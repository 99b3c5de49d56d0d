using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>match</c>: analyzed text against text fields (any or all tokens), exact value elsewhere.</summary>
internal sealed class MatchQuery : FieldQuery
{
    private readonly JsonElement _query;
    private readonly bool _all;
    private readonly TermQuery _exact;

    public MatchQuery(string field, JsonElement query, bool all) : base(field)
    {
        _query = query.Clone();
        _all = all;
        _exact = new TermQuery(field, new[] { _query });
    }

    public override bool Matches(in SearchDocument doc)
    {
        var mapping = MappingFor(doc.Index);
        if (mapping is null) return false;
        if (!mapping.IsText) return _exact.Matches(doc);
        var wanted = SearchDocument.Analyze(_query.ValueKind == JsonValueKind.String ? _query.GetString()! : _query.GetRawText()).ToList();
        if (wanted.Count == 0) return false;
        var have = new HashSet<string>();
        foreach (var v in ValuesOf(doc, Field, mapping))
            foreach (var token in SearchDocument.Analyze(v.String!)) have.Add(token);
        return _all ? wanted.All(have.Contains) : wanted.Any(have.Contains);
    }
}
