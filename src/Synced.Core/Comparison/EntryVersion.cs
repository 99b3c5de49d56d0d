using System;

namespace Synced.Core.Comparison;

/// <summary>
/// What a version scan yields for one id: its newest tmstmp and nothing else, or an entry the store holds but
/// cannot read as one (a document without a UUID id or a readable tmstmp).
/// </summary>
public readonly struct EntryVersion
{
    /// <summary>The newest version of <paramref name="id"/>.</summary>
    public EntryVersion(Guid id, DateTime tmstmp)
    {
        Id = id;
        Tmstmp = tmstmp;
        SourceKey = null;
        ReadError = null;
    }

    private EntryVersion(string sourceKey, string readError)
    {
        Id = Guid.Empty;
        Tmstmp = default;
        SourceKey = sourceKey;
        ReadError = readError;
    }

    /// <summary>Something the store holds but cannot read as an entry; <paramref name="sourceKey"/> names it the store's way.</summary>
    public static EntryVersion Unreadable(string sourceKey, string reason)
        => new(sourceKey ?? string.Empty, string.IsNullOrEmpty(reason) ? "unreadable" : reason);

    /// <summary>The id (empty for an unreadable entry).</summary>
    public Guid Id { get; }

    /// <summary>The newest tmstmp, UTC, at the store's precision.</summary>
    public DateTime Tmstmp { get; }

    /// <summary>How the store names an unreadable entry; null for a good one.</summary>
    public string? SourceKey { get; }

    /// <summary>Why the entry cannot be read; null for a good one.</summary>
    public string? ReadError { get; }

    /// <inheritdoc />
    public override string ToString() => ReadError is null ? $"{Id}@{Tmstmp:yyyy-MM-ddTHH:mm:ss.fffffffZ}" : $"{SourceKey}: {ReadError}";
}
