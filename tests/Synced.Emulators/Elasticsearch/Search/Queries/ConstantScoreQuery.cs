namespace Synced.Emulators.Elasticsearch;

/// <summary><c>constant_score</c>: its filter, scored with the boost.</summary>
internal sealed class ConstantScoreQuery : Query
{
    private readonly Query _filter;
    private readonly double _boost;

    public ConstantScoreQuery(Query filter, double boost)
    {
        _filter = filter;
        _boost = boost;
    }

    public override double Score => _boost;

    public override bool Matches(in SearchDocument doc) => _filter.Matches(doc);
}
