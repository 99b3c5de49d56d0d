using System;
using Synced.Cql.Protocol;

namespace Synced.Cql;

/// <summary>Options shared by every kind of statement. Unset options take the session's defaults.</summary>
public abstract class CqlStatement
{
    public Consistency? Consistency { get; set; }

    /// <summary>Consistency of the Paxos phase of conditional (IF ...) statements.</summary>
    public Consistency? SerialConsistency { get; set; }

    /// <summary>Write timestamp in microseconds since 1970 (the USING TIMESTAMP of the whole statement), sent in the frame.</summary>
    public long? Timestamp { get; set; }

    /// <summary>Rows per page; null uses <see cref="CqlClusterOptions.DefaultPageSize"/>.</summary>
    public int? PageSize { get; set; }

    /// <summary>Where to resume paging (from <see cref="CqlRowSet.PagingState"/>).</summary>
    public byte[]? PagingState { get; set; }

    /// <summary>True when running the statement twice has the same effect as once; such statements may be retried.</summary>
    public bool IsIdempotent { get; set; }

    /// <summary>Per-attempt timeout; null uses <see cref="CqlClusterOptions.RequestTimeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Which failures of this statement are retried; null uses <see cref="CqlClusterOptions.RetryPolicy"/>.</summary>
    public CqlRetryPolicy? RetryPolicy { get; set; }

    /// <summary>Ask the node to trace this statement (the tracing id comes back in the result).</summary>
    public bool EnableTracing { get; set; }

    /// <summary>Serialized partition key for token-aware routing; computed for bound statements.</summary>
    public virtual byte[]? RoutingKey { get; set; }

    /// <summary>
    /// A token to route by instead of hashing <see cref="RoutingKey"/>: a statement that reads a token range
    /// (<c>token(k) &gt; ? AND token(k) &lt;= ?</c>) routes by the range's end, so it goes to the range's replicas.
    /// </summary>
    public long? RoutingToken { get; set; }

    /// <summary>Keyspace used to find replicas for token-aware routing.</summary>
    public virtual string? RoutingKeyspace { get; set; }

    /// <summary>True for reads (SELECT), which are always safe to retry.</summary>
    public abstract bool IsRead { get; }

    /// <summary>Reads and idempotent statements may be retried.</summary>
    public bool IsSafeToRetry => IsRead || IsIdempotent;

    /// <summary>Sets <see cref="Timestamp"/> from an instant.</summary>
    public CqlStatement WithTimestamp(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - UnixEpochTicks;
        Timestamp = ticks / 10 - (ticks % 10 < 0 ? 1 : 0);
        return this;
    }

    private const long UnixEpochTicks = 621355968000000000L;

    /// <summary>What the statement is, for error messages (query text, never values).</summary>
    public abstract string Describe();

    /// <summary>A shallow copy that resumes at another page.</summary>
    internal CqlStatement CopyForPage(byte[] pagingState)
    {
        var copy = (CqlStatement)MemberwiseClone();
        copy.PagingState = pagingState;
        return copy;
    }

    internal static bool StartsWithSelect(string query)
    {
        var i = 0;
        while (i < query.Length && (char.IsWhiteSpace(query[i]) || query[i] == '('))
        {
            i++;
        }

        return string.Compare(query, i, "SELECT", 0, 6, StringComparison.OrdinalIgnoreCase) == 0
               && (query.Length == i + 6 || !char.IsLetterOrDigit(query[i + 6]));
    }
}
