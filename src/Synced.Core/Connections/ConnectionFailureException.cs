using System;

namespace Synced.Core.Connections;

/// <summary>A cluster cannot be used: raised while connecting, before anything is written.</summary>
public sealed class ConnectionFailureException : Exception
{
    /// <summary>Creates the error.</summary>
    public ConnectionFailureException(ConnectionFailure failure, Exception? inner = null)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Message, inner)
        => Failure = failure;

    /// <summary>Creates the error of a new failure.</summary>
    public ConnectionFailureException(ConnectionFailureKind kind, StoreSide side, string message, Exception? inner, params ConnectionRemedy[] remedies)
        : this(new ConnectionFailure(kind, side, message, remedies), inner)
    {
    }

    /// <summary>What went wrong, where, and what may set it right.</summary>
    public ConnectionFailure Failure { get; }
}
