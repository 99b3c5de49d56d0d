using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The logged-in user lacks the permission the request needs. (error Unauthorized)</summary>
public sealed class UnauthorizedException : CqlServerException
{
    public UnauthorizedException(string message) : base(ErrorCode.Unauthorized, message) { }
}
