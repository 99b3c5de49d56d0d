using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The server hit an internal error while processing the request. (error ServerError)</summary>
public sealed class ServerErrorException : CqlServerException
{
    public ServerErrorException(string message) : base(ErrorCode.ServerError, message) { }
}
