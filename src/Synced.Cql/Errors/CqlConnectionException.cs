using System;

namespace Synced.Cql.Errors;

/// <summary>A node could not be reached, or the connection to it broke (refused, reset, closed mid-request).</summary>
public class CqlConnectionException : CqlException
{
    public CqlConnectionException(string host, string message, Exception? innerException = null)
        : base($"{host}: {message}", innerException)
    {
        Host = host;
    }

    /// <summary>The node as host:port.</summary>
    public string Host { get; }

    /// <summary>True when the request was certainly not sent (the connection was already closed), so it can be sent elsewhere safely.</summary>
    public bool RequestNotSent { get; internal set; }
}
