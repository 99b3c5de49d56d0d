using System;

namespace Synced.Core.Model;

/// <summary>What an upsert-if-newer did with one entry.</summary>
public enum UpsertOutcomeKind
{
    /// <summary>The entry was newer than the target's (or the target had none) and was written.</summary>
    Written,

    /// <summary>The target already held the same or a newer version; it keeps its own.</summary>
    SkippedNotNewer,

    /// <summary>The entry could not be written; <see cref="UpsertOutcome.Reason"/> says why.</summary>
    Failed,

    /// <summary>Dry run (-WhatIf): the entry is newer and would be written.</summary>
    WouldWrite,
}

/// <summary>The outcome of an upsert-if-newer for one entry of a batch.</summary>
public readonly struct UpsertOutcome
{
    private UpsertOutcome(Guid id, UpsertOutcomeKind kind, string? reason)
    {
        Id = id;
        Kind = kind;
        Reason = reason;
    }

    /// <summary>The entry's id.</summary>
    public Guid Id { get; }

    /// <summary>What happened.</summary>
    public UpsertOutcomeKind Kind { get; }

    /// <summary>Why the entry failed; null unless <see cref="Kind"/> is <see cref="UpsertOutcomeKind.Failed"/>.</summary>
    public string? Reason { get; }

    /// <summary>The entry was written.</summary>
    public static UpsertOutcome Written(Guid id) => new(id, UpsertOutcomeKind.Written, null);

    /// <summary>The target kept its own, equal or newer, version.</summary>
    public static UpsertOutcome SkippedNotNewer(Guid id) => new(id, UpsertOutcomeKind.SkippedNotNewer, null);

    /// <summary>The entry would be written (dry run).</summary>
    public static UpsertOutcome WouldWrite(Guid id) => new(id, UpsertOutcomeKind.WouldWrite, null);

    /// <summary>The entry could not be written.</summary>
    public static UpsertOutcome Failed(Guid id, string reason)
        => new(id, UpsertOutcomeKind.Failed, string.IsNullOrEmpty(reason) ? "unknown reason" : reason);

    /// <inheritdoc />
    public override string ToString() => Reason is null ? $"{Id}: {Kind}" : $"{Id}: {Kind} ({Reason})";
}
