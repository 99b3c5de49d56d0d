using System;

namespace Synced.Cql.Protocol;

/// <summary>Bytes on the wire that break the native protocol: a malformed frame or body, or an unexpected message.</summary>
public class CqlProtocolException : CqlException
{
    public CqlProtocolException(string message) : base(message) { }

    public CqlProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
