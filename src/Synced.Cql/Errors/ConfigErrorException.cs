using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>The query is invalid because of a configuration issue. (error ConfigError)</summary>
public sealed class ConfigErrorException : CqlServerException
{
    public ConfigErrorException(string message) : base(ErrorCode.ConfigError, message) { }
}
