namespace Synced.Emulators.Elasticsearch;

/// <summary><c>match_all</c> and <c>match_none</c>.</summary>
internal sealed class MatchAllQuery : Query
{
    public static readonly MatchAllQuery All = new(true);
    public static readonly MatchAllQuery None = new(false);

    private readonly bool _matches;

    private MatchAllQuery(bool matches) => _matches = matches;

    public override bool Matches(in SearchDocument doc) => _matches;
}
