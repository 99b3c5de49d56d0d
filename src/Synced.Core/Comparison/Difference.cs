using System;
using Synced.Core.Model;

namespace Synced.Core.Comparison;

/// <summary>
/// One id whose newest versions differ between Cassandra and Elasticsearch, compared at millisecond precision (what
/// both sides keep): the tmstmps are the newest each side holds, in whole milliseconds, null where a side lacks the id.
/// </summary>
public sealed class Difference
{
    /// <summary>Creates a difference; use <see cref="Classify"/> to decide whether two versions differ.</summary>
    public Difference(string table, Guid id, DateTime? cassandraTmstmp, DateTime? elasticsearchTmstmp, DifferenceKind kind)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Id = id;
        CassandraTmstmp = cassandraTmstmp;
        ElasticsearchTmstmp = elasticsearchTmstmp;
        Kind = kind;
    }

    /// <summary>The table / type.</summary>
    public string Table { get; }

    /// <summary>The entry's id.</summary>
    public Guid Id { get; }

    /// <summary>Cassandra's newest tmstmp (whole milliseconds, UTC); null when Cassandra lacks the id.</summary>
    public DateTime? CassandraTmstmp { get; }

    /// <summary>Elasticsearch's tmstmp (UTC); null when Elasticsearch lacks the id.</summary>
    public DateTime? ElasticsearchTmstmp { get; }

    /// <summary>How they differ.</summary>
    public DifferenceKind Kind { get; }

    /// <summary>The way a repair writes: from the side with the newer version to the other.</summary>
    public SyncDirection RepairDirection => DirectionOf(Kind);

    /// <summary>The way a repair of <paramref name="kind"/> writes.</summary>
    public static SyncDirection DirectionOf(DifferenceKind kind)
        => kind is DifferenceKind.MissingInElasticsearch or DifferenceKind.ElasticsearchOlder
            ? SyncDirection.CassandraToElasticsearch
            : SyncDirection.ElasticsearchToCassandra;

    /// <summary>
    /// The difference between two newest versions (each whole milliseconds, or null when the side lacks the id), or
    /// null when they are equal. Equal milliseconds are not a difference: neither side is newer.
    /// </summary>
    public static Difference? Classify(string table, Guid id, DateTime? cassandraTmstmp, DateTime? elasticsearchTmstmp)
    {
        if (cassandraTmstmp is null && elasticsearchTmstmp is null) return null;
        if (elasticsearchTmstmp is null) return new Difference(table, id, cassandraTmstmp, null, DifferenceKind.MissingInElasticsearch);
        if (cassandraTmstmp is null) return new Difference(table, id, null, elasticsearchTmstmp, DifferenceKind.MissingInCassandra);
        if (cassandraTmstmp.Value == elasticsearchTmstmp.Value) return null;
        return new Difference(table, id, cassandraTmstmp, elasticsearchTmstmp,
            cassandraTmstmp.Value > elasticsearchTmstmp.Value ? DifferenceKind.ElasticsearchOlder : DifferenceKind.CassandraOlder);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Table}/{Id}: {Kind}";
}
