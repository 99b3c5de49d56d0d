using System.Collections.Generic;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>bool</c>: must / filter / should / must_not with minimum_should_match.</summary>
internal sealed class BoolQuery : Query
{
    public List<Query> Must { get; } = new();
    public List<Query> Filter { get; } = new();
    public List<Query> Should { get; } = new();
    public List<Query> MustNot { get; } = new();

    /// <summary>How many should clauses must match; ES's default is 1 when there is no must/filter, else 0.</summary>
    public int? MinimumShouldMatch { get; set; }

    public override double Score => Must.Count + Should.Count > 0 ? 1.0 : 0.0;

    public override bool Matches(in SearchDocument doc)
    {
        foreach (var q in Filter) if (!q.Matches(doc)) return false;
        foreach (var q in Must) if (!q.Matches(doc)) return false;
        foreach (var q in MustNot) if (q.Matches(doc)) return false;
        var required = MinimumShouldMatch ?? (Must.Count + Filter.Count == 0 && Should.Count > 0 ? 1 : 0);
        if (required <= 0) return true;
        var matched = 0;
        foreach (var q in Should)
        {
            if (q.Matches(doc) && ++matched >= required) return true;
        }
        return false;
    }
}
