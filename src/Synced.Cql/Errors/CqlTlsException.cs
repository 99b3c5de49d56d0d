using System;

namespace Synced.Cql.Errors;

/// <summary>The TLS handshake with a node failed (untrusted certificate, host name mismatch, protocol mismatch).</summary>
public sealed class CqlTlsException : CqlConnectionException
{
    public CqlTlsException(string host, string message, Exception? innerException = null)
        : base(host, message, innerException)
    {
    }
}
