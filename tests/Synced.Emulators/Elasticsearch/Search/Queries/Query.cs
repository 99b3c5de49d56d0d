namespace Synced.Emulators.Elasticsearch;

/// <summary>A parsed query of the Query DSL, evaluated document by document.</summary>
internal abstract class Query
{
    public abstract bool Matches(in SearchDocument doc);

    /// <summary>The score a match gets: the emulator scores constantly (1 in query context, 0 in filters).</summary>
    public virtual double Score => 1.0;
}
