using System;
using Synced.Cql.Protocol;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>An ERROR response: code, message and the fields some codes carry.</summary>
internal sealed class NodeError
{
    public NodeError(ErrorCode code, string message)
    {
        Code = code;
        Message = message;
    }

    public ErrorCode Code { get; }
    public string Message { get; }
    public Consistency Consistency { get; set; } = Consistency.One;
    public string? Keyspace { get; set; }
    /// <summary>Table (AlreadyExists) or function name (FunctionFailure).</summary>
    public string? Table { get; set; }
    public byte[]? PreparedId { get; set; }

    /// <summary>Maps what the engine threw to the error Cassandra answers with; anything unexpected is a ServerError.</summary>
    public static NodeError From(Exception ex) => ex switch
    {
        CqlSyntaxException => new NodeError(ErrorCode.SyntaxError, ex.Message),
        CqlInvalidException => new NodeError(ErrorCode.Invalid, ex.Message),
        CqlAlreadyExistsException a => new NodeError(ErrorCode.AlreadyExists, ex.Message) { Keyspace = a.Keyspace, Table = a.Table },
        CqlUnauthorizedException => new NodeError(ErrorCode.Unauthorized, ex.Message),
        CqlConfigurationException => new NodeError(ErrorCode.ConfigError, ex.Message),
        Synced.Cql.Protocol.CqlProtocolException => new NodeError(ErrorCode.ProtocolError, ex.Message),
        Synced.Cql.Types.CqlCodecException => new NodeError(ErrorCode.ProtocolError, ex.Message),
        _ => new NodeError(ErrorCode.ServerError, $"java.lang.RuntimeException: {ex.GetType().Name}: {ex.Message}"),
    };
}
