using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The server found the request breaks the native protocol (or asked for an unsupported version). (error ProtocolError)</summary>
public sealed class ProtocolErrorException : CqlServerException
{
    public ProtocolErrorException(string message) : base(ErrorCode.ProtocolError, message) { }
}
