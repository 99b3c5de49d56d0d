using System;

namespace Synced.Core.Metrics;

/// <summary>The metrics cannot be written or served (a missing directory, a port in use); the sync itself is not affected.</summary>
public sealed class MetricsException : Exception
{
    /// <summary>Creates the error.</summary>
    public MetricsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
