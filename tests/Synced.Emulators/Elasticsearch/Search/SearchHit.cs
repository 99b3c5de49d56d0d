namespace Synced.Emulators.Elasticsearch;

/// <summary>A matching document with its score and sort values.</summary>
internal sealed class SearchHit
{
    public SearchHit(SearchDocument doc, double score, FieldValue[] sortValues)
    {
        Doc = doc;
        Score = score;
        SortValues = sortValues;
    }

    public SearchDocument Doc { get; }
    public double Score { get; }
    public FieldValue[] SortValues { get; }
}
