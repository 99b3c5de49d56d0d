using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Authentication failed: the user name or password was rejected. (error BadCredentials)</summary>
public sealed class BadCredentialsException : CqlServerException
{
    public BadCredentialsException(string message) : base(ErrorCode.BadCredentials, message) { }
}
