using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The query is syntactically valid but invalid (unknown table, wrong value type, ...). (error Invalid)</summary>
public sealed class InvalidQueryException : CqlServerException
{
    public InvalidQueryException(string message) : base(ErrorCode.Invalid, message) { }
}
