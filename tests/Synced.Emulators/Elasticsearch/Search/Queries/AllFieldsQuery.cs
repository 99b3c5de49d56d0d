using System;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// A bare term of a query string (no field): matches when any field of the source holds it, as a token of
/// text or as the whole value (ES's default field <c>*</c>).
/// </summary>
internal sealed class AllFieldsQuery : Query
{
    private readonly string _term;
    private readonly bool _prefix;

    public AllFieldsQuery(string term)
    {
        _prefix = term.EndsWith('*');
        _term = (_prefix ? term.TrimEnd('*') : term).ToLowerInvariant();
    }

    public override bool Matches(in SearchDocument doc) => Search(doc.Document.Element);

    private bool Search(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    if (Search(p.Value)) return true;
                return false;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                    if (Search(item)) return true;
                return false;
            case JsonValueKind.String:
                var s = e.GetString()!;
                if (Hit(s.ToLowerInvariant())) return true;
                foreach (var token in SearchDocument.Analyze(s))
                    if (Hit(token)) return true;
                return false;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Hit(e.GetRawText());
            default:
                return false;
        }
    }

    private bool Hit(string value) => _prefix ? value.StartsWith(_term, StringComparison.Ordinal) : value == _term;
}
