using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The CQL text does not parse. (error SyntaxError)</summary>
public sealed class SyntaxErrorException : CqlServerException
{
    public SyntaxErrorException(string message) : base(ErrorCode.SyntaxError, message) { }
}
