using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The coordinator is overloaded and shed the request; retrying later may succeed. (error Overloaded)</summary>
public sealed class OverloadedException : CqlServerException
{
    public OverloadedException(string message) : base(ErrorCode.Overloaded, message) { }
}
