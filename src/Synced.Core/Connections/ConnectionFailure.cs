using System;
using System.Collections.Generic;

namespace Synced.Core.Connections;

/// <summary>
/// Why one cluster could not be used: what kind of failure, on which side, what happened and what to do (in
/// words, never a credential), and the same remedies as values for a caller that names its settings its own way.
/// </summary>
public sealed class ConnectionFailure
{
    /// <summary>Creates a failure.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="side">Which cluster.</param>
    /// <param name="message">What, where, and what to do; never a credential.</param>
    /// <param name="remedies">What may set it right, most likely first.</param>
    public ConnectionFailure(ConnectionFailureKind kind, StoreSide side, string message, params ConnectionRemedy[] remedies)
    {
        Kind = kind;
        Side = side;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Remedies = remedies ?? Array.Empty<ConnectionRemedy>();
    }

    /// <summary>What went wrong.</summary>
    public ConnectionFailureKind Kind { get; }

    /// <summary>Which cluster.</summary>
    public StoreSide Side { get; }

    /// <summary>What happened, where, and what to do.</summary>
    public string Message { get; }

    /// <summary>What may set it right, most likely first.</summary>
    public IReadOnlyList<ConnectionRemedy> Remedies { get; }

    /// <summary>True when the failure cannot go away by itself: the configuration is wrong, not the cluster's state.</summary>
    public bool IsPermanent => Kind is not ConnectionFailureKind.Unreachable and not ConnectionFailureKind.ServerError;

    /// <inheritdoc />
    public override string ToString() => $"{Side} {Kind}: {Message}";
}
