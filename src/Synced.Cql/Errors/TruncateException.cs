using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>A TRUNCATE failed. (error TruncateError)</summary>
public sealed class TruncateException : CqlServerException
{
    public TruncateException(string message) : base(ErrorCode.TruncateError, message) { }
}
