using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The coordinator is still bootstrapping and cannot serve requests. (error IsBootstrapping)</summary>
public sealed class IsBootstrappingException : CqlServerException
{
    public IsBootstrappingException(string message) : base(ErrorCode.IsBootstrapping, message) { }
}
