using System;

namespace Synced.Cql.Errors;

/// <summary>
/// Authentication could not be done on the client side: the node requires credentials none were given, or it
/// uses an authenticator this client does not speak. (Rejected credentials raise <see cref="BadCredentialsException"/>.)
/// </summary>
public sealed class CqlAuthenticationException : CqlConnectionException
{
    public CqlAuthenticationException(string host, string message, Exception? innerException = null)
        : base(host, message, innerException)
    {
    }
}
