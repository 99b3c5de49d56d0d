using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>An error code this client does not know; the code and message are kept.</summary>
public sealed class UnknownServerErrorException : CqlServerException
{
    public UnknownServerErrorException(ErrorCode code, string message) : base(code, message) { }
}
